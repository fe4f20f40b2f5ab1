"""Views of /annuaire: the search (the whole page, or only its results for htmx), a
professional's page, and the holder's two actions from it (POST, then redirect)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from espace import clock
from espace.access import AccessError
from espace.db import get_session
from espace.directory import bp, search, services
from espace.directory.forms import SearchForm
from espace.models import Professional, Role
from espace.policy import Area
from espace.profile.forms import ConfirmForm
from espace.profile.services import Refused
from espace.web.access import requires
from espace.web.htmx import is_htmx, render
from espace.web.paging import page_number
from espace.web.spaces import current_actor, current_space

TEMPLATE = "directory/index.html"


@bp.get("")
@requires(Area.DIRECTORY)
def index() -> ResponseReturnValue:
    db = get_session()
    form = SearchForm(request.args, search.choices(db))
    context = {"form": form, "filters": form.url_filters(), "oob": is_htmx()}
    if not request.args:  # the first visit: nothing asked yet
        return render(TEMPLATE, block="results", results=None, **context)
    if not form.validate():
        return render(TEMPLATE, block="results", results=None, status=422, **context)
    page = page_number(request.args.get("page"))
    results = search.search(db, form.request(page))
    return render(TEMPLATE, block="results", results=results, **context)


def _professional(professional_id: int) -> Professional:
    professional = services.find(get_session(), professional_id)
    if professional is None:
        abort(404)
    return professional


@bp.get("/<int:professional_id>")
@requires(Area.DIRECTORY)
def detail(professional_id: int) -> ResponseReturnValue:
    professional = _professional(professional_id)
    relation = None
    if current_user.role == Role.HOLDER:
        relation = services.relation(get_session(), current_actor(), current_space(), professional)
    return render("directory/detail.html", professional=professional, relation=relation)


@bp.post("/<int:professional_id>/mes-professionnels")
@requires(Area.RECORD)
def keep(professional_id: int) -> ResponseReturnValue:
    professional = _professional(professional_id)
    form = ConfirmForm()
    if form.validate():
        try:
            services.keep(get_session(), current_actor(), current_space(), professional)
        except (Refused, AccessError) as refused:
            flash(refused.message, "error")
        else:
            flash("Ce professionnel est ajouté à vos professionnels.", "success")
    return redirect(url_for("directory.detail", professional_id=professional.id))


@bp.route("/<int:professional_id>/medecin-traitant", methods=["GET", "POST"])
@requires(Area.RECORD)
def declare_gp(professional_id: int) -> ResponseReturnValue:
    professional = _professional(professional_id)
    space = current_space()
    if not professional.is_doctor or professional.retired_at is not None:
        abort(404)
    if space.gp_professional_id == professional.id:
        flash("Ce médecin est déjà votre médecin traitant.", "success")
        return redirect(url_for("directory.detail", professional_id=professional.id))
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        try:
            services.declare(get_session(), current_actor(), space, professional, clock.now())
        except AccessError as refused:
            flash(refused.message, "error")
        else:
            flash("Votre médecin traitant est déclaré.", "success")
        return redirect(url_for("directory.detail", professional_id=professional.id))
    return render("directory/declare_gp.html", professional=professional, form=form)
