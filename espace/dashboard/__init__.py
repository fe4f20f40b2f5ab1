"""The page after sign-in: what exists for this person, and nothing else."""

from __future__ import annotations

from flask import Blueprint, Flask
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from espace.db import get_session
from espace.models import HealthSpace, Professional, Role
from espace.policy import Area
from espace.web import navigation
from espace.web.access import requires
from espace.web.htmx import render

bp = Blueprint("dashboard", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    navigation.add(app, "Tableau de bord", "dashboard.index", set(Role), order=0)


@bp.get("/tableau-de-bord")
@requires(Area.DASHBOARD)
def index() -> ResponseReturnValue:
    db = get_session()
    space = professional = None
    if current_user.role == Role.HOLDER:
        space = db.scalar(
            select(HealthSpace).where(HealthSpace.holder_account_id == current_user.id)
        )
    elif current_user.role == Role.PROFESSIONAL:
        professional = db.scalar(
            select(Professional).where(Professional.account_id == current_user.id)
        )
    return render("dashboard/index.html", space=space, professional=professional)
