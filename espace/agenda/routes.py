"""Views of /agenda for the holder (or whoever manages the space): the list, one
appointment, adding, changing, cancelling, and its .ics file."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.agenda import bp, calendar, choosing, services
from espace.agenda.downloads import ics_response, uid_domain
from espace.agenda.forms import AppointmentForm, ConfirmForm
from espace.agenda.times import Instant, is_ambiguous, paris_clock, paris_day
from espace.db import get_session
from espace.models import Appointment
from espace.policy import Area
from espace.web.access import requires
from espace.web.filters import time_fr
from espace.web.htmx import render
from espace.web.paging import page_number
from espace.web.spaces import current_actor, current_space

FORM = "agenda/form.html"


def _appointment_or_404(appointment_id: int) -> Appointment:
    found = services.find(get_session(), current_space(), appointment_id)
    if found is None:
        abort(404)
    return found


def details(form: AppointmentForm, instant: Instant, chosen: choosing.Chosen) -> services.Details:
    return services.Details(
        starts_at=instant.utc,
        title=form.title.data,
        place=form.place.data or None,
        professional=chosen.professional,
        professional_text=chosen.text,
        note=form.note.data or None,
        remind_same_day=bool(form.remind_same_day.data),
    )


def saved_message(done: str, instant: Instant) -> str:
    """No title nor place in a flash message (it travels in the cookie): only the time."""
    if not instant.ambiguous:
        return done
    return (
        f"{done} Attention : cette nuit-là, les horloges reculent d'une heure (fin de l'heure "
        f"d'été) et il est deux fois {time_fr(instant.utc)}. Nous avons retenu la première, "
        "en heure d'été."
    )


@bp.get("")
@requires(Area.AGENDA)
def index() -> ResponseReturnValue:
    db, space, now = get_session(), current_space(), clock.now()
    upcoming = services.upcoming(db, space, now)
    past = services.recent_past(db, space, now, per_page=services.PAST_ON_INDEX)
    services.record_list(db, current_actor(), space, now)
    return render("agenda/index.html", upcoming=upcoming, past=past)


@bp.get("/passes")
@requires(Area.AGENDA)
def past() -> ResponseReturnValue:
    db, space, now = get_session(), current_space(), clock.now()
    page = services.recent_past(db, space, now, page=page_number(request.args.get("page")))
    services.record_list(db, current_actor(), space, now)
    return render("agenda/past.html", page=page)


@bp.route("/ajouter", methods=["GET", "POST"])
@requires(Area.AGENDA)
def add() -> ResponseReturnValue:
    form = AppointmentForm()
    if request.method == "GET":
        return render(FORM, form=form, appointment=None)
    db, now = get_session(), clock.now()
    valid = form.validate()
    instant = form.instant(now)
    chosen = choosing.choose(db, form)
    if not valid or instant is None or chosen is None:
        return render(FORM, form=form, appointment=None, status=422)
    appointment = services.add(
        db, current_actor(), current_space(), details(form, instant, chosen), now
    )
    flash(saved_message("Le rendez-vous est ajouté à votre agenda.", instant), "success")
    return redirect(url_for("agenda.detail", appointment_id=appointment.id))


@bp.get("/<int:appointment_id>")
@requires(Area.AGENDA)
def detail(appointment_id: int) -> ResponseReturnValue:
    appointment = _appointment_or_404(appointment_id)
    db, now = get_session(), clock.now()
    services.record_view(db, current_actor(), current_space(), appointment, now)
    return render(
        "agenda/detail.html",
        appointment=appointment,
        author=services.author_label(db, appointment),
        ambiguous=is_ambiguous(appointment.starts_at),
        is_past=appointment.starts_at <= now,
        ics_size=len(calendar.one(appointment, uid_domain())),
    )


@bp.route("/<int:appointment_id>/modifier", methods=["GET", "POST"])
@requires(Area.AGENDA)
def change(appointment_id: int) -> ResponseReturnValue:
    appointment = _appointment_or_404(appointment_id)
    db, space, actor, now = get_session(), current_space(), current_actor(), clock.now()
    if request.method == "GET":
        form = AppointmentForm(formdata=None, data=_saved(appointment))
        choosing.prepare(db, form, appointment.professional)
        services.record_view(db, actor, space, appointment, now)
        return render(FORM, form=form, appointment=appointment)
    form = AppointmentForm()
    valid = form.validate()
    instant = form.instant(now, unchanged=appointment.starts_at)
    chosen = choosing.choose(db, form, linked=appointment.professional)
    if not valid or instant is None or chosen is None:
        services.record_view(db, actor, space, appointment, now)  # the page shows it again
        return render(FORM, form=form, appointment=appointment, status=422)
    services.change(db, actor, space, appointment, details(form, instant, chosen), now)
    flash(saved_message("Le rendez-vous est modifié.", instant), "success")
    return redirect(url_for("agenda.detail", appointment_id=appointment.id))


def _saved(appointment: Appointment) -> dict[str, object]:
    return {
        "day": paris_day(appointment.starts_at),
        "time": paris_clock(appointment.starts_at),
        "title": appointment.title,
        "place": appointment.place or "",
        "professional": appointment.professional_text or "",
        "note": appointment.note or "",
        "remind_same_day": appointment.remind_same_day,
    }


@bp.route("/<int:appointment_id>/annuler", methods=["GET", "POST"])
@requires(Area.AGENDA)
def cancel(appointment_id: int) -> ResponseReturnValue:
    appointment = _appointment_or_404(appointment_id)
    db, space, actor, now = get_session(), current_space(), current_actor(), clock.now()
    form = ConfirmForm()
    if request.method == "GET" or not form.validate():
        services.record_view(db, actor, space, appointment, now)
        return render("agenda/cancel.html", appointment=appointment)
    services.cancel(db, actor, space, appointment, now)
    flash("Le rendez-vous est annulé : il n'est plus dans votre agenda.", "success")
    return redirect(url_for("agenda.index"))


@bp.get("/<int:appointment_id>/fichier")
@requires(Area.AGENDA)
def export(appointment_id: int) -> ResponseReturnValue:
    appointment = _appointment_or_404(appointment_id)
    services.record_export(get_session(), current_actor(), current_space(), appointment,
                           clock.now())  # fmt: skip
    return ics_response(calendar.one(appointment, uid_domain()), calendar.filename(appointment))
