"""Who represents whom, read from the database (no side effects, so the history and the
notifications can ask without depending on the representatives' services)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import object_session

from espace import clock
from espace.models import Account, HealthSpace, Representation, RepresentationKind

ADULT_AGE = 18


def adult_on(birth: date) -> date:
    """The day someone born on ``birth`` turns 18 (29 February: 1 March)."""
    try:
        return birth.replace(year=birth.year + ADULT_AGE)
    except ValueError:
        return date(birth.year + ADULT_AGE, 3, 1)


def is_minor(space: HealthSpace, today: date) -> bool:
    return today < adult_on(space.birth_date)


def in_force() -> tuple:
    """A representation in force: accepted by an account, not revoked."""
    return (
        Representation.account_id.is_not(None),
        Representation.accepted_at.is_not(None),
        Representation.revoked_at.is_(None),
    )


def parents_of(space: HealthSpace) -> list[Account]:
    """The accounts of a minor's parents (none once the child is 18)."""
    db = object_session(space)
    if db is None or not is_minor(space, clock.today_in_paris()):
        return []
    return list(
        db.scalars(
            select(Account)
            .join(Representation, Representation.account_id == Account.id)
            .where(
                Representation.space_id == space.id,
                Representation.kind == RepresentationKind.PARENT,
                *in_force(),
            )
        )
    )
