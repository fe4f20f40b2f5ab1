"""Public pages: home, accessibility statement, legal notice, personal data, health check."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import text

from espace.db import database
from espace.web.htmx import render

bp = Blueprint("pages", __name__)

# Endpoints anyone may open, signed in or not (a meta-test checks every other one
# requires sign-in).
PUBLIC_ENDPOINTS = {
    "pages.home",
    "pages.accessibility",
    "pages.legal_notice",
    "pages.personal_data",
    "pages.healthz",
}


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.get("/")
def home() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    return render("pages/home.html")


@bp.get("/accessibilite")
def accessibility() -> ResponseReturnValue:
    return render("pages/accessibility.html")


@bp.get("/mentions-legales")
def legal_notice() -> ResponseReturnValue:
    return render("pages/legal_notice.html")


@bp.get("/donnees-personnelles")
def personal_data() -> ResponseReturnValue:
    return render("pages/personal_data.html")


@bp.get("/healthz")
def healthz() -> Response:
    """200 and ``ok`` when the database answers (CONTRACT.md)."""
    try:
        with database().engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return Response("base de données indisponible", status=503, mimetype="text/plain")
    return Response("ok", mimetype="text/plain")
