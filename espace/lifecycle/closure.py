"""Closing a space (by its holder, or on death: CSP R1111-36) and reopening it.

Professionals lose all access as soon as the status changes (the policy reads it at every
request). Data is archived where it is: kept 10 years, then purged by a job; a holder may
ask for deletion, done within 90 days. Reopening before the purge brings everything back.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.lifecycle import LifecycleError
from espace.models import HealthSpace, SpaceStatus

ARCHIVE_FOR = timedelta(days=3653)  # 10 years
DELETION_WITHIN = timedelta(days=90)
BY_HOLDER = "holder"
BY_DEATH = "death"
REASON_LABELS = {BY_HOLDER: "à la demande du titulaire", BY_DEATH: "décès"}


def close_space(db: Session, actor: Actor, space: HealthSpace, reason: str, now: datetime) -> None:
    if reason not in REASON_LABELS:
        raise ValueError(f"unknown closure reason {reason!r}")
    if space.status not in {SpaceStatus.OPEN, SpaceStatus.ACTIVE}:
        raise LifecycleError("Cet espace n'est pas ouvert : il ne peut pas être fermé.")
    space.status = SpaceStatus.CLOSED
    space.closed_at = now
    space.closure_reason = reason
    if reason == BY_DEATH:
        space.death_recorded_at = now
    record(db, actor, "space.closed", space, reason=REASON_LABELS[reason], now=now)


def purge_due_at(space: HealthSpace) -> datetime | None:
    """When the archived data will be deleted: 10 years after closure, or within 90 days of
    a deletion request, whichever comes first."""
    if space.status != SpaceStatus.CLOSED or space.closed_at is None or space.purged_at:
        return None
    due = space.closed_at + ARCHIVE_FOR
    if space.deletion_requested_at is not None:
        due = min(due, space.deletion_requested_at + DELETION_WITHIN)
    return due


def reopen_space(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> None:
    if space.status != SpaceStatus.CLOSED or space.purged_at is not None:
        raise LifecycleError(
            "Cet espace ne peut plus être rouvert : ses données ont été supprimées."
        )
    if space.closure_reason == BY_DEATH:
        raise LifecycleError("Un espace fermé à la suite d'un décès ne peut pas être rouvert.")
    space.status = SpaceStatus.ACTIVE if space.activated_at else SpaceStatus.OPEN
    space.closed_at = None
    space.closure_reason = None
    space.deletion_requested_at = None
    record(db, actor, "space.reopened", space, now=now)
