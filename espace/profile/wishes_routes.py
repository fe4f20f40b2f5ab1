"""Views of /profil/volontes: directives anticipées and organ donation, one record."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace.db import get_session
from espace.policy import Area
from espace.profile import bp
from espace.profile.forms import WishesForm
from espace.profile.wishes import find_wishes, read_wishes, save_wishes
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space

INTRO = (
    "Vos directives anticipées disent aux médecins ce que vous voulez pour la fin de votre "
    "vie, si un jour vous ne pouvez plus l'exprimer. Vous pouvez les changer à tout moment."
)


@bp.get("/volontes")
@requires(Area.RECORD)
def wishes() -> ResponseReturnValue:
    record = read_wishes(get_session(), current_actor(), current_space())
    return render("profile/wishes.html", wishes=record, intro=INTRO)


@bp.route("/volontes/modifier", methods=["GET", "POST"])
@requires(Area.RECORD)
def wishes_edit() -> ResponseReturnValue:
    db, space, actor = get_session(), current_space(), current_actor()
    page = {
        "heading": "Modifier mes volontés",
        "intro": INTRO,
        "action": url_for("profile.wishes_edit"),
        "submit": "Enregistrer mes volontés",
        "back": url_for("profile.wishes"),
        "back_text": "Annuler et revenir à mes volontés",
    }
    if request.method == "GET":
        current = read_wishes(db, actor, space)
        form = WishesForm.for_item(current) if current else WishesForm()
        return render("profile/form.html", form=form, **page)
    form = WishesForm()
    if not form.validate():
        return render("profile/form.html", form=form, status=422, **page)
    created = find_wishes(db, space) is None
    save_wishes(db, actor, space, form.values())
    flash(f"Vos volontés sont {'enregistrées' if created else 'modifiées'}.", "success")
    return redirect(url_for("profile.wishes"))
