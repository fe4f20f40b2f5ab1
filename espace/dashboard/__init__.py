"""The page after sign-in: what exists for this person, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Flask
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from espace.db import get_session
from espace.models import Document, HealthSpace, Professional, Role
from espace.notifications.services import unread_count
from espace.policy import Area
from espace.web import navigation
from espace.web.access import requires
from espace.web.htmx import render

bp = Blueprint("dashboard", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    navigation.add(app, "Tableau de bord", "dashboard.index", set(Role), order=0)


@dataclass(frozen=True)
class HolderSummary:
    """Counts only: the dashboard shows no health content, so it reads none."""

    documents: int
    unread: int


def holder_summary(db: Session, space: HealthSpace, account_id: int) -> HolderSummary:
    documents = db.scalar(
        select(func.count()).select_from(Document).where(Document.space_id == space.id)
    )
    return HolderSummary(documents or 0, unread_count(db, account_id))


@bp.get("/tableau-de-bord")
@requires(Area.DASHBOARD)
def index() -> ResponseReturnValue:
    db = get_session()
    space = professional = summary = None
    if current_user.role == Role.HOLDER:
        space = db.scalar(
            select(HealthSpace).where(HealthSpace.holder_account_id == current_user.id)
        )
        if space is not None:
            summary = holder_summary(db, space, current_user.id)
    elif current_user.role == Role.PROFESSIONAL:
        professional = db.scalar(
            select(Professional).where(Professional.account_id == current_user.id)
        )
    return render("dashboard/index.html", space=space, professional=professional, summary=summary)
