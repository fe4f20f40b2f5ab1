"""Profil médical (/profil). SKELETON: to be written."""

from flask import Blueprint, Flask

bp = Blueprint("profile", __name__, url_prefix="/profil")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
