"""The holder's controls (/confidentialite): mask documents or everything, see who
accessed the space and block them, the two emergency consents, the GP, share codes
(DOMAIN.md, "Who may see what" and "Emergency access")."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("privacy", __name__, url_prefix="/confidentialite")


def init_app(app: Flask) -> None:
    # The views register themselves on bp when imported.
    from espace.privacy import (  # noqa: F401
        consent_routes,
        document_routes,
        gp_routes,
        professional_routes,
        routes,
        share_code_routes,
    )

    app.register_blueprint(bp)
    navigation.add(app, "Confidentialité", "privacy.index", {Role.HOLDER}, order=35)
