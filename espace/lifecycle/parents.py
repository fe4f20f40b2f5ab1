"""A dependant's insured parent becomes the representative of the child's space (CSP
R1111-33), as soon as both exist: when the parent activates their own space, or when the
child is enrolled and the parent already has an account."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.clock import PARIS
from espace.models import Account, HealthSpace, Representation, SpaceStatus
from espace.representatives.queries import is_minor
from espace.representatives.services import link_parent

REPRESENTABLE = {SpaceStatus.NOTIFIED, SpaceStatus.OPEN, SpaceStatus.ACTIVE}


def grant_parents(db: Session, children: Iterable[HealthSpace], now: datetime) -> int:
    """For each minor child whose insured parent has an account: a parent representation
    (unless one is already in force). Returns how many were created."""
    children = [c for c in children if c.insured_parent_nir and c.status in REPRESENTABLE]
    if not children:
        return 0
    rows = db.execute(
        select(HealthSpace.nir, HealthSpace.holder_account_id).where(
            HealthSpace.nir.in_({c.insured_parent_nir for c in children}),
            HealthSpace.holder_account_id.is_not(None),
            HealthSpace.status == SpaceStatus.ACTIVE,
        )
    ).all()
    parents: dict[str, int] = {row[0]: row[1] for row in rows}
    created = 0
    for child in children:
        account_id = parents.get(child.insured_parent_nir or "")
        if account_id is None or not is_minor(child, now.astimezone(PARIS).date()):
            continue
        if _already_represented(db, child, account_id):
            continue
        link_parent(db, db.get_one(Account, account_id), child, now)
        created += 1
    return created


def children_of(db: Session, parent: HealthSpace) -> list[HealthSpace]:
    return list(
        db.scalars(
            select(HealthSpace).where(
                HealthSpace.insured_parent_nir == parent.nir,
                HealthSpace.status.in_(REPRESENTABLE),
            )
        )
    )


def _already_represented(db: Session, child: HealthSpace, account_id: int) -> bool:
    return (
        db.scalar(
            select(Representation.id).where(
                Representation.space_id == child.id,
                Representation.account_id == account_id,
                Representation.revoked_at.is_(None),
            )
        )
        is not None
    )
