"""Calendar export: one appointment as an .ics file, and the private subscription feed,
parsed back with ``icalendar`` and checked field by field; feed links created, shown once,
stored as a hash, revoked (then 404 like any missing page)."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC

from icalendar import Calendar
from sqlalchemy import func, select

from espace.models import Appointment, AuditEntry, CalendarFeed, HealthSpace, SpaceStatus
from tests.matrix.agenda import (
    BLOOD_TEST,
    FEED_TOKEN,
    KARIM_NIR,
    appointment,
    feed_url,
    known_feed,
    space_id,
)
from tests.support import text

JEANNE = "jeanne.martin@example.org"
EVENT_FIELDS = {"UID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "DTSTART", "SUMMARY"}


def parse(response) -> Calendar:  # type: ignore[no-untyped-def]
    return Calendar.from_ical(response.get_data())


def events(calendar: Calendar) -> list:  # type: ignore[type-arg]
    return list(calendar.walk("VEVENT"))


def test_one_appointment_downloads_as_an_ics_file_with_exactly_what_was_typed(login_as, db):
    target = appointment(db)
    client = login_as(JEANNE)
    response = client.get(f"/agenda/{target.id}/fichier")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    day = target.starts_at.astimezone(UTC).date()  # 7:00 UTC: the same day as in Paris
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="rendez-vous-{day.isoformat()}.ics"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    calendar = parse(response)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Espace santé//Agenda//FR"
    assert str(calendar["METHOD"]) == "PUBLISH"
    (event,) = events(calendar)
    assert set(event.keys()) == EVENT_FIELDS | {"LOCATION", "DESCRIPTION"}
    assert str(event["UID"]) == f"rendez-vous-{target.id}@127.0.0.1"
    assert event.decoded("DTSTART") == target.starts_at
    assert event.decoded("DTSTART").tzinfo is not None
    assert "DTSTART:" + target.starts_at.strftime("%Y%m%dT%H%M%SZ") in response.get_data(
        as_text=True
    )  # in UTC ("Z"): no time zone to go stale
    assert str(event["SUMMARY"]) == BLOOD_TEST
    assert str(event["LOCATION"]) == target.place
    assert str(event["DESCRIPTION"]) == target.note
    assert event.decoded("DTSTAMP") == target.updated_at.replace(microsecond=0)
    assert event.decoded("CREATED") == target.created_at.replace(microsecond=0)
    db.reload()
    last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert (last.event, last.target_id) == ("appointment.exported", target.id)


def test_an_event_says_nothing_the_holder_did_not_type(login_as, db):
    target = db.scalars(
        select(Appointment).where(Appointment.created_by_professional_id.is_not(None))
    ).one()
    body = login_as(JEANNE).get(f"/agenda/{target.id}/fichier").get_data(as_text=True)
    assert "Durand" not in body and "Médecin" not in body and "Jeanne" not in body
    echography = appointment(db, "Échographie abdominale")  # no note
    (event,) = events(parse(login_as(JEANNE).get(f"/agenda/{echography.id}/fichier")))
    assert set(event.keys()) == EVENT_FIELDS | {"LOCATION"}


def test_the_uid_stays_the_same_from_one_export_to_the_next(login_as, db):
    target = appointment(db)
    client = login_as(JEANNE)
    first = events(parse(client.get(f"/agenda/{target.id}/fichier")))[0]
    second = events(parse(client.get(f"/agenda/{target.id}/fichier")))[0]
    assert first["UID"] == second["UID"]
    feed = {str(e["UID"]): e for e in events(parse(client.get(feed_url(db))))}
    assert str(first["UID"]) in feed


def created_token(client) -> str:  # type: ignore[no-untyped-def]
    client.get("/agenda/abonnement")
    response = client.post_form("/agenda/abonnement")
    assert response.status_code == 200
    match = re.search(r"/agenda/flux/([A-Za-z0-9_-]{40,})\.ics", response.get_data(as_text=True))
    assert match, "the new link is shown"
    return match.group(1)


def test_a_new_link_is_shown_once_and_only_its_hash_is_kept(app, login_as, db):
    client = login_as(JEANNE)
    token = created_token(client)
    db.reload()
    feed = db.scalars(select(CalendarFeed).order_by(CalendarFeed.id.desc())).first()
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert feed.space_id == space_id(db) and feed.revoked_at is None
    listing = client.get("/agenda/abonnement").get_data(as_text=True)
    assert token not in listing and "Lien créé le" in listing
    for cookie in client._cookies.values():  # never in the session cookie (no flash)
        assert token not in cookie.value
    entries = db.scalars(select(AuditEntry).where(AuditEntry.event == "calendar_feed.created"))
    assert all(token not in (e.reason or "") for e in entries)


def test_the_feed_opens_without_signing_in_and_holds_the_live_appointments(app, login_as, db):
    token = created_token(login_as(JEANNE))
    cancelled = appointment(db, "Fond d'œil")
    db.get(Appointment, cancelled.id).cancelled_at = cancelled.created_at
    db.commit()
    anonymous = app.test_client()
    response = anonymous.get(f"/agenda/flux/{token}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in response.headers  # a calendar application keeps no session
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "Espace santé : mes rendez-vous"
    summaries = sorted(str(e["SUMMARY"]) for e in events(calendar))
    expected = sorted(
        db.scalars(
            select(Appointment.title).where(
                Appointment.space_id == space_id(db), Appointment.cancelled_at.is_(None)
            )
        )
    )
    assert summaries == expected and "Fond d'œil" not in summaries
    assert "Examen de santé des 8 ans" not in summaries  # Léa's, another space
    by_uid = {str(e["UID"]): e for e in events(calendar)}
    blood = appointment(db)
    event = by_uid[f"rendez-vous-{blood.id}@127.0.0.1"]
    assert event.decoded("DTSTART") == blood.starts_at
    assert (str(event["LOCATION"]), str(event["DESCRIPTION"])) == (blood.place, blood.note)
    db.reload()
    read = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert (read.event, read.space_id, read.actor_role) == (
        "calendar_feed.read",
        space_id(db),
        "holder",
    )


def test_a_revoked_link_gives_the_same_404_as_any_missing_page(app, login_as, db):
    client = login_as(JEANNE)
    token = created_token(client)
    anonymous = app.test_client()
    assert anonymous.get(f"/agenda/flux/{token}.ics").status_code == 200
    client.get("/agenda/abonnement")
    db.reload()
    feed = db.scalars(select(CalendarFeed).order_by(CalendarFeed.id.desc())).first()
    response = client.post_form(f"/agenda/abonnement/{feed.id}/supprimer")
    assert response.status_code == 302
    assert "Le lien est supprimé" in text(client.get(response.headers["Location"]))
    revoked = anonymous.get(f"/agenda/flux/{token}.ics")
    unknown = anonymous.get(f"/agenda/flux/{'x' * 43}.ics")
    missing = anonymous.get("/agenda/une-page-qui-n-existe-pas")
    assert revoked.status_code == unknown.status_code == missing.status_code == 404
    assert text(revoked) == text(unknown) == text(missing)
    assert client.post_form(f"/agenda/abonnement/{feed.id}/supprimer").status_code == 404


def test_odd_tokens_and_a_closed_space_give_404(app, db):
    known_feed(db)
    anonymous = app.test_client()
    assert anonymous.get(f"/agenda/flux/{FEED_TOKEN}.ics").status_code == 200
    for token in ("", "a" * 500, FEED_TOKEN.upper(), FEED_TOKEN + "x", "%00", "..%2F..%2Fx"):
        assert anonymous.get(f"/agenda/flux/{token}.ics").status_code == 404, token
    space = db.get(HealthSpace, space_id(db))
    space.status = SpaceStatus.CLOSED
    db.commit()
    assert anonymous.get(f"/agenda/flux/{FEED_TOKEN}.ics").status_code == 404


def test_each_holder_sees_only_their_own_links(login_as, db):
    known_feed(db)
    karim = login_as("karim.benali@example.org")
    assert "Lien créé le" not in text(karim.get("/agenda/abonnement"))
    created_token(karim)
    db.reload()
    assert (
        db.scalar(
            select(func.count())
            .select_from(CalendarFeed)
            .where(CalendarFeed.space_id == space_id(db, KARIM_NIR))
        )
        == 1
    )
