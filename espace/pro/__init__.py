"""The professional's side (/pro): "mes patients", finding a patient by NIR and birth date,
the ways into a space (care episode, share code, emergency access), what the rules let the
professional read, and depositing documents (DOMAIN.md, "Who may see what")."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("pro", __name__, url_prefix="/pro")


def init_app(app: Flask) -> None:
    # The views register themselves on bp when imported.
    from espace.pro import (  # noqa: F401
        deposit_routes,
        emergency_routes,
        patient_routes,
        routes,
    )

    app.register_blueprint(bp)
    navigation.add(app, "Mes patients", "pro.index", {Role.PROFESSIONAL}, order=5)
