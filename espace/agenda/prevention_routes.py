"""/agenda/prevention: the prevention calendar from the birth date; hiding and showing an
item again (POST, then back to the page)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.agenda import bp, prevention
from espace.agenda.forms import PreventionForm
from espace.db import get_session
from espace.policy import Area
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space


@bp.get("/prevention")
@requires(Area.AGENDA)
def prevention_page() -> ResponseReturnValue:
    now = clock.now()
    found = prevention.for_space(get_session(), current_actor(), current_space(), now,
                                 clock.today_in_paris())  # fmt: skip
    return render("agenda/prevention.html", calendar=found, space=current_space())


def _known_item() -> str:
    """The item of the form, if the space's calendar has it today (else 404)."""
    form = PreventionForm()
    key = (form.item.data or "") if form.validate() else ""
    db, space = get_session(), current_space()
    known = prevention.generate(space.birth_date, clock.today_in_paris(),
                                prevention.hidden_keys(db, space)).keys  # fmt: skip
    if key not in known:
        abort(404)
    return key


@bp.post("/prevention/masquer")
@requires(Area.AGENDA)
def hide_prevention() -> ResponseReturnValue:
    key = _known_item()
    prevention.hide(get_session(), current_actor(), current_space(), key, clock.now())
    flash(
        "Ce rappel n'est plus affiché. Vous le retrouvez en bas de la page, dans « Rappels "
        "masqués ».",
        "success",
    )
    return redirect(url_for("agenda.prevention_page"))


@bp.post("/prevention/afficher")
@requires(Area.AGENDA)
def show_prevention() -> ResponseReturnValue:
    key = _known_item()
    prevention.show(get_session(), current_actor(), current_space(), key, clock.now())
    flash("Ce rappel est de nouveau affiché.", "success")
    return redirect(url_for("agenda.prevention_page"))
