"""/opposition: code, then identity, then a confirmation that says what opposing means.

Every failure to prove the identity gives the same answer (same status, same page), and
is counted per NIR and per client address (espace.lifecycle.identity).
"""

from __future__ import annotations

from flask import flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.activation.forms import EmptyForm
from espace.activation.journey import Journey
from espace.activation.steps import code_step, identity_step
from espace.actors import Actor, ActorRole
from espace.db import get_session
from espace.lifecycle import LifecycleError
from espace.lifecycle.identity import Proved, still_valid
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
    return code_step(journey, "opposition/start.html", "opposition.identity")


@bp.route("/identite", methods=["GET", "POST"])
def identity() -> ResponseReturnValue:
    proved = identity_step(
        journey,
        "opposition/identity.html",
        "opposition.start",
        RESTART,
        {SpaceStatus.NOTIFIED, SpaceStatus.OPEN},
    )
    if not isinstance(proved, Proved):
        return proved
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
