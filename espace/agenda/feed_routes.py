"""/agenda/abonnement: the holder's private subscription links; /agenda/flux/<token>.ics:
the feed itself, read by a calendar application without signing in (the token is the key).
"""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.agenda import bp, calendar, feeds
from espace.agenda.downloads import ics_response, uid_domain
from espace.agenda.forms import ConfirmForm
from espace.db import get_session
from espace.policy import Area
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space


@bp.get("/abonnement")
@requires(Area.AGENDA)
def feeds_page() -> ResponseReturnValue:
    return render("agenda/feeds.html", feeds=feeds.active(get_session(), current_space()))


@bp.post("/abonnement")
@requires(Area.AGENDA)
def create_feed() -> ResponseReturnValue:
    ConfirmForm().validate()  # CSRF is checked for every POST before the view
    db, space = get_session(), current_space()
    token = feeds.create(db, current_actor(), space, clock.now())
    # Shown once, straight from the POST: never in a flash message (the cookie) nor stored.
    url = url_for("agenda.feed", token=token, _external=True)
    return render("agenda/feed_created.html", url=url, webcal=_webcal(url))


def _webcal(url: str) -> str:
    """The same link for calendar applications that subscribe on a click."""
    return "webcal://" + url.split("://", 1)[-1]


@bp.post("/abonnement/<int:feed_id>/supprimer")
@requires(Area.AGENDA)
def revoke_feed(feed_id: int) -> ResponseReturnValue:
    db, space = get_session(), current_space()
    found = feeds.find(db, space, feed_id)
    if found is None:
        abort(404)
    feeds.revoke(db, current_actor(), space, found, clock.now())
    flash(
        "Le lien est supprimé : les calendriers abonnés ne reçoivent plus vos rendez-vous.",
        "success",
    )
    return redirect(url_for("agenda.feeds_page"))


@bp.get("/flux/<token>.ics")
def feed(token: str) -> ResponseReturnValue:
    """No sign-in: whoever holds the link reads the agenda. Unknown or revoked: the same
    404 page as any missing page."""
    db, now = get_session(), clock.now()
    space = feeds.space_of(db, token)
    if space is None:
        abort(404)
    appointments = feeds.read(db, space, now)
    return ics_response(calendar.feed(appointments, uid_domain()))
