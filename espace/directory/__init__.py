"""L'annuaire (/annuaire): health professionals from the national RPPS extract, imported
with ``flask --app app annuaire import FICHIER``; searched by name, profession, specialty,
town, postcode and département; each professional's page lets a holder keep them in "mes
professionnels" or declare them as GP (DOMAIN.md, "Annuaire")."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("directory", __name__, url_prefix="/annuaire")


def init_app(app: Flask) -> None:
    from espace.directory import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    navigation.add(app, "Annuaire", "directory.index", {Role.HOLDER, Role.PROFESSIONAL}, order=50)
