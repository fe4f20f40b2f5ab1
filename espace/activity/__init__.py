"""History of every operation (/activite). SKELETON: being written."""

from flask import Blueprint, Flask

bp = Blueprint("activity", __name__, url_prefix="/activite")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
