"""Activating one's space (/activation, public), one question per page: the code, the
identity, an e-mail address, a password, then the code sent to that address. And asking
for a new code (/activation/nouveau-code) when it is lost or expired."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("activation", __name__, url_prefix="/activation")

# Anyone may open these, signed in or not (tests/test_meta.py).
PUBLIC_ENDPOINTS = {
    "activation.start",
    "activation.identity",
    "activation.email",
    "activation.password",
    "activation.confirm",
    "activation.resend",
    "activation.new_code",
    "activation.new_code_sent",
}


def init_app(app: Flask) -> None:
    from espace.activation import account_routes, routes  # noqa: F401  (register the views)

    app.register_blueprint(bp)
