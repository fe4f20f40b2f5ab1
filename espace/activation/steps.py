"""The first two pages that activation and opposition share: the code, then the identity.

Each journey names its templates and where to go next; the rules (the same neutral answer
to every failure, counted per NIR and per address) are those of espace.lifecycle.identity.
"""

from __future__ import annotations

from collections.abc import Collection

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.activation.forms import ActivationCodeForm, IdentityForm
from espace.activation.journey import Journey, client_address
from espace.db import get_session
from espace.lifecycle.codes import code_hash
from espace.lifecycle.identity import (
    REFUSED_MESSAGE,
    IdentityRefused,
    Proved,
    TooManyTries,
    locked_message,
    prove,
)
from espace.models import SpaceStatus
from espace.web.htmx import render


def code_step(journey: Journey, template: str, next_endpoint: str) -> ResponseReturnValue:
    """The code from the letter or e-mail: only its HMAC is kept for the next page."""
    form = ActivationCodeForm()
    if request.method == "POST" and form.validate():
        journey.start(code=code_hash(form.normalized))
        return redirect(url_for(next_endpoint))
    return render(template, form=form, status=422 if request.method == "POST" else 200)


def identity_step(
    journey: Journey,
    template: str,
    start_endpoint: str,
    restart: str,
    statuses: Collection[SpaceStatus],
) -> Proved | ResponseReturnValue:
    """NIR and birth date against the code kept by the previous page: the proved space,
    or the page to show (the form again, or back to the code when it is missing)."""
    if journey.get("code") is None:
        flash(restart, "info")
        return redirect(url_for(start_endpoint))
    form = IdentityForm()
    if request.method == "GET":
        return render(template, form=form)
    if not form.validate():
        return render(template, form=form, status=422)
    try:
        proved = prove(
            get_session(),
            journey.get("code"),
            form.nir.data,
            form.birth_date.data,
            client_address(),
            clock.now(),
            statuses,
        )
    except TooManyTries as locked:
        form.fail(form.nir, locked_message(locked.until))
        return render(template, form=form, status=429)
    except IdentityRefused:
        form.fail(form.nir, REFUSED_MESSAGE)
        return render(template, form=form, status=422)
    journey.update(space=proved.space.id)
    return proved
