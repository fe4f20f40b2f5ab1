"""Views of /avis."""

from __future__ import annotations

from flask import Response, flash, redirect, request, session
from flask.typing import ResponseReturnValue
from flask_login import current_user

from espace import clock
from espace.db import get_session
from espace.feedback import bp, services
from espace.feedback.forms import FeedbackForm
from espace.policy import Area
from espace.web.access import requires
from espace.web.htmx import is_htmx, render
from espace.web.paging import database_id
from espace.workshop.personas import persona_of

SESSION_KEY = "workshop_session"


@bp.route("", methods=["GET", "POST"])
def give() -> ResponseReturnValue:
    form = FeedbackForm()
    if request.method == "GET":
        form.page.data = services.local_path(request.args.get("page"))
        return render("feedback/form.html", block="form", form=form, inline=is_htmx())
    if not form.validate():
        return render("feedback/form.html", block="form", form=form, inline=is_htmx(), status=422)
    account = current_user._get_current_object() if current_user.is_authenticated else None
    services.give(
        get_session(),
        page=form.page.data or "/",
        persona=persona_of(account),
        session_id=session.get(SESSION_KEY),
        trying=form.trying.data,
        worked=form.worked.data,
        hard=form.hard.data,
        rating=form.chosen_rating(),
        now=clock.now(),
    )
    if is_htmx():
        return render("feedback/thanks.html")
    flash("Merci pour votre avis : il aidera à améliorer le service.", "success")
    return redirect(services.local_path(form.page.data))


@bp.get("/reponses")
@requires(Area.FEEDBACK)
def answers() -> ResponseReturnValue:
    session_id = _session_id()
    groups = services.grouped(get_session(), session_id)
    return render(
        "feedback/answers.html", groups=groups, session_id=session_id, worked_labels=services.WORKED
    )


@bp.get("/reponses.csv")
@requires(Area.FEEDBACK)
def answers_csv() -> Response:
    body = services.as_csv(get_session(), _session_id())
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="avis-espace-sante.csv"'},
    )


def _session_id() -> int | None:
    """The workshop session asked for in the query string; anything that cannot be one (a
    word, a number too large for the database) means every session, as no choice does."""
    return database_id(request.args.get("seance"))
