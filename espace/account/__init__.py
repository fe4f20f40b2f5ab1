"""The person's account: sign-in details and the authenticator app (/compte)."""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("account", __name__, url_prefix="/compte")


def init_app(app: Flask) -> None:
    from espace.account import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    navigation.add(app, "Mon compte", "account.index", set(Role), order=90)
