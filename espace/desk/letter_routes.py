"""/gestion/courriers: the letters to print, by batch. Printing (a POST) draws the codes
at that moment and shows the print page straight away: the plain codes exist nowhere
else. Reprinting a run draws new codes; the old ones stop working."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, flash, redirect, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.db import get_session
from espace.desk import bp
from espace.desk.forms import PrintForm
from espace.lifecycle import letters
from espace.policy import Area
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.paging import database_id
from espace.web.spaces import current_actor

OUTSIDE_BATCHES = "hors-lot"


def _batch_id(value: str | None) -> tuple[bool, int | None]:
    """(whether the form names a batch, its id: None for the letters outside batches)."""
    if value == OUTSIDE_BATCHES:
        return True, None
    if (number := database_id(value)) is not None:
        return True, number
    return False, None


@bp.get("/courriers")
@requires(Area.DESK)
def letters_to_print() -> ResponseReturnValue:
    db = get_session()
    return render(
        "desk/letters.html",
        waiting=letters.waiting(db),
        runs=letters.recent_runs(db),
        form=PrintForm(),
        run_size=letters.PRINT_RUN,
        outside=OUTSIDE_BATCHES,
    )


@bp.post("/courriers/imprimer")
@requires(Area.DESK)
def print_letters() -> ResponseReturnValue:
    form = PrintForm()
    named, batch_id = _batch_id(form.lot.data)
    if not named:
        flash("Choisissez un lot dans la liste des courriers à imprimer.", "error")
        return redirect(url_for("desk.letters_to_print"))
    printed = letters.print_waiting(get_session(), batch_id, clock.now())
    return _print_page(printed, reprint=False)


@bp.post("/courriers/reimprimer")
@requires(Area.DESK)
def reprint_letters() -> ResponseReturnValue:
    form = PrintForm()
    named, batch_id = _batch_id(form.lot.data)
    try:
        printed_at = datetime.fromisoformat(form.impression.data or "")
    except ValueError:
        printed_at = None
    if not named or printed_at is None or printed_at.tzinfo is None:
        flash("Choisissez une impression dans la liste des dernières impressions.", "error")
        return redirect(url_for("desk.letters_to_print"))
    printed = letters.reprint(get_session(), current_actor(), batch_id, printed_at, clock.now())
    return _print_page(printed, reprint=True)


def _print_page(printed: list[letters.Letter], reprint: bool) -> ResponseReturnValue:
    if not printed:
        flash("Il n'y a aucun courrier à imprimer dans ce choix.", "info")
        return redirect(url_for("desk.letters_to_print"))
    return render(
        "desk/print.html",
        letters=printed,
        reprint=reprint,
        public_url=current_app.config["PUBLIC_URL"],
    )
