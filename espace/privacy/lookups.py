"""What the privacy pages read: the holder's objects named in a URL (None for anything
outside the space, so the view answers 404), the professionals related to the space, and
the doctors the holder may declare as GP. The changes themselves are espace.access's."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from espace.access import care_team, controls
from espace.access.controls import Visitor
from espace.actors import Actor
from espace.audit import record
from espace.documents import services as documents
from espace.models import (
    AuditEntry,
    Block,
    CareTeamMember,
    Document,
    HealthSpace,
    MyProfessional,
    Professional,
    ProfileSection,
)

MAX_ID = 2**63 - 1  # larger ids cannot be stored, so cannot exist (and must not reach SQL)
DOCTOR = "10"  # the RPPS profession code of a médecin: only a doctor can be the GP


def find_document(db: Session, space: HealthSpace, document_id: int) -> Document | None:
    """The document if the holder sees it (their space, not held back by its author)."""
    if not 0 < document_id <= MAX_ID:
        return None
    return documents.find(db, space, document_id)


def masking_refusal(space: HealthSpace) -> str | None:
    """Why masking is refused in this space (not activated), or None when it is allowed."""
    return controls.masking_refusal(space)


def related_professional(
    db: Session, space: HealthSpace, professional_id: int
) -> Professional | None:
    """A professional the holder may act on from these pages: one who accessed the space,
    is in its care team or is blocked. Anyone else is unknown here (404)."""
    if not 0 < professional_id <= MAX_ID:
        return None
    pair = {"space_id": space.id, "professional_id": professional_id}
    related = (
        db.scalar(
            select(CareTeamMember.id).filter_by(**pair).where(CareTeamMember.removed_at.is_(None))
        )
        or db.scalar(select(Block.id).filter_by(**pair))
        or db.scalar(
            select(AuditEntry.seq)
            .where(
                AuditEntry.space_id == space.id,
                AuditEntry.actor_professional_id == professional_id,
            )
            .limit(1)
        )
    )
    return db.get(Professional, professional_id) if related else None


def care_team_member(
    db: Session, space: HealthSpace, professional_id: int
) -> CareTeamMember | None:
    if not 0 < professional_id <= MAX_ID:
        return None
    return db.scalar(
        select(CareTeamMember).where(
            CareTeamMember.space_id == space.id,
            CareTeamMember.professional_id == professional_id,
            CareTeamMember.removed_at.is_(None),
        )
    )


def is_blocked(db: Session, space: HealthSpace, professional_id: int) -> bool:
    if not 0 < professional_id <= MAX_ID:
        return False
    return (
        db.scalar(select(Block.id).filter_by(space_id=space.id, professional_id=professional_id))
        is not None
    )


@dataclass(frozen=True)
class Overview:
    """Who sees the space: visitors (from the history), the care team, the blocked."""

    visitors: list[Visitor]
    members: list[CareTeamMember]
    blocked: list[Block]

    @property
    def blocked_ids(self) -> set[int]:
        return {block.professional_id for block in self.blocked}


def overview(db: Session, actor: Actor, space: HealthSpace) -> Overview:
    """Read from the history, so recorded as a reading of it (one entry)."""
    result = Overview(
        controls.visitors(db, space), care_team.members(db, space), controls.blocked(db, space)
    )
    record(db, actor, "history.viewed", space)
    return result


@dataclass(frozen=True)
class Candidate:
    professional: Professional
    where: str  # why they are offered: "équipe de soins", "mes professionnels"


def gp_candidates(db: Session, space: HealthSpace) -> list[Candidate]:
    """The doctors of the care team and of "mes professionnels" (but the current GP)."""
    in_team = select(CareTeamMember.professional_id).where(
        CareTeamMember.space_id == space.id, CareTeamMember.removed_at.is_(None)
    )
    kept = select(MyProfessional.professional_id).where(MyProfessional.space_id == space.id)
    doctors = db.scalars(
        select(Professional)
        .where(
            Professional.profession_code == DOCTOR,
            or_(Professional.id.in_(in_team), Professional.id.in_(kept)),
        )
        .order_by(Professional.family_name, Professional.given_name, Professional.id)
    ).all()
    team_ids = set(db.scalars(in_team))
    return [
        Candidate(
            doctor,
            "dans votre équipe de soins" if doctor.id in team_ids else "dans mes professionnels",
        )
        for doctor in doctors
        if doctor.id != space.gp_professional_id
    ]


def professional_by_rpps(db: Session, rpps: str) -> Professional | None:
    return db.scalar(select(Professional).where(Professional.rpps == rpps))


def record_gp_page_view(db: Session, actor: Actor, space: HealthSpace) -> None:
    """The GP page shows the GP and the doctors of "mes professionnels" and of the care
    team: a reading of the profil médical's "mes professionnels", recorded as such."""
    record(db, actor, "profile.viewed", space, category=ProfileSection.PROFESSIONNELS.value)
