"""The care team: a professional joins by declaring a care episode (presumed consent,
DOMAIN.md); the holder is told and may remove them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from espace.access import AccessError
from espace.actors import Actor
from espace.audit import record
from espace.models import Block, CareTeamMember, HealthSpace, Professional
from espace.policy.access import OPEN_STATUSES


def declare_care_episode(
    db: Session, actor: Actor, space: HealthSpace, now: datetime
) -> CareTeamMember:
    professional = _professional(actor)
    if reason := refusal(db, professional, space):
        raise AccessError(reason)
    member = db.scalar(
        select(CareTeamMember).filter_by(space_id=space.id, professional_id=professional.id)
    )
    if member is not None:
        return member
    member = CareTeamMember(space_id=space.id, professional_id=professional.id, joined_at=now)
    db.add(member)
    db.flush()
    record(db, actor, "care_team.joined", space, target_type="professional",
           target_id=professional.id, now=now)  # fmt: skip
    return member


def refusal(db: Session, professional: Professional, space: HealthSpace) -> str | None:
    """Why declaring a care episode would be refused (None: it would be accepted). Pages ask
    it before offering the action; ``declare_care_episode`` enforces it."""
    if space.status not in OPEN_STATUSES:
        return "Cet espace santé n'est pas ouvert : aucune prise en charge ne peut y être déclarée."
    pair = {"space_id": space.id, "professional_id": professional.id}
    if db.scalar(select(Block.id).filter_by(**pair)):
        return "Le patient ne souhaite pas que vous accédiez à son espace."
    removed = db.scalar(
        select(CareTeamMember.id).filter_by(**pair).where(CareTeamMember.removed_at.is_not(None))
    )
    if removed:
        return (
            "Le patient vous a retiré de son équipe de soins. Pour consulter son espace, "
            "demandez-lui un code de partage."
        )
    return None


def remove_member(
    db: Session, actor: Actor, space: HealthSpace, professional_id: int, now: datetime
) -> None:
    member = db.scalar(
        select(CareTeamMember).filter_by(space_id=space.id, professional_id=professional_id)
    )
    if member is None or member.removed_at is not None:
        raise AccessError("Ce professionnel ne fait pas partie de votre équipe de soins.")
    if space.gp_professional_id == professional_id:
        raise AccessError(
            "Votre médecin traitant ne peut pas être retiré. Déclarez d'abord un autre "
            "médecin traitant."
        )
    member.removed_at = now
    record(db, actor, "care_team.removed", space, target_type="professional",
           target_id=professional_id, now=now)  # fmt: skip


def members(db: Session, space: HealthSpace) -> list[CareTeamMember]:
    return list(
        db.scalars(
            select(CareTeamMember)
            .where(CareTeamMember.space_id == space.id, CareTeamMember.removed_at.is_(None))
            .order_by(CareTeamMember.joined_at)
        )
    )


def patients_of(db: Session, professional: Professional) -> list[HealthSpace]:
    """The spaces whose care team the professional is in, or whose GP they are."""
    in_team = select(CareTeamMember.space_id).where(
        CareTeamMember.professional_id == professional.id, CareTeamMember.removed_at.is_(None)
    )
    return list(
        db.scalars(
            select(HealthSpace)
            .where(
                HealthSpace.status.in_(OPEN_STATUSES),
                or_(HealthSpace.id.in_(in_team), HealthSpace.gp_professional_id == professional.id),
            )
            .order_by(HealthSpace.family_name, HealthSpace.given_name)
        )
    )


def _professional(actor: Actor) -> Professional:
    if actor.professional is None:
        raise AccessError("Seul un professionnel de santé peut déclarer une prise en charge.")
    return actor.professional
