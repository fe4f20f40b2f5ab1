"""Views of /profil: the overview, and the list sections (antécédents, allergies,
traitements, vaccinations, entourage), each with add, change and delete."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace.db import get_session
from espace.models import ProfileSection
from espace.policy import Area
from espace.profile import bp, services
from espace.profile.forms import ConfirmForm, ItemForm
from espace.profile.overview import overview
from espace.profile.sections import SECTIONS, ItemSection, unique_names
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space


def section_or_404(section: str) -> ItemSection:
    spec = SECTIONS.get(section)
    if spec is None:
        abort(404)
    return spec


def item_or_404(spec: ItemSection, item_id: int) -> Any:
    item = services.find(get_session(), current_space(), spec.model, item_id)
    if item is None:
        abort(404)  # someone else's item looks like one that does not exist
    return item


def section_url(section: ProfileSection) -> str:
    special = {
        ProfileSection.MESURES: "profile.measurements",
        ProfileSection.VOLONTES: "profile.wishes",
        ProfileSection.PROFESSIONNELS: "profile.professionals",
    }
    if section in special:
        return url_for(special[section])
    return url_for("profile.items", section=section.value)


def render_form(spec: ItemSection, form: ItemForm, item: Any = None, status: int = 200) -> Any:
    back = url_for("profile.items", section=spec.slug)
    if item is None:
        heading, submit = f"Ajouter {spec.noun}", f"Ajouter {spec.noun}"
        action = url_for("profile.add", section=spec.slug)
    else:
        # Not the item's name: a refused change (422) shows only what was posted.
        heading, submit = f"Modifier {spec.the}", "Enregistrer les changements"
        action = url_for("profile.edit", section=spec.slug, item_id=item.id)
    return render(
        "profile/form.html",
        form=form,
        heading=heading,
        intro=spec.intro,
        action=action,
        submit=submit,
        back=back,
        back_text=f"Annuler et revenir {spec.back_to}",
        status=status,
    )


@bp.get("")
@requires(Area.RECORD)
def index() -> ResponseReturnValue:
    cards = overview(get_session(), current_actor(), current_space())
    return render("profile/index.html", cards=cards, url_of=section_url)


@bp.get("/<section>")
@requires(Area.RECORD)
def items(section: str) -> ResponseReturnValue:
    spec = section_or_404(section)
    rows = services.list_items(get_session(), current_actor(), current_space(), spec)
    names = dict(zip(map(id, rows), unique_names(spec.describe(r) for r in rows), strict=True))
    groups = [
        (heading, [(row, names[id(row)]) for row in group]) for heading, group in spec.groups(rows)
    ]
    return render("profile/items.html", spec=spec, groups=groups, count=len(rows))


@bp.route("/<section>/ajouter", methods=["GET", "POST"])
@requires(Area.RECORD)
def add(section: str) -> ResponseReturnValue:
    spec = section_or_404(section)
    form = spec.form()
    if request.method == "GET":
        return render_form(spec, form)  # an empty form: nothing read, nothing recorded
    if not form.validate():
        return render_form(spec, form, status=422)
    db, space = get_session(), current_space()
    try:
        services.add_item(db, current_actor(), space, spec.section, spec.model, form.values())
    except services.Refused as refused:
        form.fail(form[refused.field], refused.message)
        return render_form(spec, form, status=422)
    flash(spec.messages[0], "success")  # no health data in the session cookie
    return redirect(url_for("profile.items", section=spec.slug))


@bp.route("/<section>/<int:item_id>/modifier", methods=["GET", "POST"])
@requires(Area.RECORD)
def edit(section: str, item_id: int) -> ResponseReturnValue:
    spec = section_or_404(section)
    item = item_or_404(spec, item_id)
    db, space, actor = get_session(), current_space(), current_actor()
    if request.method == "GET":
        services.record_view(db, actor, space, spec.slug, item)
        return render_form(spec, spec.form.for_item(item), item)
    form = spec.form()
    if not form.validate():
        return render_form(spec, form, item, status=422)
    try:
        services.change_item(db, actor, space, spec.section, item, form.values())
    except services.Refused as refused:
        form.fail(form[refused.field], refused.message)
        return render_form(spec, form, item, status=422)
    flash(spec.messages[1], "success")
    return redirect(url_for("profile.items", section=spec.slug))


@bp.route("/<section>/<int:item_id>/supprimer", methods=["GET", "POST"])
@requires(Area.RECORD)
def delete(section: str, item_id: int) -> ResponseReturnValue:
    spec = section_or_404(section)
    item = item_or_404(spec, item_id)
    db, space, actor = get_session(), current_space(), current_actor()
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        services.delete_item(db, actor, space, spec.section, item)
        flash(spec.messages[2], "success")
        return redirect(url_for("profile.items", section=spec.slug))
    services.record_view(db, actor, space, spec.slug, item)
    return render(
        "profile/delete.html",
        form=form,
        heading=f"Supprimer {spec.the} « {spec.describe(item)} » ?",
        details=spec.details(item),
        action=url_for("profile.delete", section=spec.slug, item_id=item.id),
        back=url_for("profile.items", section=spec.slug),
        back_text=f"Non, revenir {spec.back_to}",
    )
