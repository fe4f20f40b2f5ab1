"""/activation, first steps: the code, then the identity; and asking for a new code.

Every failure to prove the identity gives the same answer (same status, same page) and
is counted per NIR and per client address (espace.lifecycle.identity).
"""

from __future__ import annotations

from flask import redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.activation import bp
from espace.activation.forms import IdentityForm
from espace.activation.journey import Journey, client_address
from espace.activation.steps import code_step, identity_step
from espace.db import get_session
from espace.lifecycle.activation import ACTIVABLE
from espace.lifecycle.identity import Proved
from espace.lifecycle.reissue import request_new_code
from espace.web.htmx import render

journey = Journey("activation")
RESTART = "Pour continuer, saisissez d'abord votre code d'activation."


@bp.route("", methods=["GET", "POST"])
def start() -> ResponseReturnValue:
    return code_step(journey, "activation/start.html", "activation.identity")


@bp.route("/identite", methods=["GET", "POST"])
def identity() -> ResponseReturnValue:
    proved = identity_step(
        journey, "activation/identity.html", "activation.start", RESTART, ACTIVABLE
    )
    if not isinstance(proved, Proved):
        return proved
    return redirect(url_for("activation.email"))


@bp.route("/nouveau-code", methods=["GET", "POST"])
def new_code() -> ResponseReturnValue:
    form = IdentityForm()
    if request.method == "GET":
        return render("activation/new_code.html", form=form)
    if not form.validate():
        return render("activation/new_code.html", form=form, status=422)
    request_new_code(
        get_session(), form.nir.data, form.birth_date.data, client_address(), clock.now()
    )
    return redirect(url_for("activation.new_code_sent"))


@bp.get("/nouveau-code/demande-enregistree")
def new_code_sent() -> ResponseReturnValue:
    return render("activation/new_code_sent.html")
