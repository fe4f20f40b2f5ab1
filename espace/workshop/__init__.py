"""Co-construction workshops (demo mode only): the persona picker (/demo), sessions and the
sandbox (/atelier). In production none of these routes exist (CONTRACT.md: ESPACE_DEMO is
never on in production)."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("workshop", __name__)

PUBLIC_ENDPOINTS = {"workshop.personas_page", "workshop.become", "workshop.join"}


def init_app(app: Flask) -> None:
    if not app.config["DEMO"]:
        return
    from espace.workshop import routes, sandbox  # noqa: F401  (registers the views on bp)

    sandbox.install()
    app.register_blueprint(bp)
    navigation.add(app, "Atelier", "workshop.index", {Role.FACILITATOR}, order=5)
    app.context_processor(lambda: {"simulated_today": sandbox.simulated_today})
