"""Appointments as iCalendar (RFC 5545), built with the ``icalendar`` library.

An event carries only what the holder typed: SUMMARY (the title), LOCATION (the place),
DESCRIPTION (the note); never the professional's profession or specialty, which could say
more than the holder chose to write. DTSTART is in UTC ("Z"): every calendar converts it
to its own time zone, and no VTIMEZONE can go stale. Appointments have no end time in the
agenda, so events have none either (RFC 5545 3.6.1: they take no time); nothing is
invented. The UID is stable, so a re-imported or refreshed event replaces the old one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from icalendar import Calendar, Event

from espace.agenda.times import paris_day
from espace.models import Appointment

PRODID = "-//Espace santé//Agenda//FR"
FEED_NAME = "Espace santé : mes rendez-vous"
REFRESH = timedelta(hours=1)
MEDIA_TYPE = "text/calendar; charset=utf-8"


def uid(appointment: Appointment, domain: str) -> str:
    return f"rendez-vous-{appointment.id}@{domain}"


def event(appointment: Appointment, domain: str) -> Event:
    item = Event()
    item.add("uid", uid(appointment, domain))
    item.add("dtstamp", appointment.updated_at)
    item.add("created", appointment.created_at)
    item.add("last-modified", appointment.updated_at)
    item.add("dtstart", appointment.starts_at)
    item.add("summary", appointment.title)
    if appointment.place:
        item.add("location", appointment.place)
    if appointment.note:
        item.add("description", appointment.note)
    return item


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def one(appointment: Appointment, domain: str) -> bytes:
    """A file with one appointment, to open in any calendar."""
    calendar = _calendar()
    calendar.add_component(event(appointment, domain))
    return calendar.to_ical()


def feed(appointments: Iterable[Appointment], domain: str) -> bytes:
    """The subscription feed: refreshed by the calendar application about every hour."""
    calendar = _calendar()
    calendar.add("name", FEED_NAME)
    calendar.add("x-wr-calname", FEED_NAME)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    for appointment in appointments:
        calendar.add_component(event(appointment, domain))
    return calendar.to_ical()


def filename(appointment: Appointment) -> str:
    """The day only: a title in a downloads folder could say too much."""
    return f"rendez-vous-{paris_day(appointment.starts_at).isoformat()}.ics"
