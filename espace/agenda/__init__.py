"""The agenda (/agenda): appointments with reminders, their export as .ics and a private
subscription link, the prevention calendar from the birth date; and, for a professional
of the care team, adding an appointment to a patient's agenda (DOMAIN.md, "Services")."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("agenda", __name__, url_prefix="/agenda")

# Reachable without signing in: the subscription feed, whose secret token is the key
# (tests/test_meta.py lists the endpoints that need no sign-in).
PUBLIC_ENDPOINTS = {"agenda.feed"}


def init_app(app: Flask) -> None:
    # The views register themselves on bp when imported.
    from espace.agenda import (  # noqa: F401
        feed_routes,
        prevention_routes,
        pro_routes,
        routes,
    )
    from espace.agenda.times import when_fr

    app.register_blueprint(bp)
    app.jinja_env.filters["when_fr"] = when_fr
    navigation.add(app, "Agenda", "agenda.index", {Role.HOLDER}, order=15)
