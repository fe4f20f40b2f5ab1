"""The holder's notifications (/notifications) and the unread count in the menu."""

from __future__ import annotations

from flask import Blueprint, Flask, g
from flask_login import current_user

from espace.db import get_session
from espace.models import Role
from espace.notifications.services import unread_count
from espace.web import navigation

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def init_app(app: Flask) -> None:
    from espace.notifications import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    navigation.add(
        app,
        "Notifications",
        "notifications.index",
        {Role.HOLDER, Role.PROFESSIONAL},
        order=80,
        badge=unread_now,
    )


def unread_now() -> int:
    """The unread count, once per request: the dashboard and the menu's badge share it."""
    if "notifications_unread" not in g:
        g.notifications_unread = unread_count(get_session(), current_user.id)
    return g.notifications_unread
