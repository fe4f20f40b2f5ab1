"""Historique des soins (/historique-des-soins). SKELETON: to be written."""

from flask import Blueprint, Flask

bp = Blueprint("reimbursements", __name__, url_prefix="/historique-des-soins")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
