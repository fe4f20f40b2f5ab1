"""Views of /profil/professionnels: the GP (read-only here) and the professionals the
holder keeps, added by RPPS number and removed after a confirmation."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace.db import get_session
from espace.models import MyProfessional
from espace.policy import Area
from espace.profile import bp, services
from espace.profile.forms import ConfirmForm, ProfessionalForm
from espace.profile.professionals import (
    SECTION,
    add_professional,
    list_professionals,
    remove_professional,
)
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space


@bp.get("/professionnels")
@requires(Area.RECORD)
def professionals() -> ResponseReturnValue:
    space = current_space()
    kept = list_professionals(get_session(), current_actor(), space)
    return render("profile/professionals.html", gp=space.gp, kept=kept)


def _render_add(form: ProfessionalForm, status: int = 200) -> ResponseReturnValue:
    return render(
        "profile/form.html",
        form=form,
        heading="Ajouter un professionnel",
        intro="Ajoutez un professionnel de santé qui vous suit (pharmacien, infirmier, "
        "spécialiste…) grâce à son numéro RPPS.",
        action=url_for("profile.professional_add"),
        submit="Ajouter ce professionnel",
        back=url_for("profile.professionals"),
        back_text="Annuler et revenir à mes professionnels",
        status=status,
    )


@bp.route("/professionnels/ajouter", methods=["GET", "POST"])
@requires(Area.RECORD)
def professional_add() -> ResponseReturnValue:
    form = ProfessionalForm()
    if request.method == "GET":
        return _render_add(form)  # an empty form: nothing read, nothing recorded
    if not form.validate():
        return _render_add(form, status=422)
    try:
        add_professional(get_session(), current_actor(), current_space(), form.rpps.data)
    except services.Refused as refused:
        form.fail(form.rpps, refused.message)
        return _render_add(form, status=422)
    flash("Le professionnel est ajouté à vos professionnels.", "success")
    return redirect(url_for("profile.professionals"))


@bp.route("/professionnels/<int:item_id>/supprimer", methods=["GET", "POST"])
@requires(Area.RECORD)
def professional_remove(item_id: int) -> ResponseReturnValue:
    db, space, actor = get_session(), current_space(), current_actor()
    kept = services.find(db, space, MyProfessional, item_id)
    if kept is None:
        abort(404)
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        remove_professional(db, actor, space, kept)
        flash("Le professionnel est retiré de vos professionnels.", "success")
        return redirect(url_for("profile.professionals"))
    services.record_view(db, actor, space, SECTION.value, kept)
    professional = kept.professional
    return render(
        "profile/delete.html",
        form=form,
        heading=f"Retirer {professional.display_name} de mes professionnels ?",
        details=[
            ("Profession", professional.profession),
            ("Spécialité", professional.specialty or "Non indiquée"),
            ("Numéro RPPS", professional.rpps),
        ],
        warning="Ce professionnel ne figurera plus dans la liste de vos professionnels.",
        submit="Oui, retirer ce professionnel",
        action=url_for("profile.professional_remove", item_id=kept.id),
        back=url_for("profile.professionals"),
        back_text="Non, revenir à mes professionnels",
    )
