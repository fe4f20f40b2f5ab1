"""The operators' desk: counts, finding a person, recording what arrives by post.

Nothing here reads health data: a person's file is the life of their space (status,
notices, dates), never documents, profile, messages or care. Every lookup that shows a
person is recorded in that space's history (``operator.lookup``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.lifecycle import LifecycleError
from espace.lifecycle.closure import BY_DEATH, REASON_LABELS, close_space
from espace.lifecycle.notices import window_end
from espace.lifecycle.opposition import oppose
from espace.models import (
    ActivationCode,
    EnrolmentBatch,
    HealthSpace,
    Notice,
    Opposition,
    OppositionChannel,
    SpaceStatus,
)

STATUSES = list(SpaceStatus)


@dataclass
class Counts:
    departments: list[str] = field(default_factory=list)
    cells: dict[tuple[str, SpaceStatus], int] = field(default_factory=dict)

    def cell(self, department: str, status: SpaceStatus) -> int:
        return self.cells.get((department, status), 0)

    def row_total(self, department: str) -> int:
        return sum(self.cell(department, status) for status in STATUSES)

    def column_total(self, status: SpaceStatus) -> int:
        return sum(self.cell(department, status) for department in self.departments)

    @property
    def total(self) -> int:
        return sum(self.cells.values())


def counts(db: Session) -> Counts:
    result = Counts()
    for department, status, number in db.execute(
        select(HealthSpace.department, HealthSpace.status, func.count()).group_by(
            HealthSpace.department, HealthSpace.status
        )
    ):
        result.cells[(department, status)] = number
    result.departments = sorted({department for department, _ in result.cells})
    return result


def recent_batches(db: Session, limit: int = 20) -> list[EnrolmentBatch]:
    return list(db.scalars(select(EnrolmentBatch).order_by(EnrolmentBatch.id.desc()).limit(limit)))


def find_space(db: Session, nir: str, birth_date: date) -> HealthSpace | None:
    space = db.scalar(select(HealthSpace).where(HealthSpace.nir == nir))
    if space is None or space.birth_date != birth_date:
        return None
    return space


@dataclass(frozen=True)
class PersonFile:
    """What an operator may know about a person's space: its life, no health data."""

    space: HealthSpace
    notices: list[Notice]
    window_ends_at: datetime | None
    opposition: Opposition | None
    code_valid_until: datetime | None


def look_up(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> PersonFile:
    notices = list(
        db.scalars(select(Notice).where(Notice.space_id == space.id).order_by(Notice.id))
    )
    valid_until = db.scalar(
        select(func.max(ActivationCode.expires_at)).where(
            ActivationCode.space_id == space.id,
            ActivationCode.used_at.is_(None),
            ActivationCode.expires_at > now,
        )
    )
    opposition = db.scalar(select(Opposition).where(Opposition.space_id == space.id))
    record(db, actor, "operator.lookup", space, now=now)
    return PersonFile(space, notices, window_end(db, space), opposition, valid_until)


def record_paper_opposition(
    db: Session, actor: Actor, space: HealthSpace, letter_date: date, now: datetime
) -> None:
    """Raises LifecycleError when the window has passed or the opposition is known."""
    oppose(db, actor, space, OppositionChannel.POST, now, letter_date=letter_date)


def record_death(
    db: Session, actor: Actor, space: HealthSpace, death_date: date, now: datetime
) -> None:
    """Death closes the space (CSP R1111-36). Raises LifecycleError when it cannot."""
    if death_date < space.birth_date:
        raise LifecycleError("La date du décès est avant la date de naissance : vérifiez-la.")
    if space.status == SpaceStatus.NOTIFIED:
        # Still in its window: it must never open. Same fields as close_space, which
        # only closes open spaces.
        space.status = SpaceStatus.CLOSED
        space.closed_at = space.death_recorded_at = now
        space.closure_reason = BY_DEATH
        record(db, actor, "space.closed", space, reason=REASON_LABELS[BY_DEATH], now=now)
    elif space.status in {SpaceStatus.OPEN, SpaceStatus.ACTIVE}:
        close_space(db, actor, space, BY_DEATH, now)
    elif space.status == SpaceStatus.CLOSED and space.closure_reason == BY_DEATH:
        raise LifecycleError("Ce décès est déjà enregistré : l'espace est fermé.")
    else:
        raise LifecycleError(
            "Cet espace n'existe plus (opposition ou fermeture) : il n'y a rien à fermer."
            if space.status == SpaceStatus.OPPOSED
            else "Cet espace est déjà fermé."
        )
    db.execute(
        delete(ActivationCode).where(
            ActivationCode.space_id == space.id, ActivationCode.used_at.is_(None)
        )
    )
