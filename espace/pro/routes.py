"""/pro: "mes patients", and finding a patient by NIR and birth date (a POST: a NIR never
travels in a URL, so it stays out of logs, history and referrers)."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.db import get_session
from espace.policy import Area
from espace.pro import bp, services
from espace.pro.context import current_professional, remember_found
from espace.pro.forms import SearchForm
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.paging import page_number
from espace.web.spaces import current_actor


def _index(form: SearchForm, status: int = 200) -> ResponseReturnValue:
    patients = services.my_patients(
        get_session(), current_professional(), page_number(request.args.get("page"))
    )
    return render("pro/index.html", form=form, patients=patients, status=status)


@bp.get("")
@requires(Area.PRO)
def index() -> ResponseReturnValue:
    return _index(SearchForm(formdata=None))


@bp.post("/recherche")
@requires(Area.PRO)
def search() -> ResponseReturnValue:
    form = SearchForm()
    current_professional()
    if not form.validate():
        return _index(form, status=422)
    try:
        space = services.search(
            get_session(), current_actor(), form.nir.data, form.birth_date.data, clock.now()
        )
    except services.SearchRefused as refused:
        form.fail(form.nir, refused.message)
        return _index(form, status=429 if refused.locked else 422)
    remember_found(space.id)
    return redirect(url_for("pro.patient", space_id=space.id))
