"""Gathering the facts between a professional and a space, fresh at every call (nothing is
cached across requests), and answering with the rules of ``rules.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Integer, and_, bindparam, exists, false, or_, select, true
from sqlalchemy.orm import Session

from espace.db import run_prebuilt
from espace.models import (
    Block,
    CareTeamMember,
    ConsultationConsent,
    Document,
    EmergencyAccess,
    EmergencyMode,
    HealthSpace,
    Professional,
    SpaceStatus,
)
from espace.policy import matrix
from espace.policy.rules import (
    Basis,
    Decision,
    DocumentFacts,
    SpaceFacts,
    basis,
    deposit_decision,
    document_decision,
    space_decision,
    volontes_decision,
)

OPEN_STATUSES = {SpaceStatus.OPEN, SpaceStatus.ACTIVE}


@dataclass(frozen=True)
class Access:
    """One professional facing one space, at one moment."""

    professional: Professional
    space: HealthSpace
    facts: SpaceFacts
    emergency: EmergencyAccess | None

    @property
    def decision(self) -> Decision:
        return space_decision(self.facts)

    @property
    def granted(self) -> bool:
        return self.decision.allowed

    @property
    def basis(self) -> Basis | None:
        return basis(self.facts) if self.granted else None

    def document(self, document: Document) -> Decision:
        return document_decision(self.facts, self.document_facts(document))

    def document_facts(self, document: Document) -> DocumentFacts:
        return DocumentFacts(
            profession_may_read=matrix.may_read(
                self.professional.profession_code, document.category.value
            ),
            masked=document.masked,
            is_author=document.author_professional_id == self.professional.id,
        )

    def volontes(self) -> Decision:
        return volontes_decision(
            self.facts, matrix.may_read(self.professional.profession_code, matrix.VOLONTES)
        )

    def deposit(self) -> Decision:
        return deposit_decision(self.facts)

    def document_filter(self) -> ColumnElement[bool]:
        """The same rule as ``document()``, as SQL, for lists (one query, no count leak)."""
        if not self.granted or self.facts.mask_all:
            return false()
        categories = matrix.readable(self.professional.profession_code) - {matrix.VOLONTES}
        unmasked = (
            true()
            if self.facts.is_gp
            else or_(
                Document.masked.is_(False), Document.author_professional_id == self.professional.id
            )
        )
        return and_(
            Document.space_id == self.space.id,
            Document.category.in_(sorted(categories)),
            unmasked,
        )


def _pair(model: type[CareTeamMember | ConsultationConsent | Block]) -> ColumnElement[bool]:
    return and_(
        model.space_id == bindparam("space_id", type_=Integer),
        model.professional_id == bindparam("professional_id", type_=Integer),
    )


# Asked on every page a professional sees of a space (and under every thread): built once,
# the three facts of the pair in one statement.
_PAIR_FACTS = select(
    exists().where(_pair(CareTeamMember), CareTeamMember.removed_at.is_(None)),
    exists().where(_pair(ConsultationConsent), ConsultationConsent.expires_at > bindparam("now")),
    exists().where(_pair(Block)),
)
_RUNNING_EMERGENCIES = (
    select(EmergencyAccess)
    .where(
        EmergencyAccess.space_id == bindparam("space_id", type_=Integer),
        EmergencyAccess.professional_id == bindparam("professional_id", type_=Integer),
        EmergencyAccess.expires_at > bindparam("now"),
    )
    .order_by(EmergencyAccess.expires_at.desc())
)


def professional_access(
    db: Session, professional: Professional, space: HealthSpace, now: datetime
) -> Access:
    values = {"space_id": space.id, "professional_id": professional.id, "now": now}
    in_care_team, has_consent, blocked = run_prebuilt(db, _PAIR_FACTS, values).one()
    emergency = running_emergency(db, professional, space, now)
    facts = SpaceFacts(
        space_open=space.status in OPEN_STATUSES,
        is_gp=space.gp_professional_id == professional.id,
        in_care_team=bool(in_care_team),
        has_consent=bool(has_consent),
        emergency=_emergency_basis(emergency),
        blocked=bool(blocked),
        mask_all=space.mask_all,
    )
    return Access(professional, space, facts, emergency if facts.emergency else None)


def running_emergency(
    db: Session, professional: Professional, space: HealthSpace, now: datetime
) -> EmergencyAccess | None:
    """The latest emergency access still running and still consented to."""
    values = {"space_id": space.id, "professional_id": professional.id, "now": now}
    for access in db.scalars(_RUNNING_EMERGENCIES, values):
        if emergency_consented(space, access.mode):
            return access
    return None


def emergency_consented(space: HealthSpace, mode: EmergencyMode) -> bool:
    """The holder's two consents, each switchable (both on by default)."""
    return space.samu_consent if mode == EmergencyMode.SAMU else space.emergency_consent


def _emergency_basis(access: EmergencyAccess | None) -> Basis | None:
    if access is None:
        return None
    return Basis.SAMU if access.mode == EmergencyMode.SAMU else Basis.EMERGENCY
