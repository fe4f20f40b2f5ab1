"""Views of /espace: the state of the space, closing it, reopening it, asking for the
deletion of its data. Each decision is confirmed, then Post/Redirect/Get."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from espace import clock
from espace.closure import bp, services
from espace.closure.forms import PasswordConfirmForm
from espace.db import get_session
from espace.lifecycle import LifecycleError
from espace.lifecycle.closure import ARCHIVE_FOR, DELETION_WITHIN, REASON_LABELS, purge_due_at
from espace.models import HealthSpace
from espace.policy import Area
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space

ARCHIVE_YEARS = round(ARCHIVE_FOR.days / 365.25)
DELETION_DAYS = DELETION_WITHIN.days


def _space() -> HealthSpace:
    """The space of the request, if this person may decide about it (else 404)."""
    space = current_space()
    if not services.may_decide(get_session(), current_actor(), space):
        abort(404)
    return space


def _context(space: HealthSpace) -> dict:
    return {
        "space": space,
        "own": space.holder_account_id == current_user.id,
        "archive_years": ARCHIVE_YEARS,
        "deletion_days": DELETION_DAYS,
    }


def _confirmed(form: PasswordConfirmForm, now: datetime) -> bool:
    """The form is filled and the password is the signed-in account's own."""
    if not form.validate():
        return False
    account = current_user._get_current_object()
    problem = services.password_problem(get_session(), account, form.password.data, now)
    if problem:
        form.fail(form.password, problem)
        return False
    return True


@bp.get("")
@requires(Area.CLOSURE)
def index() -> ResponseReturnValue:
    space = _space()
    if not services.is_closed(space):
        return render("closure/index.html", **_context(space))
    return render(
        "closure/closed.html",
        **_context(space),
        reason=REASON_LABELS.get(space.closure_reason or "", ""),
        purge_due=purge_due_at(space),
        may_reopen=services.may_reopen(space),
        may_request_deletion=services.may_request_deletion(space),
    )


@bp.route("/fermer", methods=["GET", "POST"])
@requires(Area.CLOSURE)
def close() -> ResponseReturnValue:
    space = _space()
    if services.is_closed(space):
        return redirect(url_for("closure.index"))
    form = PasswordConfirmForm()
    if request.method == "GET":
        return render("closure/close.html", form=form, **_context(space))
    db, now = get_session(), clock.now()
    if not _confirmed(form, now):
        return render("closure/close.html", form=form, **_context(space), status=422)
    services.close(db, current_actor(), space, now)
    flash("L'espace est fermé. Les professionnels de santé n'y ont plus accès.", "success")
    return redirect(url_for("closure.index"))


@bp.post("/rouvrir")
@requires(Area.CLOSURE)
def reopen() -> ResponseReturnValue:
    space = _space()
    if not services.is_closed(space):  # already open (a second click): nothing to do
        return redirect(url_for("closure.index"))
    try:
        services.reopen(get_session(), current_actor(), space, clock.now())
    except LifecycleError as refused:
        flash(refused.message, "error")
        return redirect(url_for("closure.index"))
    flash("L'espace est rouvert : vous retrouvez toutes vos données.", "success")
    return redirect(url_for("dashboard.index"))


@bp.route("/suppression", methods=["GET", "POST"])
@requires(Area.CLOSURE)
def deletion() -> ResponseReturnValue:
    space = _space()
    if not services.may_request_deletion(space):
        return redirect(url_for("closure.index"))
    form = PasswordConfirmForm()
    now = clock.now()
    context = {**_context(space), "form": form, "deadline": now + DELETION_WITHIN}
    if request.method == "GET":
        return render("closure/deletion.html", **context)
    if not _confirmed(form, now):
        return render("closure/deletion.html", **context, status=422)
    services.request_deletion(get_session(), current_actor(), space, now)
    flash("La demande de suppression est enregistrée.", "success")
    return redirect(url_for("closure.index"))
