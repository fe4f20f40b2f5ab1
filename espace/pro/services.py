"""What the professional's pages ask: finding a space, "mes patients", the documents the
rules let them read, and the history entries of their reads and refusals.

Every list goes through ``Access.document_filter()`` in SQL: what is hidden is never
loaded, so it can be neither shown nor counted (DOMAIN.md, "Who may see what").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from espace.access import care_team, emergency
from espace.actors import Actor
from espace.audit import record
from espace.models import (
    AuthorKind,
    ConsultationConsent,
    Document,
    EmergencyMode,
    HealthSpace,
    Professional,
)
from espace.models.document import WITHOUT_FILE
from espace.policy.access import OPEN_STATUSES, Access
from espace.policy.rules import BASIS_LABELS, Basis
from espace.profile.sections import unique_names
from espace.throttle import Limit, record_failure, state
from espace.web.filters import date_fr, time_fr
from espace.web.paging import Page

PER_PAGE = 20
MAX_ID = 2**63 - 1  # larger ids cannot exist (and must not reach SQL)
# Finding a space by NIR and birth date: 10 misses in 15 minutes lock the search, so no
# one can sweep NIRs. A match does not reset the count (it would let a sweep go on).
SEARCH_LIMIT = Limit(
    "recherche-patient", max_failures=10, window=timedelta(minutes=15),
    lock_for=timedelta(minutes=15),
)  # fmt: skip
NOT_FOUND = (
    "Aucun espace santé ouvert ne correspond à ce numéro et à cette date de naissance. "
    "Vérifiez-les sur la carte Vitale ou une pièce d'identité du patient."
)


class SearchRefused(Exception):
    def __init__(self, message: str, locked: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.locked = locked


def _page_bounds(total: int, page: int, per_page: int) -> tuple[int, int]:
    count = max(1, -(-total // per_page))
    return min(max(page, 1), count), count


def _locked_message(until: datetime) -> str:
    return (
        "Trop de recherches sans résultat : par sécurité, la recherche de patients est "
        f"suspendue jusqu'à {time_fr(until)}. Vérifiez le numéro et la date de naissance "
        "avec le patient, puis réessayez."
    )


def search(db: Session, actor: Actor, nir: str, birth_date: date, now: datetime) -> HealthSpace:
    """The open space with this NIR and birth date; raises SearchRefused otherwise."""
    assert actor.professional is not None  # noqa: S101 - the view checked the role
    subject = str(actor.professional.id)
    if until := state(db, SEARCH_LIMIT, subject).lock_end(now):
        raise SearchRefused(_locked_message(until), locked=True)
    space = db.scalar(
        select(HealthSpace).where(
            HealthSpace.nir == nir,
            HealthSpace.birth_date == birth_date,
            HealthSpace.status.in_(OPEN_STATUSES),
        )
    )
    if space is None:
        after = record_failure(db, SEARCH_LIMIT, subject, now)
        if until := after.lock_end(now):
            raise SearchRefused(_locked_message(until), locked=True)
        raise SearchRefused(NOT_FOUND)
    record(db, actor, "patient.found", space, now=now)
    return space


def open_space(db: Session, space_id: int) -> HealthSpace | None:
    """The space if it exists and is open or active (anything else: the view answers 404)."""
    if not 0 < space_id <= MAX_ID:
        return None
    # The holder comes with it: every page of the record tells them (audit.recipients).
    space = db.get(HealthSpace, space_id, options=[joinedload(HealthSpace.holder)])
    if space is None or space.status not in OPEN_STATUSES:
        return None
    return space


def basis_label(basis: Basis) -> str:
    """ "Médecin traitant", "Régulation SAMU": capitalised, acronyms kept."""
    label = BASIS_LABELS[basis]
    return label[:1].upper() + label[1:]


@dataclass(frozen=True)
class Patient:
    space: HealthSpace
    basis: str
    link_text: str


def my_patients(db: Session, professional: Professional, page: int) -> Page[Patient]:
    """The care-team patients, by name; the GP's first basis is "médecin traitant"."""
    spaces = care_team.patients_of(db, professional)
    number, count = _page_bounds(len(spaces), page, PER_PAGE)
    shown = spaces[(number - 1) * PER_PAGE : number * PER_PAGE]
    names = unique_names(space.full_name for space in shown)
    return Page(
        [
            Patient(
                space,
                basis_label(
                    Basis.GP if space.gp_professional_id == professional.id else Basis.CARE_TEAM
                ),
                name,
            )
            for space, name in zip(shown, names, strict=True)
        ],
        number,
        count,
    )


