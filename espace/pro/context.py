"""Who is visiting which space, for the views of /pro: the professional, the space, their
access now, and whether they proved they know the patient (NIR and birth date) in this
session. Refusals are written to the holder's history, then look like a missing page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn

from flask import abort, session
from sqlalchemy.orm import Session

from espace import clock
from espace.actors import Actor
from espace.db import get_session
from espace.models import Document, HealthSpace, Professional
from espace.policy.access import Access, professional_access
from espace.pro.services import open_space, record_refusal
from espace.web.spaces import current_actor

FOUND_KEY = "pro_found"  # ids of the spaces found by NIR and birth date (never the NIR)
FOUND_KEPT = 10


def current_professional() -> Professional:
    professional = current_actor().professional
    if professional is None:  # a professional account not in the directory
        abort(404)
    return professional


def remember_found(space_id: int) -> None:
    kept = [i for i in session.get(FOUND_KEY, []) if i != space_id]
    session[FOUND_KEY] = [*kept, space_id][-FOUND_KEPT:]


def was_found(space_id: int) -> bool:
    return space_id in session.get(FOUND_KEY, [])


@dataclass(frozen=True)
class Visit:
    db: Session
    actor: Actor
    professional: Professional
    space: HealthSpace
    access: Access
    found: bool
    now: datetime

    @property
    def blocked(self) -> bool:
        return self.access.facts.blocked and not self.access.facts.is_gp

    @property
    def may_knock(self) -> bool:
        """May ask for a way in: found by NIR and birth date (or already inside), and not
        blocked by the holder."""
        return (self.found or self.access.granted) and not self.blocked

    def refuse(self, reason: str | None = None, document: Document | None = None) -> NoReturn:
        record_refusal(
            self.db, self.actor, self.space, reason or self.access.decision.reason, document
        )
        self.db.commit()  # the error page rolls back what the request wrote
        abort(404)


def visit(space_id: int) -> Visit:
    """The professional facing an open space (closed, opposed, notified or missing: 404,
    with nothing written: an opposed space keeps no history)."""
    db = get_session()
    professional = current_professional()
    space = open_space(db, space_id)
    if space is None:
        abort(404)
    now = clock.now()
    access = professional_access(db, professional, space, now)
    return Visit(db, current_actor(), professional, space, access, was_found(space_id), now)


def inside(space_id: int) -> Visit:
    """A visit with access granted; anything else is refused (history, then 404)."""
    current = visit(space_id)
    if not current.access.granted:
        current.refuse()
    return current


def at_the_door(space_id: int) -> Visit:
    """A visit that may ask for a way in (care episode, share code, emergency)."""
    current = visit(space_id)
    if not current.may_knock:
        current.refuse()
    return current
