"""Views of /confidentialite/urgence: the two emergency consents (CSP R1111-48), any
professional when the holder cannot express their will, and the SAMU regulating doctor."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.access import controls, emergency
from espace.db import get_session
from espace.models import HealthSpace
from espace.policy import Area
from espace.privacy import bp
from espace.privacy.forms import NO, YES, ConsentsForm
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space

EMERGENCY_HOURS = int(emergency.DURATION.total_seconds() // 3600)


def _render(form: ConsentsForm, space: HealthSpace, status: int = 200) -> ResponseReturnValue:
    return render(
        "privacy/consents.html",
        form=form,
        space=space,
        emergency_hours=EMERGENCY_HOURS,
        status=status,
    )


@bp.route("/urgence", methods=["GET", "POST"])
@requires(Area.PRIVACY)
def consents() -> ResponseReturnValue:
    space = current_space()
    if request.method == "GET":
        form = ConsentsForm(
            formdata=None,
            urgence=YES if space.emergency_consent else NO,
            samu=YES if space.samu_consent else NO,
        )
        return _render(form, space)
    form = ConsentsForm()
    if not form.validate():
        return _render(form, space, status=422)
    db, actor, now = get_session(), current_actor(), clock.now()
    # One form, one history entry (when something changed).
    controls.set_emergency_consents(
        db, actor, space, emergency=form.urgence.data == YES, samu=form.samu.data == YES, now=now
    )
    flash("Vos choix pour l'accès en urgence sont enregistrés.", "success")
    return redirect(url_for("privacy.consents"))
