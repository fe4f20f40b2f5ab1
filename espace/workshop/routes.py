"""Views of /demo (the persona picker) and /atelier (sessions and the sandbox)."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from espace import clock, throttle
from espace.activation.journey import client_address
from espace.db import get_session
from espace.demo.personas import PERSONAS
from espace.feedback.services import grouped
from espace.policy import Area
from espace.web.access import requires
from espace.web.htmx import render
from espace.workshop import bp, personas, sandbox, sessions
from espace.workshop.forms import JUMPS, JoinForm, JumpForm, SessionForm

SESSION_KEY = "workshop_session"


@bp.get("/demo")
def personas_page() -> ResponseReturnValue:
    workshop = None
    if session.get(SESSION_KEY):
        workshop = get_session().get(sessions.WorkshopSession, session[SESSION_KEY])
    return render(
        "workshop/personas.html",
        personas=personas.signable(),
        workshop=workshop,
        all_personas=PERSONAS,
    )


@bp.post("/demo/persona")
def become() -> ResponseReturnValue:
    workshop_id = session.get(SESSION_KEY)
    done = personas.become(get_session(), request.form.get("persona", ""), clock.wall_now())
    if done is None:
        abort(404)
    account, token = done
    session.clear()  # a new session, as at any sign-in
    session["sid"] = token
    session.permanent = True
    if workshop_id:
        session[SESSION_KEY] = workshop_id
    flash(f"Vous êtes maintenant {account.display_name} (persona de démonstration).", "success")
    return redirect(url_for(personas.START[account.role]))


@bp.route("/atelier/rejoindre", methods=["GET", "POST"])
def join() -> ResponseReturnValue:
    form = JoinForm()
    if request.method == "GET" or not form.validate():
        return render(
            "workshop/join.html", form=form, status=200 if request.method == "GET" else 422
        )
    db, now, address = get_session(), clock.wall_now(), client_address()
    locked = throttle.state(db, sessions.JOIN_LIMIT, address).lock_end(now)
    if locked is not None:
        form.fail(form.code, sessions.too_many_tries(locked))
        return render("workshop/join.html", form=form, status=429)
    found = sessions.find_by_code(db, form.code.data)
    if found is None:
        tried = throttle.record_failure(db, sessions.JOIN_LIMIT, address, now)
        if tried.lock_end(now) is not None:
            form.fail(form.code, sessions.too_many_tries(tried.lock_end(now)))
            return render("workshop/join.html", form=form, status=429)
        form.fail(
            form.code,
            "Ce code ne correspond à aucune séance en cours. Vérifiez-le auprès de "
            "l'animatrice ou de l'animateur.",
        )
        return render("workshop/join.html", form=form, status=422)
    session[SESSION_KEY] = found.id
    flash("Vous avez rejoint la séance. Choisissez maintenant un persona.", "success")
    return redirect(url_for("workshop.personas_page"))


@bp.route("/atelier", methods=["GET", "POST"])
@requires(Area.WORKSHOP)
def index() -> ResponseReturnValue:
    db = get_session()
    form = SessionForm()
    if request.method == "POST":
        if not form.validate():
            return _index(form, status=422)
        created = sessions.create(
            db,
            current_user._get_current_object(),
            form.name.data,
            form.held_on.data,
            form.scenario.data,
            clock.now(),
        )
        flash("La séance est créée : donnez son code aux participants.", "success")
        return redirect(url_for("workshop.detail", session_id=created.id))
    return _index(form)


def _index(form: SessionForm, status: int = 200) -> ResponseReturnValue:
    return render(
        "workshop/index.html",
        form=form,
        jump_form=JumpForm(formdata=None),
        workshop_sessions=sessions.all_sessions(get_session()),
        simulated=clock.now(),
        offset=sandbox.offset(),
        status=status,
    )


@bp.get("/atelier/seances/<int:session_id>")
@requires(Area.WORKSHOP)
def detail(session_id: int) -> ResponseReturnValue:
    found = get_session().get(sessions.WorkshopSession, session_id)
    if found is None:
        abort(404)
    return render(
        "workshop/detail.html",
        workshop=found,
        code=sessions.join_code(found.id),
        groups=grouped(get_session(), found.id),
    )


@bp.post("/atelier/date")
@requires(Area.WORKSHOP)
def jump() -> ResponseReturnValue:
    db = get_session()
    if request.form.get("retour") == "aujourdhui":
        sandbox.back_to_today(db)
        flash("La date du bac à sable est revenue à aujourd'hui.", "success")
        return redirect(url_for("workshop.index"))
    form = JumpForm()
    if not form.validate():
        return render(
            "workshop/index.html",
            form=SessionForm(formdata=None),
            jump_form=form,
            workshop_sessions=sessions.all_sessions(db),
            simulated=clock.now(),
            offset=sandbox.offset(),
            page_errors=True,
            status=422,
        )
    try:
        done = sandbox.jump(db, timedelta(days=JUMPS[form.ahead.data][1]))
    except ValueError:
        form.fail(
            form.ahead,
            "La date simulée ne peut pas dépasser 400 jours après aujourd'hui : revenez "
            "d'abord à aujourd'hui.",
        )
        return render(
            "workshop/index.html",
            form=SessionForm(formdata=None),
            jump_form=form,
            workshop_sessions=sessions.all_sessions(db),
            simulated=clock.now(),
            offset=sandbox.offset(),
            page_errors=True,
            status=422,
        )
    handled = sum(done.values())
    flash(
        f"La date a avancé ; les tâches de fond ont traité {handled} élément(s) comme si "
        "ce jour était arrivé.",
        "success",
    )
    return redirect(url_for("workshop.index"))


@bp.route("/atelier/reinitialiser", methods=["GET", "POST"])
@requires(Area.WORKSHOP)
def reset() -> ResponseReturnValue:
    if request.method == "GET":
        return render("workshop/reset.html")
    sandbox.reset(get_session())
    session.clear()  # every session was just deleted, the facilitator's included
    flash("Le bac à sable est revenu aux données de démonstration. Reconnectez-vous.", "success")
    return redirect(url_for("workshop.personas_page"))
