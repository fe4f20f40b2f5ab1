"""Refusing the creation of one's space during the notice window (/opposition, public):
the activation code, then the NIR and date of birth, then a plain confirmation."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("opposition", __name__, url_prefix="/opposition")

# Anyone may open these, signed in or not (tests/test_meta.py).
PUBLIC_ENDPOINTS = {
    "opposition.start",
    "opposition.identity",
    "opposition.confirm",
    "opposition.done",
    "opposition.window_passed",
}


def init_app(app: Flask) -> None:
    from espace.opposition import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
