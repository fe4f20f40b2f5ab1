"""Signing in and out, and who the current user is (Flask-Login, server-side sessions)."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import LoginManager

from espace import clock
from espace.db import get_session
from espace.models import Account

bp = Blueprint("auth", __name__)
login_manager = LoginManager()

# Requests that must not count as activity (a background refresh would keep a forgotten
# session alive for ever).
PASSIVE_HEADER = "X-Espace-Passive"


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = None  # our server-side session does this job
    login_manager.request_loader(_load_user_from_session)
    login_manager.unauthorized_handler(_unauthorized)
    from espace.auth import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)


def _load_user_from_session(_request: object) -> Account | None:
    from espace.auth.sessions import load_session

    token = session.get("sid")
    if not token:
        return None
    config = current_app.config
    loaded = load_session(
        get_session(),
        token,
        clock.wall_now(),
        idle=config["SESSION_IDLE_TIMEOUT"],
        absolute=config["SESSION_ABSOLUTE_TIMEOUT"],
        touch=request.headers.get(PASSIVE_HEADER) != "1",
    )
    if loaded.account is None:
        session.clear()
        if loaded.expired:
            session["expired"] = True
    return loaded.account


def _unauthorized() -> ResponseReturnValue:
    if session.pop("expired", False):
        flash(
            "Votre session a expiré après 15 minutes sans activité, pour protéger vos "
            "données. Connectez-vous de nouveau : vous reviendrez sur la page demandée.",
            "error",
        )
    else:
        flash("Connectez-vous pour accéder à cette page.", "info")
    target = url_for("auth.sign_in", suivant=request.full_path.rstrip("?"))
    if request.method != "GET":
        target = url_for("auth.sign_in")
    if request.headers.get("HX-Request"):
        # htmx follows the header with a full page load (a 302 would be swapped in place).
        return "", 401, {"HX-Redirect": target}
    return redirect(target)
