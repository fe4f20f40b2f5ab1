"""Notifications (/notifications). SKELETON: being written."""

from flask import Blueprint, Flask

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
