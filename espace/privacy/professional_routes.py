"""Views of /confidentialite/professionnels: who accessed the space, the care team, the
blocked professionals; block, unblock, remove from the care team (never the GP).

A block holds from the professional's very next request: the policy reads fresh facts at
every request (espace/policy/access.py), so there is nothing to invalidate here.
"""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.access import AccessError, care_team, controls
from espace.db import get_session
from espace.policy import Area
from espace.privacy import bp
from espace.privacy.lookups import care_team_member, is_blocked, overview, related_professional
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space

GP_REFUSAL = (
    "Votre médecin traitant ne peut pas être bloqué ni retiré de votre équipe de soins. "
    "Pour cela, déclarez d'abord un autre médecin traitant."
)


@bp.get("/professionnels")
@requires(Area.PRIVACY)
def professionals() -> ResponseReturnValue:
    space = current_space()
    seen = overview(get_session(), current_actor(), space)  # records history.viewed
    return render(
        "privacy/professionals.html",
        overview=seen,
        gp_id=space.gp_professional_id,
        gp_refusal=GP_REFUSAL,
    )


@bp.post("/professionnels/<int:professional_id>/bloquer")
@requires(Area.PRIVACY)
def block(professional_id: int) -> ResponseReturnValue:
    db, space = get_session(), current_space()
    professional = related_professional(db, space, professional_id)
    if professional is None:
        abort(404)
    try:
        controls.block(db, current_actor(), space, professional, clock.now())
    except AccessError as refused:
        flash(refused.message, "error")
    else:
        # Flash messages travel in the session cookie: no name there.
        flash(
            "Le professionnel est bloqué : il ne peut plus consulter votre espace, même en "
            "urgence.",
            "success",
        )
    return redirect(url_for("privacy.professionals"))


@bp.post("/professionnels/<int:professional_id>/debloquer")
@requires(Area.PRIVACY)
def unblock(professional_id: int) -> ResponseReturnValue:
    db, space = get_session(), current_space()
    if not is_blocked(db, space, professional_id):
        abort(404)
    controls.unblock(db, current_actor(), space, professional_id, clock.now())
    flash("Le professionnel est débloqué.", "success")
    return redirect(url_for("privacy.professionals"))


@bp.route("/professionnels/<int:professional_id>/retirer", methods=["GET", "POST"])
@requires(Area.PRIVACY)
def remove_member(professional_id: int) -> ResponseReturnValue:
    db, space = get_session(), current_space()
    member = care_team_member(db, space, professional_id)
    if member is None:
        abort(404)
    if request.method == "POST":
        try:
            care_team.remove_member(db, current_actor(), space, professional_id, clock.now())
        except AccessError as refused:
            flash(refused.message, "error")
        else:
            flash("Le professionnel est retiré de votre équipe de soins.", "success")
        return redirect(url_for("privacy.professionals"))
    return render(
        "privacy/remove_member.html",
        member=member,
        is_gp=professional_id == space.gp_professional_id,
        gp_refusal=GP_REFUSAL,
    )
