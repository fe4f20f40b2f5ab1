"""The agenda against another holder (IDOR sweep over appointments and feed links, GET and
POST: 404 and nothing changes) and against injected content (pages and .ics files)."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar
from sqlalchemy import func, select

from espace.agenda import calendar
from espace.agenda.forms import one_line, several_lines
from espace.models import Appointment, AuditEntry, CalendarFeed, PreventionHidden
from tests.matrix.agenda import FEED_TOKEN, KARIM_NIR, form, known_feed, space_id
from tests.xss import injected, nonce_of, payloads, sample

JEANNE = "jeanne.martin@example.org"
KARIM = "karim.benali@example.org"
COLUMNS = [c.key for c in Appointment.__table__.columns]


def snapshot(db, nir: str | None = None) -> list[tuple]:  # type: ignore[no-untyped-def]
    db.reload()
    rows = db.scalars(
        select(Appointment)
        .where(*([Appointment.space_id == space_id(db, nir)] if nir else []))
        .order_by(Appointment.id)
    ).all()
    return [tuple(getattr(row, column) for column in COLUMNS) for row in rows]


def test_another_holder_gets_404_on_every_appointment_and_link_and_nothing_changes(login_as, db):
    jeanne_ids = [row[0] for row in snapshot(db, "254033155512362")]
    assert len(jeanne_ids) >= 7  # upcoming, past, and Dr Durand's
    feed = known_feed(db)
    before, entries_before = snapshot(db), db.scalar(select(func.max(AuditEntry.seq)))
    karim = login_as(KARIM)
    karim.get("/agenda")
    for appointment_id in jeanne_ids:
        for path in ("", "/modifier", "/annuler", "/fichier"):
            url = f"/agenda/{appointment_id}{path}"
            assert karim.get(url).status_code == 404, url
        assert karim.post_form(f"/agenda/{appointment_id}/modifier", form()).status_code == 404
        assert karim.post_form(f"/agenda/{appointment_id}/annuler").status_code == 404
    assert karim.post_form(f"/agenda/abonnement/{feed.id}/supprimer").status_code == 404
    assert snapshot(db) == before
    db.reload()
    assert db.get(CalendarFeed, feed.id).revoked_at is None
    jeanne_space = space_id(db)
    new_entries = db.scalars(select(AuditEntry).where(AuditEntry.seq > entries_before)).all()
    assert [e.event for e in new_entries if e.space_id == jeanne_space] == []


def test_jeanne_cannot_reach_the_appointments_of_lea_either(login_as, db):
    lea = db.scalars(
        select(Appointment).where(Appointment.title == "Examen de santé des 8 ans")
    ).one()
    jeanne = login_as(JEANNE)
    for path in ("", "/modifier", "/annuler", "/fichier"):
        assert jeanne.get(f"/agenda/{lea.id}{path}").status_code == 404
    assert jeanne.post_form(f"/agenda/{lea.id}/annuler").status_code == 404
    db.reload()
    assert db.get(Appointment, lea.id).cancelled_at is None


def test_the_stored_hash_and_neighbouring_tokens_open_nothing(app, db):
    feed = known_feed(db)
    anonymous = app.test_client()
    assert anonymous.get(f"/agenda/flux/{FEED_TOKEN}.ics").status_code == 200
    for token in (feed.token_hash, FEED_TOKEN[:-1], FEED_TOKEN[1:], FEED_TOKEN + "=", str(feed.id)):
        assert anonymous.get(f"/agenda/flux/{token}.ics").status_code == 404, token


def test_a_link_of_karim_shows_only_his_agenda(app, db):
    known_feed(db, token="jeton-de-karim-" + "k" * 40, nir=KARIM_NIR)
    body = app.test_client().get(f"/agenda/flux/jeton-de-karim-{'k' * 40}.ics").get_data(True)
    assert "BEGIN:VCALENDAR" in body and "HbA1c" not in body and "Durand" not in body


def test_a_professional_cannot_add_to_the_agenda_of_someone_not_in_their_care(login_as, db):
    before = snapshot(db)
    gp = login_as("sophie.durand@example.org")  # Jeanne's GP, not Karim's
    url = f"/agenda/pro/{space_id(db, KARIM_NIR)}/ajouter"
    assert gp.get(url).status_code == 404
    assert gp.post_form(url, form()).status_code == 404
    assert snapshot(db) == before


def test_hidden_prevention_items_are_per_space(login_as, db):
    jeanne = login_as(JEANNE)
    jeanne.get("/agenda/prevention")
    jeanne.post_form("/agenda/prevention/masquer", {"item": "zona-65-ans"})
    karim = login_as(KARIM)
    karim.get("/agenda/prevention")
    assert (
        karim.post_form("/agenda/prevention/afficher", {"item": "zona-65-ans"}).status_code == 404
    )
    db.reload()
    assert db.scalar(select(func.count()).select_from(PreventionHidden)) == 1


def _pages(client, appointment_id: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "index": client.get("/agenda"),
        "detail": client.get(f"/agenda/{appointment_id}"),
        "change": client.get(f"/agenda/{appointment_id}/modifier"),
        "cancel": client.get(f"/agenda/{appointment_id}/annuler"),
    }


def test_injected_text_never_comes_back_as_markup(login_as, db):
    client = login_as(JEANNE)
    client.get("/agenda/ajouter")
    assert client.post_form("/agenda/ajouter", form(title="Inoffensif")).status_code == 302
    harmless = db.scalars(select(Appointment).order_by(Appointment.id.desc())).first()
    baseline = {k: r.get_data(as_text=True) for k, r in _pages(client, harmless.id).items()}
    form_page = client.get("/agenda/ajouter").get_data(as_text=True)
    checked = 0
    for payload in sample():
        data = form(title=payload[:200], place=payload[:300], note=payload[:1000],
                    professional=payload[:200])  # fmt: skip
        response = client.post_form("/agenda/ajouter", data)
        if response.status_code == 422:  # e.g. the directory offers names: the page says it
            body = response.get_data(as_text=True)
            assert injected(body, nonce_of(response), baseline=form_page) == [], payload
            continue
        assert response.status_code == 302, payload
        saved_id = int(response.headers["Location"].rsplit("/", 1)[1])
        for name, page in _pages(client, saved_id).items():
            body = page.get_data(as_text=True)
            assert injected(body, nonce_of(page), baseline=baseline[name]) == [], (name, payload)
        ics = client.get(f"/agenda/{saved_id}/fichier").get_data()
        (event,) = Calendar.from_ical(ics).walk("VEVENT")
        assert str(event["SUMMARY"]) == one_line(payload[:200]), payload
        assert str(event["DESCRIPTION"]) == several_lines(payload[:1000]), payload
        client.post_form(f"/agenda/{saved_id}/annuler")  # keep the list short
        checked += 1
    assert checked > len(sample()) // 2


def test_any_text_in_the_agenda_makes_one_well_formed_event(db):
    """Even raw text that never went through the form (a line break, a BEGIN:VEVENT...)."""
    when = datetime(2027, 1, 13, 9, 0, tzinfo=UTC)
    for number, payload in enumerate(payloads(), start=1):
        item = Appointment(id=number, space_id=1, starts_at=when, title=payload, place=payload,
                           note=payload, created_at=when, updated_at=when)  # fmt: skip
        body = calendar.feed([item], "exemple.fr")
        parsed = Calendar.from_ical(body)
        (event,) = parsed.walk("VEVENT")
        assert len(parsed.subcomponents) == 1
        assert str(event["UID"]) == f"rendez-vous-{number}@exemple.fr"
        assert event.decoded("DTSTART") == when
        expected = payload.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        assert str(event["SUMMARY"]) == expected, payload
        assert body.count(b"BEGIN:VEVENT") == 1
