"""Documents (/documents). SKELETON: being written."""

from flask import Blueprint, Flask

bp = Blueprint("documents", __name__, url_prefix="/documents")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
