"""Profil médical (/profil): antécédents, allergies, traitements, vaccinations, mesures,
volontés, entourage, mes professionnels, and private notes (DOMAIN.md, "Services")."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("profile", __name__, url_prefix="/profil")


def init_app(app: Flask) -> None:
    # The views register themselves on bp when imported.
    from espace.profile import (  # noqa: F401
        measurement_routes,
        note_routes,
        professional_routes,
        routes,
        wishes_routes,
    )

    app.register_blueprint(bp)
    navigation.add(app, "Profil médical", "profile.index", {Role.HOLDER}, order=20)
