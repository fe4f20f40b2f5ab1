"""A professional's page for a holder: who they are to the holder (GP, care team, "mes
professionnels"), and the two actions the page offers. Each reuses the service that owns
the data, which records its own event: ``add_professional`` (profile) and ``declare_gp``
(access).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from espace.access import AccessError
from espace.access.care_team import members
from espace.access.controls import declare_gp
from espace.actors import Actor
from espace.audit import record
from espace.models import HealthSpace, MyProfessional, Professional, ProfileSection
from espace.profile.professionals import add_professional

MAX_ID = 2**63 - 1  # larger ids cannot exist (and must not reach SQL)
RETIRED = (
    "Ce professionnel ne figure plus dans l'annuaire national : il n'exerce peut-être plus. "
    "Cherchez un autre professionnel dans l'annuaire."
)


@dataclass(frozen=True)
class Relation:
    """What this professional is to the holder's space."""

    is_gp: bool
    in_care_team: bool
    kept: bool  # in "mes professionnels"


def find(db: Session, professional_id: int) -> Professional | None:
    if not 0 < professional_id <= MAX_ID:
        return None
    return db.scalar(
        select(Professional)
        .where(Professional.id == professional_id)
        .options(selectinload(Professional.sites))
    )


def relation(db: Session, actor: Actor, space: HealthSpace, professional: Professional) -> Relation:
    """Reads the holder's professionals and care team: one ``profile.viewed`` entry."""
    kept = db.scalar(
        select(MyProfessional.id).where(
            MyProfessional.space_id == space.id,
            MyProfessional.professional_id == professional.id,
        )
    )
    in_team = any(m.professional_id == professional.id for m in members(db, space))
    record(
        db,
        actor,
        "profile.viewed",
        space,
        category=ProfileSection.PROFESSIONNELS.value,
        target_type="professional",
        target_id=professional.id,
    )
    return Relation(space.gp_professional_id == professional.id, in_team, kept is not None)


def keep(db: Session, actor: Actor, space: HealthSpace, professional: Professional) -> None:
    """Add to "mes professionnels"; ``profile.services.Refused`` says why not."""
    if professional.retired_at is not None:
        raise AccessError(RETIRED)
    add_professional(db, actor, space, professional.rpps)


def declare(
    db: Session, actor: Actor, space: HealthSpace, professional: Professional, now: datetime
) -> None:
    """Declare as médecin traitant; ``AccessError`` says why not."""
    if professional.retired_at is not None:
        raise AccessError(RETIRED)
    declare_gp(db, actor, space, professional, now)
