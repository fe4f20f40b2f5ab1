"""/activation, first steps: the code, then the identity; and asking for a new code.

Every failure to prove the identity gives the same answer (same status, same page) and
is counted per NIR and per client address (espace.lifecycle.identity).
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.activation import bp
from espace.activation.forms import ActivationCodeForm, IdentityForm
from espace.activation.journey import Journey, client_address
from espace.db import get_session
from espace.lifecycle.activation import ACTIVABLE
from espace.lifecycle.codes import code_hash
from espace.lifecycle.identity import (
    REFUSED_MESSAGE,
    IdentityRefused,
    TooManyTries,
    locked_message,
    prove,
)
from espace.lifecycle.reissue import request_new_code
from espace.web.htmx import render

journey = Journey("activation")
RESTART = "Pour continuer, saisissez d'abord votre code d'activation."


@bp.route("", methods=["GET", "POST"])
def start() -> ResponseReturnValue:
    form = ActivationCodeForm()
    if request.method == "POST" and form.validate():
        journey.start(code=code_hash(form.normalized))
        return redirect(url_for("activation.identity"))
    status = 422 if request.method == "POST" else 200
    return render("activation/start.html", form=form, status=status)


@bp.route("/identite", methods=["GET", "POST"])
def identity() -> ResponseReturnValue:
    if journey.get("code") is None:
        flash(RESTART, "info")
        return redirect(url_for("activation.start"))
    form = IdentityForm()
    if request.method == "GET":
        return render("activation/identity.html", form=form)
    if not form.validate():
        return render("activation/identity.html", form=form, status=422)
    try:
        proved = prove(
            get_session(),
            journey.get("code"),
            form.nir.data,
            form.birth_date.data,
            client_address(),
            clock.now(),
            ACTIVABLE,
        )
    except TooManyTries as locked:
        form.fail(form.nir, locked_message(locked.until))
        return render("activation/identity.html", form=form, status=429)
    except IdentityRefused:
        form.fail(form.nir, REFUSED_MESSAGE)
        return render("activation/identity.html", form=form, status=422)
    journey.update(space=proved.space.id)
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
