"""The page after sign-in: what exists for this person, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Flask
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.db import get_session
from espace.documents.services import visible_to_holder
from espace.models import Document, HealthSpace, Role
from espace.notifications import unread_now
from espace.policy import Area
from espace.web import navigation
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import acting, current_actor

bp = Blueprint("dashboard", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    navigation.add(app, "Tableau de bord", "dashboard.index", set(Role), order=0)


@dataclass(frozen=True)
class HolderSummary:
    """Counts only: the dashboard shows no health content, so it reads none."""

    documents: int
    unread: int


def holder_summary(db: Session, actor: Actor, space: HealthSpace, unread: int) -> HolderSummary:
    # The same rule as the list: no held result, no minor's confidential care for parents.
    documents = db.scalar(
        select(func.count()).select_from(Document).where(visible_to_holder(space, actor))
    )
    return HolderSummary(documents or 0, unread)


@bp.get("/tableau-de-bord")
@requires(Area.DASHBOARD)
def index() -> ResponseReturnValue:
    db = get_session()
    space = professional = summary = None
    if current_user.role == Role.HOLDER:
        now_acting = acting()  # their own space, or the one they chose on "Mes proches"
        space = now_acting.space if now_acting else None
        if space is not None:
            summary = holder_summary(db, current_actor(), space, unread_now())
    elif current_user.role == Role.PROFESSIONAL:
        professional = current_actor().professional  # the menu's count asked already
    return render("dashboard/index.html", space=space, professional=professional, summary=summary)
