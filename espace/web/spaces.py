"""The space a signed-in holder is working on, and the actor they act as.

A holder works on their own space, and on the spaces they represent: a parent on a minor
child's, a carer on the sections the holder chose. Which one is explicit: the person picks
it on "Mes proches", and every page says so while it is not their own (see base.html).
Views ask here rather than look the space up, so the rules hold everywhere:
- a representation counts only while in force, and a parent's only while the child is a
  minor (checked at every request: nothing is cached across requests);
- a carer reaches only the sections they were given, and never the holder's own controls.
"""

from __future__ import annotations

from flask import abort, g, request, session
from flask_login import current_user

from espace import clock
from espace.actors import Actor, ActorRole
from espace.db import get_session
from espace.models import HealthSpace, Role
from espace.representatives.services import Managed, managed_spaces

ACTING_KEY = "acting_space"
# Blueprint -> the section a carer must have been given to use it.
CARER_SECTIONS = {
    "documents": "documents",
    "profile": "profil",
    "directory": "profil",
    "reimbursements": "soins",
    "agenda": "agenda",
    "messaging": "messagerie",
}


def managed() -> list[Managed]:
    """Every space the signed-in holder may act on, their own first."""
    if "managed" not in g:
        g.managed = (
            managed_spaces(get_session(), current_user._get_current_object(), clock.now())
            if current_user.is_authenticated and current_user.role == Role.HOLDER
            else []
        )
    return g.managed


def acting() -> Managed | None:
    """The space chosen on "Mes proches" (by default their own, or the first they manage)."""
    choices = managed()
    if not choices:
        return None
    chosen = session.get(ACTING_KEY)
    return next((m for m in choices if m.space.id == chosen), choices[0])


def current_actor() -> Actor:
    if "actor" not in g:
        account = current_user._get_current_object()
        now_acting = acting()
        if now_acting is not None and not now_acting.own:
            g.actor = Actor(ActorRole.REPRESENTATIVE, account)
        else:
            g.actor = Actor.for_account(get_session(), account)
    return g.actor


def current_space() -> HealthSpace:
    """The space of the request; 404 when there is none or the section is not given."""
    if "space" not in g:
        now_acting = acting()
        if now_acting is None:
            abort(404)
        sections = now_acting.sections
        if sections is not None:  # a carer: only the sections the holder chose
            needed = CARER_SECTIONS.get(request.blueprint or "")
            if needed is None or needed not in sections:
                abort(404)
        g.space = now_acting.space
    return g.space


def acting_for_someone_else() -> Managed | None:
    """For the layout: the represented space being managed, if it is not one's own."""
    if not current_user.is_authenticated or current_user.role != Role.HOLDER:
        return None
    now_acting = acting()
    return now_acting if now_acting is not None and not now_acting.own else None


def own_space() -> HealthSpace | None:
    """The signed-in holder's own space, whatever space they are managing now (for pages
    about the account itself: notifications, "Mes proches")."""
    own = next((m for m in managed() if m.own), None)
    return own.space if own is not None else None
