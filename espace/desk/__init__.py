"""The operators' desk (/gestion): counts by status and département, enrolment batches,
letters to print, oppositions and deaths received by post, finding a person by NIR.
Operators only; never any health data."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("desk", __name__, url_prefix="/gestion")


def init_app(app: Flask) -> None:
    from espace.desk import letter_routes, routes  # noqa: F401  (register the views on bp)

    app.register_blueprint(bp)
    navigation.add(app, "Gestion des espaces", "desk.index", {Role.OPERATOR}, order=15)
