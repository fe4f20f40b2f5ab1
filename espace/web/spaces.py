"""The space a signed-in holder is working on, and the actor they act as.

A holder works on their own space; a parent or carer will also work on the spaces they
represent (the lifecycle issue), which is why views ask here rather than look it up.
"""

from __future__ import annotations

from flask import abort, g
from flask_login import current_user
from sqlalchemy import select

from espace.actors import Actor
from espace.db import get_session
from espace.models import HealthSpace


def current_actor() -> Actor:
    if "actor" not in g:
        g.actor = Actor.for_account(get_session(), current_user._get_current_object())
    return g.actor


def current_space() -> HealthSpace:
    """The holder's space; 404 when the account has none (never a 500)."""
    if "space" not in g:
        space = get_session().scalar(
            select(HealthSpace).where(HealthSpace.holder_account_id == current_user.id)
        )
        if space is None:
            abort(404)
        g.space = space
    return g.space
