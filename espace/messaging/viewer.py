"""Who is looking at the messaging: a holder (or representative) working on one space, or
a professional facing all their patients; and which threads that is, in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import ColumnElement, Integer, Select, and_, bindparam, select
from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.messaging.facts import readable_by_professional
from espace.models import HealthSpace, Professional, Side, Thread
from espace.models.base import UTCDateTime


@dataclass(frozen=True)
class Viewer:
    actor: Actor
    space: HealthSpace | None = None  # the holder's side: the space they act for
    professional: Professional | None = None  # the professional's side

    @property
    def side(self) -> Side:
        return Side.HOLDER if self.space is not None else Side.PROFESSIONAL

    @property
    def space_id(self) -> int | None:
        """The space acted for; none on the professional's side (all their patients)."""
        return self.space.id if self.space is not None else None

    @property
    def account_id(self) -> int:
        assert self.actor.account is not None  # noqa: S101 - views build viewers of accounts
        return self.actor.account.id

    @property
    def kind(self) -> str:
        """Whose threads: "holder", "representative" (no confidential care) or
        "professional"."""
        if self.space is None:
            return "professional"
        return "representative" if self.actor.role == ActorRole.REPRESENTATIVE else "holder"

    def scope(self, now: datetime) -> ColumnElement[bool]:
        """The threads this viewer may read (the query joins HealthSpace on the thread)."""
        professional_id = self.professional.id if self.professional is not None else None
        return _scope(self.kind, self.space_id, professional_id, now)

    def bound_values(self, now: datetime) -> dict[str, object]:
        """The values of ``bound_scope(self.kind)``."""
        if self.space is not None:
            return {"space_id": self.space.id, "now": now}
        assert self.professional is not None  # noqa: S101 - a viewer is one side or the other
        return {"professional_id": self.professional.id, "now": now}


def _scope(
    kind: str,
    space_id: int | ColumnElement[int] | None,
    professional_id: int | ColumnElement[int] | None,
    now: datetime | ColumnElement[datetime],
) -> ColumnElement[bool]:
    if kind == "professional":
        assert professional_id is not None  # noqa: S101
        return readable_by_professional(professional_id, now)
    scope = and_(Thread.space_id == space_id, HealthSpace.id == Thread.space_id)
    if kind == "representative":  # a minor's confidential care
        scope = and_(scope, Thread.confidential.is_(False))
    return scope


@cache
def bound_scope(kind: str) -> ColumnElement[bool]:
    """``Viewer.scope`` with bound values (``Viewer.bound_values``), for the statements of
    every page, built once: building the professional's rules cost more than running them."""
    return _scope(
        kind,
        bindparam("space_id", type_=Integer),
        bindparam("professional_id", type_=Integer),
        bindparam("now", type_=UTCDateTime),
    )


def find_thread(db: Session, viewer: Viewer, thread_id: int, now: datetime) -> Thread | None:
    """The thread if this viewer may read it; None (the view answers 404) otherwise, the
    same for someone else's thread as for a missing one."""
    if not 0 < thread_id < 2**63:
        return None
    values = {**viewer.bound_values(now), "thread_id": thread_id}
    return db.scalar(_find_statement(viewer.kind), values)


@cache
def _find_statement(kind: str) -> Select[tuple[Thread]]:
    return (
        select(Thread)
        .join(HealthSpace, HealthSpace.id == Thread.space_id)
        .where(Thread.id == bindparam("thread_id", type_=Integer), bound_scope(kind))
    )
