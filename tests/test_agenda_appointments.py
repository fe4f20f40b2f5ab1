"""The holder's appointments: list, add, change, cancel; French messages that say how to fix
an answer; Paris time across daylight saving; choosing a professional from the directory
without JavaScript."""

from __future__ import annotations

import html as html_lib
import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from espace import clock
from espace.agenda.times import paris_instant
from espace.models import Account, Appointment, AuditEntry, Notification, Professional
from tests.matrix.agenda import BLOOD_TEST, appointment, day_fields, form, space_id
from tests.support import error_for, text

JEANNE = "jeanne.martin@example.org"


def status_text(html: str) -> str:
    match = re.search(r'<div id="statut" role="status">(.*?)</div>\s*</div>', html, re.S)
    if match is None:
        return ""
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))).strip()


def events(db, after: int = 0) -> list[str]:
    db.reload()
    return list(
        db.scalars(select(AuditEntry.event).where(AuditEntry.seq > after).order_by(AuditEntry.seq))
    )


def last_seq(db) -> int:
    db.reload()
    return db.scalar(select(func.max(AuditEntry.seq))) or 0


def latest(db) -> Appointment:
    db.reload()
    return db.scalars(select(Appointment).order_by(Appointment.id.desc())).first()


def test_the_agenda_lists_upcoming_appointments_soonest_first_then_recent_past_ones(login_as):
    page = text(login_as(JEANNE).get("/agenda"))
    upcoming, _, past = page.partition("Rendez-vous passés")
    assert upcoming.index("Prise de sang (HbA1c)") < upcoming.index("Fond d'œil")
    assert "Dr Sophie Durand · Ajouté par un professionnel" in upcoming
    assert "Dr Lemoine, ophtalmologue" in upcoming
    assert past.index("Consultation de suivi du diabète") < past.index("Échographie abdominale")
    assert "Voir le calendrier de prévention" in page


def test_adding_an_appointment_saves_it_in_paris_time_and_shows_it(login_as, db):
    client = login_as(JEANNE)
    assert client.get("/agenda/ajouter").status_code == 200
    before = last_seq(db)
    data = form(days_ahead=30, at="14 h 30", remind_same_day="y")
    response = client.post_form("/agenda/ajouter", data)
    assert response.status_code == 302
    saved = latest(db)
    assert response.headers["Location"] == f"/agenda/{saved.id}"
    day = clock.today_in_paris() + timedelta(days=30)
    assert saved.starts_at == paris_instant(day, time(14, 30)).utc
    assert (saved.title, saved.place, saved.note) == (
        "Consultation chez le cardiologue",
        "Clinique Pasteur, Toulouse",
        "Apporter l'électrocardiogramme.",
    )
    assert saved.remind_same_day and saved.professional_id is None
    jeanne = db.scalars(select(Account).where(Account.email == JEANNE)).one()
    assert saved.created_by_account_id == jeanne.id and saved.created_by_professional_id is None
    assert events(db, before) == ["appointment.added"]
    assert (
        db.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.kind == "appointment_added", Notification.target_id == saved.id)
        )
        == 0
    )
    page = client.get(response.headers["Location"])
    # The flash message travels in the cookie: it says what happened, never the title.
    assert status_text(page.get_data(as_text=True)) == "Le rendez-vous est ajouté à votre agenda."
    shown = text(page)
    assert "à 14 h 30 (heure de Paris)" in shown and "Clinique Pasteur, Toulouse" in shown
    assert "et le jour même, à partir de 7 h" in shown


def test_a_note_keeps_its_lines_and_control_characters_go(login_as, db):
    client = login_as(JEANNE)
    client.post_form(
        "/agenda/ajouter", form(title="Bilan\r\nannuel\x00", note="Ligne 1\r\nLigne 2")
    )
    saved = latest(db)
    assert saved.title == "Bilan  annuel"
    assert saved.note == "Ligne 1\nLigne 2"