def access_until(db: Session, access: Access, now: datetime) -> datetime | None:
    """When the access ends: the consent or the emergency access; None for the GP and the
    care team (until the holder removes them)."""
    if access.basis == Basis.CONSENT:
        return db.scalar(
            select(func.max(ConsultationConsent.expires_at)).where(
                ConsultationConsent.space_id == access.space.id,
                ConsultationConsent.professional_id == access.professional.id,
                ConsultationConsent.expires_at > now,
            )
        )
    if access.emergency is not None and access.basis in (Basis.EMERGENCY, Basis.SAMU):
        return access.emergency.expires_at
    return None


@dataclass(frozen=True)
class ListedDocument:
    document: Document
    author: str
    hidden_suffix: str  # after the title in the link: what tells it apart when heard


def author_of(document: Document) -> str:
    """The author as the professional says it ("Vous" is the holder's word)."""
    return "Le patient" if document.author_kind == AuthorKind.HOLDER else document.author_name


def visible_documents(db: Session, actor: Actor, access: Access, page: int) -> Page[ListedDocument]:
    """The documents the rules let this professional read, newest first; one history
    entry, and the holder told (coalesced per hour)."""
    rule = access.document_filter()
    total = db.scalar(select(func.count()).select_from(Document).where(rule)) or 0
    number, count = _page_bounds(total, page, PER_PAGE)
    documents = list(
        db.scalars(
            select(Document)
            .options(WITHOUT_FILE)
            .where(rule)
            .order_by(Document.document_date.desc(), Document.id.desc())
            .limit(PER_PAGE)
            .offset((number - 1) * PER_PAGE)
        )
    )
    record(db, actor, "document.listed", access.space, notify_kind="professional_access")
    described = [f"{d.title}, {date_fr(d.document_date)}, {author_of(d)}" for d in documents]
    items = [
        ListedDocument(d, author_of(d), label[len(d.title) :])
        for d, label in zip(documents, unique_names(described), strict=True)
    ]
    return Page(items, number, count)


def find_document(db: Session, space: HealthSpace, document_id: int) -> Document | None:
    """The document if it is in this space (any other: None, the view answers 404)."""
    if not 0 < document_id <= MAX_ID:
        return None
    document = db.get(Document, document_id)
    if document is None or document.space_id != space.id:
        return None
    return document


def record_document(
    db: Session, actor: Actor, space: HealthSpace, document: Document, event: str
) -> None:
    """``document.viewed`` or ``document.downloaded``, the holder told."""
    record(db, actor, event, space, target_type="document", target_id=document.id,
           category=document.category.value, notify_kind="professional_access")  # fmt: skip


def record_refusal(
    db: Session, actor: Actor, space: HealthSpace, reason: str, document: Document | None = None
) -> None:
    """The holder reads, in their history, who was refused what and why."""
    record(
        db, actor, "access.refused", space,
        target_type="document" if document else None,
        target_id=document.id if document else None,
        category=document.category.value if document else None,
        reason=reason,
    )  # fmt: skip


def care_episode_refusal(db: Session, professional: Professional, space: HealthSpace) -> str | None:
    """Why declaring a care episode would be refused, before offering it."""
    return care_team.refusal(db, professional, space)


def emergency_refusal(
    db: Session, space: HealthSpace, professional: Professional, mode: EmergencyMode
) -> str | None:
    """Why ``emergency.start`` would refuse, checked before asking for the second factor."""
    return emergency.refusal(db, space, professional, mode)
