"""Views of /catalogue: the list, a service's page, and the two confirmations (grant,
revoke), each a POST followed by a redirect. Reading the catalogue reads no health data
and records nothing; each change of consent is recorded by the service."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.catalogue import bp, services
from espace.db import get_session
from espace.models import HealthService
from espace.policy import Area
from espace.profile.forms import ConfirmForm
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space


def _service(service_id: int) -> HealthService:
    service = services.find(get_session(), service_id)
    if service is None:
        abort(404)
    return service


@bp.get("")
@requires(Area.CATALOGUE)
def index() -> ResponseReturnValue:
    offers = services.catalogue(get_session(), current_space())
    return render("catalogue/index.html", offers=offers)


@bp.get("/<int:service_id>")
@requires(Area.CATALOGUE)
def detail(service_id: int) -> ResponseReturnValue:
    service = _service(service_id)
    consents = services.consents(get_session(), current_space(), service)
    current = consents[0] if consents and consents[0].revoked_at is None else None
    return render("catalogue/detail.html", service=service, current=current, consents=consents)


@bp.route("/<int:service_id>/autoriser", methods=["GET", "POST"])
@requires(Area.CATALOGUE)
def grant(service_id: int) -> ResponseReturnValue:
    return _confirm(_service(service_id), granting=True)


@bp.route("/<int:service_id>/retirer", methods=["GET", "POST"])
@requires(Area.CATALOGUE)
def revoke(service_id: int) -> ResponseReturnValue:
    return _confirm(_service(service_id), granting=False)


def _confirm(service: HealthService, granting: bool) -> ResponseReturnValue:
    db, space = get_session(), current_space()
    back = url_for("catalogue.detail", service_id=service.id)
    if (services.in_force(db, space, service) is not None) == granting:
        return redirect(back)  # already done: the service's page says where things stand
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        change = services.grant if granting else services.revoke
        try:
            change(db, current_actor(), space, service, clock.now())
        except services.CatalogueError as refused:
            flash(refused.message, "error")
        else:
            flash("Votre accord est enregistré." if granting else "Votre accord est retiré.",
                  "success")  # fmt: skip
        return redirect(back)
    template = "catalogue/grant.html" if granting else "catalogue/revoke.html"
    return render(template, service=service, form=form)
