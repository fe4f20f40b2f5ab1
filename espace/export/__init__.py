"""Télécharger mes données (/mes-donnees): the holder asks, a job builds a ZIP (a readable
summary, the original documents, a FHIR R4 Bundle), the holder is told when it is ready,
and downloads it within 7 days (DOMAIN.md, "Services": Export)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("export", __name__, url_prefix="/mes-donnees")


def init_app(app: Flask) -> None:
    from espace.export import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
