"""Documents of the holder's space (/documents): list, read, upload, delete."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("documents", __name__, url_prefix="/documents")


def init_app(app: Flask) -> None:
    from espace.documents import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    navigation.add(app, "Documents", "documents.index", {Role.HOLDER}, order=10)
