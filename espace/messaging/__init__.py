"""Secure messaging (/messagerie): threads between a holder and professionals.

The same URLs serve both sides: a holder (or a representative) sees the threads of the
space they work on (``current_space()``); a professional sees their threads with all their
patients. Operators and facilitators get a 404 (Area.MESSAGING): they never read messages.
"""

from __future__ import annotations

from functools import lru_cache

from flask import Blueprint, Flask, g
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from espace.models import Role
from espace.web import navigation
from espace.web.sanitize import sanitize_html

bp = Blueprint("messaging", __name__, url_prefix="/messagerie")


def init_app(app: Flask) -> None:
    # The views register themselves on bp when imported.
    from espace.messaging import attachment_routes, compose_routes, routes  # noqa: F401
    from espace.messaging.context import renewal_offer

    app.register_blueprint(bp)
    navigation.add(
        app, "Messagerie", "messaging.inbox", {Role.HOLDER, Role.PROFESSIONAL}, order=25,
        badge=_unread,
    )  # fmt: skip
    # The prescription page (templates/documents/detail.html) asks whether to offer renewal.
    app.jinja_env.globals["renewal_offer"] = renewal_offer
    app.jinja_env.globals["messaging_unread"] = _unread
    # Message bodies are stored as written and shown through the one sanitiser (STYLE.md).
    app.jinja_env.filters["sanitize_html"] = _message_html


@lru_cache(maxsize=1024)
def _message_html(body: str) -> Markup:
    """sanitize_html() is pure and costs about a millisecond a message: a thread page shows
    twenty, read again and again. Per process, bounded, keyed by the text itself."""
    return sanitize_html(body)


def _unread() -> int:
    """The menu's count of unread threads (the label gets a visually hidden "non lues")."""
    from espace.messaging.context import current_viewer, unread_now

    if "messaging_unread" not in g:  # the menu's badge and the refresh share one count
        try:
            g.messaging_unread = unread_now(current_viewer())
        except HTTPException:  # a holder without a space, a professional outside the directory
            g.messaging_unread = 0
    return g.messaging_unread
