"""Views of /confidentialite/medecin-traitant: the GP, and declaring one, chosen among the
doctors who already follow the holder or typed as an RPPS number. The GP sees every
document, masked ones included, and cannot be blocked (DOMAIN.md)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.access import AccessError, controls
from espace.db import get_session
from espace.models import Professional
from espace.policy import Area
from espace.privacy import bp
from espace.privacy.forms import RPPS_HINT, GpChoiceForm, GpRppsForm
from espace.privacy.lookups import (
    Candidate,
    gp_candidates,
    professional_by_rpps,
    record_gp_page_view,
)
from espace.web.access import requires
from espace.web.forms import BaseForm, choices
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space


def _choice_form(candidates: list[Candidate], formdata: bool) -> GpChoiceForm:
    form = GpChoiceForm() if formdata else GpChoiceForm(formdata=None)
    form.medecin.choices = choices(
        (
            str(c.professional.id),
            f"{c.professional.display_name}, {c.professional.specialty or 'médecin'} ({c.where})",
        )
        for c in candidates
    )
    return form


def _render(
    choice: GpChoiceForm, rpps: GpRppsForm, failed: BaseForm | None = None
) -> ResponseReturnValue:
    record_gp_page_view(get_session(), current_actor(), current_space())
    return render(
        "privacy/gp.html",
        gp=current_space().gp,
        choice_form=choice,
        rpps_form=rpps,
        form=failed or rpps,  # the one whose errors the summary and the title tell
        rpps_hint=RPPS_HINT,
        status=422 if failed else 200,
    )


@bp.route("/medecin-traitant", methods=["GET", "POST"])
@requires(Area.PRIVACY)
def gp() -> ResponseReturnValue:
    db, space, actor = get_session(), current_space(), current_actor()
    candidates = gp_candidates(db, space)
    if request.method == "GET":
        return _render(_choice_form(candidates, False), GpRppsForm(formdata=None))
    # Two small forms on the page: the RPPS one sends "rpps", the list one "medecin" (and
    # there is no list when no doctor follows the holder yet).
    by_rpps = "rpps" in request.form or not candidates
    choice = _choice_form(candidates, formdata=not by_rpps)
    rpps = GpRppsForm() if by_rpps else GpRppsForm(formdata=None)
    failed: BaseForm = rpps if by_rpps else choice
    if not failed.validate():
        return _render(choice, rpps, failed)
    if by_rpps:
        found = professional_by_rpps(db, rpps.rpps.data)
        if found is None:
            rpps.fail(
                rpps.rpps,
                f"Aucun professionnel de santé n'a le numéro RPPS {rpps.rpps.data}. Vérifiez "
                "les 11 chiffres : ils sont écrits sur les ordonnances de votre médecin.",
            )
            return _render(choice, rpps, rpps)
        doctor: Professional = found
    else:
        doctor = next(
            c.professional for c in candidates if str(c.professional.id) == choice.medecin.data
        )
    try:
        controls.declare_gp(db, actor, space, doctor, clock.now())
    except AccessError as refused:
        field = rpps.rpps if by_rpps else choice.medecin
        message = (
            f"Ce numéro RPPS est celui d'un professionnel qui n'est pas médecin "
            f"({doctor.profession.lower()}) : saisissez le numéro RPPS de votre médecin."
            if by_rpps
            else refused.message
        )
        failed.fail(field, message)
        return _render(choice, rpps, failed)
    flash(
        "Votre médecin traitant est déclaré. Il voit tous vos documents, même ceux que vous "
        "avez masqués.",
        "success",
    )
    return redirect(url_for("privacy.gp"))
