"""Historique des soins (/historique-des-soins): care reimbursed by the Assurance maladie,
imported from the insurer's feed (``flask --app app soins import FICHIER``)."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("reimbursements", __name__, url_prefix="/historique-des-soins")


def init_app(app: Flask) -> None:
    from espace.reimbursements import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    navigation.add(app, "Historique des soins", "reimbursements.index", {Role.HOLDER}, order=30)
