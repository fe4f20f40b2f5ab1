"""/opposition: code, then identity, then a confirmation that says what opposing means.

Every failure to prove the identity gives the same answer (same status, same page), and
is counted per NIR and per client address (espace.lifecycle.identity).
"""

from __future__ import annotations

from flask import flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.activation.forms import ActivationCodeForm, EmptyForm, IdentityForm
from espace.activation.journey import Journey, client_address
from espace.actors import Actor, ActorRole
from espace.db import get_session
from espace.lifecycle import LifecycleError
from espace.lifecycle.codes import code_hash
from espace.lifecycle.identity import (
    REFUSED_MESSAGE,
    IdentityRefused,
    TooManyTries,
    locked_message,
    prove,
    still_valid,
)
from espace.lifecycle.notices import window_end
from espace.lifecycle.opposition import oppose
from espace.models import OppositionChannel, SpaceStatus
from espace.opposition import bp
from espace.web.htmx import render

journey = Journey("opposition")
DONE = "opposition_done"
RESTART = "Pour continuer, saisissez d'abord le code d'activation."


@bp.route("", methods=["GET", "POST"])
def start() -> ResponseReturnValue:
    form = ActivationCodeForm()
    if request.method == "POST" and form.validate():
        journey.start(code=code_hash(form.normalized))
        return redirect(url_for("opposition.identity"))
    status = 422 if request.method == "POST" else 200
    return render("opposition/start.html", form=form, status=status)


@bp.route("/identite", methods=["GET", "POST"])
def identity() -> ResponseReturnValue:
    if journey.get("code") is None:
        flash(RESTART, "info")
        return redirect(url_for("opposition.start"))
    form = IdentityForm()
    if request.method == "GET":
        return render("opposition/identity.html", form=form)
    if not form.validate():
        return render("opposition/identity.html", form=form, status=422)
    db = get_session()
    try:
        proved = prove(
            db,
            journey.get("code"),
            form.nir.data,
            form.birth_date.data,
            client_address(),
            clock.now(),
            {SpaceStatus.NOTIFIED, SpaceStatus.OPEN},
        )
    except TooManyTries as locked:
        form.fail(form.nir, locked_message(locked.until))
        return render("opposition/identity.html", form=form, status=429)
    except IdentityRefused:
        form.fail(form.nir, REFUSED_MESSAGE)
        return render("opposition/identity.html", form=form, status=422)
    journey.update(space=proved.space.id)
    if proved.space.status == SpaceStatus.OPEN:
        return redirect(url_for("opposition.window_passed"))
    return redirect(url_for("opposition.confirm"))


@bp.route("/confirmer", methods=["GET", "POST"])
def confirm() -> ResponseReturnValue:
    db = get_session()
    space_id, hashed = journey.get("space"), journey.get("code")
    proved = (
        still_valid(db, space_id, hashed, clock.now(), {SpaceStatus.NOTIFIED})
        if (space_id and hashed)
        else None
    )
    if proved is None:
        journey.end()
        flash(RESTART, "info")
        return redirect(url_for("opposition.start"))
    form = EmptyForm()
    context = {"form": form, "window_ends_at": window_end(db, proved.space)}
    if request.method == "GET" or not form.validate():
        return render("opposition/confirm.html", **context)
    try:
        oppose(db, Actor(ActorRole.HOLDER), proved.space, OppositionChannel.ONLINE, clock.now())
    except LifecycleError as refused:
        flash(refused.message, "error")
        return redirect(url_for("opposition.start"))
    journey.end()
    session[DONE] = True
    return redirect(url_for("opposition.done"))


@bp.get("/enregistree")
def done() -> ResponseReturnValue:
    if not session.pop(DONE, False):
        return redirect(url_for("opposition.start"))
    return render("opposition/done.html")


@bp.get("/delai-depasse")
def window_passed() -> ResponseReturnValue:
    db = get_session()
    space_id, hashed = journey.get("space"), journey.get("code")
    proved = (
        still_valid(db, space_id, hashed, clock.now(), {SpaceStatus.OPEN})
        if (space_id and hashed)
        else None
    )
    if proved is None:
        flash(RESTART, "info")
        return redirect(url_for("opposition.start"))
    return render("opposition/window_passed.html")
