"""Feedback on every page ("Donner mon avis"), and its synthesis for facilitators."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("feedback", __name__, url_prefix="/avis")

# Anyone may give an opinion, signed in or not (workshops, pilot testers).
PUBLIC_ENDPOINTS = {"feedback.give"}


def init_app(app: Flask) -> None:
    from espace.feedback import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
