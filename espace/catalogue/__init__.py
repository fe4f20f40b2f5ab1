"""Le catalogue de services (/catalogue): health services referenced by Espace santé, what
each would receive and how long it keeps it; the holder grants and revokes consent per
service, and each change is written in the history."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("catalogue", __name__, url_prefix="/catalogue")


def init_app(app: Flask) -> None:
    from espace.catalogue import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    navigation.add(app, "Services", "catalogue.index", {Role.HOLDER}, order=55)
