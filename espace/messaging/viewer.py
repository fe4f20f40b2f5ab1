"""Who is looking at the messaging: a holder (or representative) working on one space, or
a professional facing all their patients; and which threads that is, in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.messaging.facts import readable_by_professional
from espace.models import HealthSpace, Professional, Side, Thread


@dataclass(frozen=True)
class Viewer:
    actor: Actor
    space: HealthSpace | None = None  # the holder's side: the space they act for
    professional: Professional | None = None  # the professional's side

    @property
    def side(self) -> Side:
        return Side.HOLDER if self.space is not None else Side.PROFESSIONAL

    @property
    def account_id(self) -> int:
        assert self.actor.account is not None  # noqa: S101 - views build viewers of accounts
        return self.actor.account.id

    def scope(self, now: datetime) -> ColumnElement[bool]:
        """The threads this viewer may read (the query joins HealthSpace on the thread)."""
        if self.space is not None:
            scope = and_(Thread.space_id == self.space.id, HealthSpace.id == Thread.space_id)
            if self.actor.role == ActorRole.REPRESENTATIVE:  # a minor's confidential care
                scope = and_(scope, Thread.confidential.is_(False))
            return scope
        assert self.professional is not None  # noqa: S101
        return readable_by_professional(self.professional.id, now)


def find_thread(db: Session, viewer: Viewer, thread_id: int, now: datetime) -> Thread | None:
    """The thread if this viewer may read it; None (the view answers 404) otherwise, the
    same for someone else's thread as for a missing one."""
    if not 0 < thread_id < 2**63:
        return None
    return db.scalar(
        select(Thread)
        .join(HealthSpace, HealthSpace.id == Thread.space_id)
        .where(Thread.id == thread_id, viewer.scope(now))
    )