def test_every_missing_answer_gets_its_own_message_and_the_answers_are_kept(login_as):
    client = login_as(JEANNE)
    response = client.post_form("/agenda/ajouter", {"place": "Hôpital Purpan", "note": "Rien"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<title>Erreur : Ajouter un rendez-vous" in html
    assert "Saisissez la date du rendez-vous" in error_for(html, "day", link="day-jour")
    assert "par exemple 14:30 ou 14 h 30" in error_for(html, "time")
    assert "Saisissez l'objet du rendez-vous" in error_for(html, "title")
    assert 'value="Hôpital Purpan"' in html and "Rien</textarea>" in html


def test_a_time_that_cannot_be_read_is_explained(login_as):
    response = login_as(JEANNE).post_form("/agenda/ajouter", form(at="midi et demi"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Saisissez l'heure en chiffres" in error_for(html, "time")
    assert 'value="midi et demi"' in html


def test_an_impossible_date_is_explained(login_as):
    data = {**form(), "day-jour": "31", "day-mois": "2"}
    html = login_as(JEANNE).post_form("/agenda/ajouter", data).get_data(as_text=True)
    assert "Cette date n'existe pas" in error_for(html, "day", link="day-jour")


def test_a_new_appointment_in_the_past_is_refused_with_a_message(login_as, db):
    client = login_as(JEANNE)
    response = client.post_form("/agenda/ajouter", form(days_ahead=-1))
    assert response.status_code == 422
    message = error_for(response.get_data(as_text=True), "day", link="day-jour")
    assert message.startswith("Choisissez une date à venir")
    assert (
        db.scalar(
            select(func.count())
            .select_from(Appointment)
            .where(Appointment.title == "Consultation chez le cardiologue")
        )
        == 0
    )


def test_today_an_hour_already_gone_is_refused_on_the_time(app, login_as):
    # 15:00 in Paris on a winter day; 10:00 the same day is gone, 16:00 is to come.
    with clock.frozen_at(datetime(2027, 1, 12, 14, 0, tzinfo=UTC)):
        client = login_as(JEANNE)
        data = {**form(), **day_fields(date(2027, 1, 12)), "time": "10:00"}
        response = client.post_form("/agenda/ajouter", data)
        assert response.status_code == 422
        assert "déjà passée aujourd'hui" in error_for(response.get_data(as_text=True), "time")
        assert client.post_form("/agenda/ajouter", {**data, "time": "16:00"}).status_code == 302


def test_more_than_ten_years_ahead_is_refused(login_as):
    html = login_as(JEANNE).post_form("/agenda/ajouter", form(days_ahead=366 * 11))
    message = error_for(html.get_data(as_text=True), "day", link="day-jour")
    assert "dans les 10 prochaines années" in message


def test_too_long_answers_say_the_limit(login_as):
    response = login_as(JEANNE).post_form("/agenda/ajouter", form(title="x" * 201, note="y" * 1001))
    html = response.get_data(as_text=True)
    assert "au plus 200 caractères (vous en avez saisi 201)" in error_for(html, "title")
    assert "au plus 1000 caractères" in error_for(html, "note")


def test_a_time_in_the_spring_gap_is_refused_with_a_clear_message(login_as):
    # 28 March 2027 is the last Sunday of March: 2:00 jumps to 3:00.
    data = {**form(), **day_fields(date(2027, 3, 28)), "time": "2:30"}
    response = login_as(JEANNE).post_form("/agenda/ajouter", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    message = error_for(html, "time")
    assert "Le 28 mars 2027, cette heure n'existe pas" in message
    assert "avant 2 h ou à partir de 3 h" in message
    assert 'value="2:30"' in html


def test_an_autumn_time_that_happens_twice_is_the_first_and_the_holder_is_told(login_as, db):
    # 31 October 2027 is the last Sunday of October: 2:30 happens twice.
    client = login_as(JEANNE)
    data = {**form(), **day_fields(date(2027, 10, 31)), "time": "2:30"}
    response = client.post_form("/agenda/ajouter", data)
    assert response.status_code == 302
    assert latest(db).starts_at == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # summer time
    page = client.get(response.headers["Location"])
    told = status_text(page.get_data(as_text=True))
    assert "il est deux fois 2 h 30" in told and "la première, en heure d'été" in told
    assert "en heure d'été : cette nuit-là, les horloges reculent" in text(page)


def test_the_same_appointment_a_day_later_across_the_spring_change_keeps_its_paris_time(
    login_as, db
):
    client = login_as(JEANNE)
    for day in (date(2027, 3, 27), date(2027, 3, 28)):
        client.post_form("/agenda/ajouter", {**form(), **day_fields(day), "time": "9:00"})
    first, second = db.scalars(select(Appointment).order_by(Appointment.id.desc()).limit(2)).all()[
        ::-1
    ]
    assert first.starts_at.hour == 8 and second.starts_at.hour == 7  # 9:00 CET, then CEST
    assert second.starts_at - first.starts_at == timedelta(hours=23)


def durand(db) -> Professional:
    return db.scalars(select(Professional).where(Professional.family_name == "Durand")).one()


def test_a_name_from_the_directory_is_offered_then_picked_without_javascript(login_as, db):
    client = login_as(JEANNE)
    data = form(professional="Durand")
    response = client.post_form("/agenda/ajouter", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    message = error_for(html, "professional_choice", link="professional_choice-0")
    assert "Choisissez le professionnel dans la liste de l'annuaire" in message
    sophie = durand(db)
    assert f'value="{sophie.id}"' in html and "Dr Sophie Durand, Médecin" in html
    assert "Aucun de ces professionnels : garder « Durand » tel que saisi" in html
    assert 'name="searched" value="Durand"' in html  # the radios answer this text
    assert 'value="Consultation chez le cardiologue"' in html  # the other answers are kept
    response = client.post_form(
        "/agenda/ajouter", {**data, "searched": "Durand", "professional_choice": str(sophie.id)}
    )
    assert response.status_code == 302
    saved = latest(db)
    assert saved.professional_id == sophie.id and saved.professional_text is None
    assert "Dr Sophie Durand (Médecin, Médecine générale)" in text(
        client.get(response.headers["Location"])
    )


def test_keeping_the_typed_name_saves_it_as_free_text(login_as, db):
    client = login_as(JEANNE)
    data = {**form(professional="Durand"), "searched": "Durand", "professional_choice": "texte"}
    assert client.post_form("/agenda/ajouter", data).status_code == 302
    saved = latest(db)
    assert saved.professional_id is None and saved.professional_text == "Durand"


def test_changing_the_name_after_the_offer_asks_again(login_as, db):
    client = login_as(JEANNE)
    sophie = durand(db)
    data = {
        **form(professional="Leroy"),
        "searched": "Durand",
        "professional_choice": str(sophie.id),
    }
    response = client.post_form("/agenda/ajouter", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Paul Leroy, Pharmacien" in html and f'value="{sophie.id}"' not in html


def test_a_name_nobody_in_the_directory_has_is_saved_as_typed_at_once(login_as, db):
    client = login_as(JEANNE)
    response = client.post_form("/agenda/ajouter", form(professional="Ophtalmologue du CHU"))
    assert response.status_code == 302
    assert latest(db).professional_text == "Ophtalmologue du CHU"


def test_a_professional_that_was_not_offered_cannot_be_slipped_in(login_as, db):
    client = login_as(JEANNE)
    samu = db.scalars(select(Professional).where(Professional.family_name == "Garnier")).one()
    data = {
        **form(professional="Durand"),
        "searched": "Durand",
        "professional_choice": str(samu.id),
    }
    response = client.post_form("/agenda/ajouter", data)
    assert response.status_code == 422
    assert latest(db).title != "Consultation chez le cardiologue"


def test_the_change_form_is_filled_in_and_a_change_resets_the_reminders(login_as, db):
    target = appointment(db)
    target.day_before_reminded_at = clock.now()
    db.commit()
    client = login_as(JEANNE)
    page = client.get(f"/agenda/{target.id}/modifier").get_data(as_text=True)
    assert f'value="{BLOOD_TEST}"' in page and 'value="08:00"' in page
    assert "Venir à jeun" in page
    assert re.search(r'<input[^>]* checked [^>]*name="remind_same_day"', page)
    before = last_seq(db)
    data = form(days_ahead=4, at="9:15", title=BLOOD_TEST, note="Venir à jeun.")
    response = client.post_form(f"/agenda/{target.id}/modifier", data)
    assert response.status_code == 302
    assert events(db, before) == ["appointment.changed"]
    changed = appointment(db)
    assert (
        changed.starts_at
        == paris_instant(clock.today_in_paris() + timedelta(days=4), time(9, 15)).utc
    )
    assert changed.day_before_reminded_at is None and not changed.remind_same_day
    assert status_text(client.get(f"/agenda/{target.id}").get_data(as_text=True)) == (
        "Le rendez-vous est modifié."
    )


def test_a_directory_professional_stays_chosen_when_the_form_is_sent_back_as_shown(login_as, db):
    target = db.scalars(
        select(Appointment).where(Appointment.created_by_professional_id.is_not(None))
    ).one()
    client = login_as(JEANNE)
    page = client.get(f"/agenda/{target.id}/modifier").get_data(as_text=True)
    sophie = durand(db)
    assert re.search(rf'<input checked [^>]*value="{sophie.id}"', page)
    assert 'name="searched" value="Dr Sophie Durand"' in page
    when = target.starts_at.astimezone(clock.PARIS)
    data = {
        **form(title=target.title, note="Apporter le carnet.", place=target.place),
        **day_fields(when.date()),
        "time": when.strftime("%H:%M"),
        "professional": "Dr Sophie Durand",
        "searched": "Dr Sophie Durand",
        "professional_choice": str(sophie.id),
    }
    assert client.post_form(f"/agenda/{target.id}/modifier", data).status_code == 302
    db.reload()
    assert db.get(Appointment, target.id).professional_id == sophie.id


def test_a_past_appointment_can_be_completed_but_not_moved_into_the_past(login_as, db):
    past = appointment(db, "Échographie abdominale")
    when = past.starts_at.astimezone(clock.PARIS)
    client = login_as(JEANNE)
    kept = {
        **form(title=past.title, place=past.place or "", note="Résultats normaux."),
        **day_fields(when.date()),
        "time": when.strftime("%H:%M"),
    }
    assert client.post_form(f"/agenda/{past.id}/modifier", kept).status_code == 302
    db.reload()
    assert db.get(Appointment, past.id).note == "Résultats normaux."
    moved = {**kept, **day_fields(when.date() - timedelta(days=1))}
    response = client.post_form(f"/agenda/{past.id}/modifier", moved)
    assert response.status_code == 422
    message = error_for(response.get_data(as_text=True), "day", link="day-jour")
    assert "ajouté ou déplacé dans le passé" in message
    db.reload()
    assert db.get(Appointment, past.id).starts_at == past.starts_at


def test_a_failed_change_records_one_reading_and_changes_nothing(login_as, db):
    target = appointment(db)
    client = login_as(JEANNE)
    before = last_seq(db)
    response = client.post_form(f"/agenda/{target.id}/modifier", form(title=""))
    assert response.status_code == 422
    assert events(db, before) == ["appointment.viewed"]
    assert appointment(db).title == BLOOD_TEST


def test_cancelling_asks_first_then_removes_it_from_the_agenda(login_as, db):
    target = appointment(db)
    client = login_as(JEANNE)
    page = text(client.get(f"/agenda/{target.id}/annuler"))
    assert "Oui, annuler le rendez-vous" in page and "Venir à jeun" in page
    before = last_seq(db)
    response = client.post_form(f"/agenda/{target.id}/annuler")
    assert response.status_code == 302 and response.headers["Location"] == "/agenda"
    assert events(db, before) == ["appointment.cancelled"]
    db.reload()
    assert db.get(Appointment, target.id).cancelled_at is not None
    assert BLOOD_TEST not in text(client.get("/agenda"))
    for path in ("", "/modifier", "/annuler", "/fichier"):
        assert client.get(f"/agenda/{target.id}{path}").status_code == 404, path


def test_a_missing_or_absurd_id_is_the_ordinary_404(login_as):
    client = login_as(JEANNE)
    for url in ("/agenda/999999", "/agenda/99999999999999999999999", "/agenda/0/modifier"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Page introuvable" in text(response)


def test_the_detail_says_who_added_it_when_a_professional_did(login_as, db):
    target = db.scalars(
        select(Appointment).where(Appointment.created_by_professional_id.is_not(None))
    ).one()
    page = text(login_as(JEANNE).get(f"/agenda/{target.id}"))
    assert "Ajouté par Dr Sophie Durand (Médecin)" in page
    assert "Télécharger pour mon calendrier (fichier ICS," in page
    assert space_id(db)


@pytest.mark.parametrize(
    "odd",
    [
        {"day-annee": "0001"},
        {"day-annee": "9999", "day-mois": "12", "day-jour": "31", "time": "23:59"},
        {"day-jour": "١", "day-mois": "٢"},
        {"day-jour": "-1"},
        {"time": "9" * 5000},
        {"time": "24:00"},
        {
            "professional_choice": "99999999999999999999999999",
            "searched": "Durand",
            "professional": "Durand",
        },
        {"professional_choice": "../../etc", "searched": "x" * 100_000},
        {"professional": "Dr " * 100},
        {"remind_same_day": "peut-être"},
        {"title": "\x00" * 10},
    ],
)
def test_odd_input_gets_an_answer_never_a_500(login_as, odd):
    client = login_as(JEANNE)
    response = client.post_form("/agenda/ajouter", {**form(), **odd})
    assert response.status_code in (302, 422), odd
    if response.status_code == 422:
        assert "Il y a un problème" in text(response)


def test_past_appointments_have_pages_and_odd_page_numbers_mean_the_first(login_as, db):
    client = login_as(JEANNE)
    for page in ("1", "2", "0", "-1", "²", "9" * 30, "abc"):
        response = client.get(f"/agenda/passes?page={page}")
        assert response.status_code == 200, page
        assert "Échographie abdominale" in text(response)


def test_many_past_appointments_are_paged_twenty_at_a_time(login_as, db):
    now = clock.now()
    for n in range(25):
        db.add(Appointment(space_id=space_id(db), starts_at=now - timedelta(days=100 + n),
                           title=f"Séance de kinésithérapie {n + 1}", created_at=now,
                           updated_at=now))  # fmt: skip
    db.commit()
    client = login_as(JEANNE)
    index = text(client.get("/agenda"))
    assert "Voir les 28 rendez-vous passés" in index
    first, second = text(client.get("/agenda/passes")), text(client.get("/agenda/passes?page=2"))
    assert "Page 1 sur 2" in first and "Page 2 sur 2" in second
    assert "Séance de kinésithérapie 25 " in second and "Séance de kinésithérapie 25 " not in first
