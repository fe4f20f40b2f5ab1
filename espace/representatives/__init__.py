"""Parents and carers: "Mes proches" (/proches)."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("representatives", __name__, url_prefix="/proches")


def init_app(app: Flask) -> None:
    from espace.representatives import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    navigation.add(app, "Mes proches", "representatives.index", {Role.HOLDER}, order=85)
