"""Reading the history of a space: two tabs (my actions, professionals'), a period, pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.audit import record
from espace.audit.events import EVENTS
from espace.models import AuditEntry, HealthSpace, Professional
from espace.models.document import DocumentCategory
from espace.models.profile import ProfileSection
from espace.web.paging import Paged

PER_PAGE = 25
TABS = {
    "moi": (
        "Mes actions",
        [ActorRole.HOLDER, ActorRole.REPRESENTATIVE, ActorRole.SYSTEM, ActorRole.OPERATOR],
    ),
    "professionnels": ("Professionnels", [ActorRole.PROFESSIONAL]),
}
PERIODS = {
    "30j": ("Les 30 derniers jours", timedelta(days=30)),
    "7j": ("Les 7 derniers jours", timedelta(days=7)),
    "12m": ("Les 12 derniers mois", timedelta(days=365)),
    "tout": ("Depuis le début", None),
}


@dataclass(frozen=True)
class Row:
    when: datetime
    who: str
    what: str
    item: str | None
    reason: str | None


@dataclass(frozen=True)
class HistoryPage(Paged):
    rows: list[Row]
    number: int
    count: int
    total: int


def _item_label(entry: AuditEntry) -> str | None:
    if entry.category in {c.value for c in DocumentCategory}:
        return f"Document : {DocumentCategory(entry.category).label}"
    if entry.category in {s.value for s in ProfileSection}:
        return f"Profil médical : {ProfileSection(entry.category).label}"
    if entry.category == "profil":
        return "Profil médical"
    return None


def _who(entry: AuditEntry, space: HealthSpace, professionals: dict[int, Professional]) -> str:
    role = entry.actor_role
    if role == ActorRole.PROFESSIONAL and entry.actor_professional_id in professionals:
        professional = professionals[entry.actor_professional_id]
        return f"{professional.display_name} ({professional.profession})"
    if role == ActorRole.HOLDER and entry.actor_account_id == space.holder_account_id:
        return "Vous"
    return {
        ActorRole.REPRESENTATIVE: "Votre représentant",
        ActorRole.SYSTEM: "Assurance maladie (automatique)",
        ActorRole.OPERATOR: "Un agent de l'Assurance maladie",
        ActorRole.PROFESSIONAL: "Un professionnel de santé",
    }.get(ActorRole(role), "Vous")


def history_page(
    db: Session, actor: Actor, space: HealthSpace, tab: str, period: str, page: int, now: datetime
) -> HistoryPage:
    conditions = [AuditEntry.space_id == space.id, AuditEntry.actor_role.in_(TABS[tab][1])]
    if (span := PERIODS[period][1]) is not None:
        conditions.append(AuditEntry.occurred_at >= now - span)
    total = db.scalar(select(func.count()).select_from(AuditEntry).where(*conditions)) or 0
    count = max(1, -(-total // PER_PAGE))
    number = min(max(page, 1), count)
    entries = db.scalars(
        select(AuditEntry)
        .where(*conditions)
        .order_by(AuditEntry.seq.desc())
        .limit(PER_PAGE)
        .offset((number - 1) * PER_PAGE)
    ).all()
    professional_ids = {e.actor_professional_id for e in entries if e.actor_professional_id}
    professionals = {
        p.id: p
        for p in db.scalars(select(Professional).where(Professional.id.in_(professional_ids)))
    }
    rows = [
        Row(
            when=entry.occurred_at,
            who=_who(entry, space, professionals),
            what=EVENTS[entry.event].label if entry.event in EVENTS else entry.event,
            item=_item_label(entry),
            reason=entry.reason,
        )
        for entry in entries
    ]
    record(db, actor, "history.viewed", space, now=now)
    return HistoryPage(rows, number, count, total)
