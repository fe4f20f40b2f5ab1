"""Who is using the messaging in this request, for the views (services never read it)."""

from __future__ import annotations

from flask import abort, g
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from espace import clock
from espace.db import get_session
from espace.messaging.reading import unread_count
from espace.messaging.renewal import renewal_gp
from espace.messaging.viewer import Viewer, find_thread
from espace.models import Document, Professional, Role, Thread
from espace.web.spaces import current_actor, current_space


def current_viewer() -> Viewer:
    actor = current_actor()
    if current_user.role == Role.HOLDER:
        return Viewer(actor, space=current_space())
    if actor.professional is None:  # a professional account not in the directory
        abort(404)
    return Viewer(actor, professional=actor.professional)


def unread_now(viewer: Viewer) -> int:
    """The unread count, once per request: the page and the menu's badge share it. Views
    ask for it last, after anything they change (a thread marked read)."""
    if "messaging_unread" not in g:
        g.messaging_unread = unread_count(get_session(), viewer, clock.now())
    return g.messaging_unread


def thread_or_404(viewer: Viewer, thread_id: int) -> Thread:
    thread = find_thread(get_session(), viewer, thread_id, clock.now())
    if thread is None:
        abort(404)
    return thread


def renewal_offer(document: Document) -> Professional | None:
    """For templates/documents/detail.html: the GP to ask for a renewal of this
    prescription, or None (no GP, or the rules say no)."""
    if current_user.role != Role.HOLDER:
        return None
    try:
        space = current_space()
    except HTTPException:
        return None
    return renewal_gp(get_session(), current_actor(), space, clock.now())
