"""/agenda/pro/<space_id>/ajouter: the GP or a professional of the care team adds an
appointment to a patient's agenda; the holder is notified. Anyone else is refused (the
refusal is written to the patient's history, then looks like a missing page)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace.agenda import bp, choosing, services
from espace.agenda.forms import AppointmentForm
from espace.agenda.routes import details, saved_message
from espace.policy import Area
from espace.pro.context import Visit, inside
from espace.web.access import requires
from espace.web.htmx import render

FORM = "agenda/pro_form.html"
REFUSAL = "seuls le médecin traitant et l'équipe de soins ajoutent des rendez-vous"


def _allowed(space_id: int) -> Visit:
    current = inside(space_id)
    facts = current.access.facts
    if not (facts.is_gp or facts.in_care_team):  # not a share code, not an emergency
        current.refuse(REFUSAL)
    return current


@bp.route("/pro/<int:space_id>/ajouter", methods=["GET", "POST"])
@requires(Area.PRO)
def pro_add(space_id: int) -> ResponseReturnValue:
    current = _allowed(space_id)
    if request.method == "GET":
        form = AppointmentForm(formdata=None)
        choosing.prepare(current.db, form, current.professional)
        return render(FORM, form=form, visit=current)
    form = AppointmentForm()
    valid = form.validate()
    instant = form.instant(current.now)
    chosen = choosing.choose(current.db, form, linked=current.professional)
    if not valid or instant is None or chosen is None:
        return render(FORM, form=form, visit=current, status=422)
    services.add(current.db, current.actor, current.space, details(form, instant, chosen),
                 current.now)  # fmt: skip
    flash(
        saved_message("Le rendez-vous est ajouté à l'agenda du patient, qui en est informé.",
                      instant),
        "success",
    )  # fmt: skip
    return redirect(url_for("pro.patient", space_id=space_id))
