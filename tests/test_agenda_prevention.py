"""The prevention calendar: generated from the birth date (vaccinations 2025, the 20 child
check-ups, autumn campaigns from 65), each item with "why you see this", hidden and shown
again by the holder; nothing stored but the hidden choices."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from espace.agenda.prevention import add_age, generate
from espace.agenda.prevention_data import CHECKUPS, ITEMS, Age
from espace.models import Appointment, AuditEntry, HealthSpace, PreventionHidden
from tests.factories import make_holder
from tests.matrix.agenda import KARIM_NIR, form, space_id
from tests.support import CheckedClient, sign_in, text

JEANNE = "jeanne.martin@example.org"
KARIM = "karim.benali@example.org"
LEA_BIRTH = date(2018, 6, 14)
JEANNE_BIRTH = date(1954, 3, 12)
TODAY = date(2026, 11, 27)


def keys(items) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.key for item in items]


def test_ages_are_added_in_calendar_months_and_years():
    assert add_age(LEA_BIRTH, Age(years=8)) == date(2026, 6, 14)
    assert add_age(date(2020, 2, 29), Age(years=1)) == date(2021, 2, 28)
    assert add_age(date(2019, 1, 31), Age(months=1)) == date(2019, 2, 28)
    assert add_age(date(2019, 12, 15), Age(months=2)) == date(2020, 2, 15)
    assert add_age(date(2026, 1, 1), Age(days=8)) == date(2026, 1, 9)


def test_the_data_has_twenty_checkups_and_short_unique_keys():
    assert len(CHECKUPS) == 20
    all_keys = keys(ITEMS)
    assert len(all_keys) == len(set(all_keys)) and all(len(k) <= 50 for k in all_keys)


def test_a_newborn_sees_the_8_day_examination_then_the_first_vaccines():
    calendar = generate(TODAY - timedelta(days=3), TODAY, set())
    assert keys(calendar.current) == ["examen-8-jours"]
    upcoming = keys(calendar.upcoming)
    assert upcoming[:2] == ["examen-2-semaines", "examen-2-mois"]
    assert "vaccins-2-mois" in upcoming and "rappel-6-ans" in upcoming
    assert "rappel-11-13-ans" not in upcoming  # more than 10 years ahead
    assert calendar.recent == [] and calendar.hidden == []


def test_a_two_month_old_is_due_the_2_month_vaccines_and_the_3rd_month_examination():
    calendar = generate(TODAY - timedelta(days=65), TODAY, set())
    assert set(keys(calendar.current)) == {"vaccins-2-mois", "examen-3-mois"}
    assert "examen-8-jours" in keys(calendar.recent)
    mandatory = {i.key: i.mandatory for i in calendar.current}
    assert all(mandatory.values())


def test_lea_at_8_is_due_her_check_up_and_sees_what_comes_at_11():
    calendar = generate(LEA_BIRTH, TODAY, set())
    assert keys(calendar.current) == ["examen-8-9-ans"]
    assert keys(calendar.upcoming) == [
        "examen-11-13-ans",
        "hpv-11-14-ans",
        "meningocoques-11-14-ans",
        "rappel-11-13-ans",
        "examen-15-16-ans",
    ]
    assert keys(calendar.recent) == ["examen-7e-annee", "rappel-6-ans"]
    (current,) = calendar.current
    assert current.period == "du 14 juin 2026 au 13 juin 2028"
    why = current.why(LEA_BIRTH)
    assert "date de naissance enregistrée dans l'espace (14 juin 2018)" in why
    assert "prévoit cet examen entre 8 et 9 ans, soit du 14 juin 2026 au 13 juin 2028" in why
    assert "recommandations générales" in why and "Demandez conseil à votre médecin" in why


def test_jeanne_at_72_sees_the_autumn_campaigns_and_what_comes_at_75():
    calendar = generate(JEANNE_BIRTH, TODAY, set())
    assert keys(calendar.current) == [
        "pneumocoque-65-ans",
        "zona-65-ans",
        "covid-2026",
        "grippe-2026",
    ]
    assert keys(calendar.upcoming) == ["covid-2027", "grippe-2027", "rappel-75-ans", "vrs-75-ans"]
    assert calendar.recent == []
    flu = next(i for i in calendar.current if i.key == "grippe-2026")
    assert flu.period == "du 15 octobre 2026 au 31 janvier 2027"
    assert "chaque automne" in flu.why(JEANNE_BIRTH)


def test_the_campaign_ends_on_31_january_and_starts_again_on_15_october():
    on_the_last_day = generate(JEANNE_BIRTH, date(2027, 1, 31), set())
    assert "grippe-2026" in keys(on_the_last_day.current)
    after = generate(JEANNE_BIRTH, date(2027, 2, 1), set())
    assert "grippe-2026" not in keys(after.current + after.upcoming + after.recent)
    assert "grippe-2027" in keys(after.upcoming)
    assert "grippe-2027" in keys(generate(JEANNE_BIRTH, date(2027, 10, 15), set()).current)


def test_the_campaigns_start_with_the_autumn_after_the_65th_birthday():
    born = date(1962, 1, 1)  # 64 in autumn 2026, 65 on 1 January 2027
    calendar = generate(born, date(2026, 11, 1), set())
    assert "grippe-2026" not in keys(calendar.current)
    assert {"grippe-2027", "pneumocoque-65-ans", "rappel-65-ans"} <= set(keys(calendar.upcoming))


def test_an_adult_of_38_has_nothing_now_and_the_45_year_reminder_ahead():
    calendar = generate(date(1988, 1, 20), TODAY, set())
    assert calendar.current == [] and calendar.recent == []
    assert keys(calendar.upcoming) == ["rappel-45-ans"]


def test_hidden_items_move_to_their_own_list():
    calendar = generate(LEA_BIRTH, TODAY, {"examen-8-9-ans", "hpv-11-14-ans", "inconnu"})
    assert calendar.current == []
    assert keys(calendar.hidden) == ["examen-8-9-ans", "hpv-11-14-ans"]
    assert "hpv-11-14-ans" not in keys(calendar.upcoming)


def test_jeanne_reads_her_calendar_with_the_reasons_and_it_is_recorded(login_as, db):
    client = login_as(JEANNE)
    page = text(client.get("/agenda/prevention"))
    assert "calculés à partir de la date de naissance enregistrée dans l'espace : 12 mars 1954" in (
        page
    )
    assert "Vaccin contre le zona" in page and "Pourquoi vous voyez ceci" in page
    assert "Ne plus afficher : Vaccin contre le zona" in page
    db.reload()
    last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last.event == "prevention.viewed" and last.space_id == space_id(db)


def test_hiding_then_showing_an_item_again(login_as, db):
    client = login_as(JEANNE)
    client.get("/agenda/prevention")
    response = client.post_form("/agenda/prevention/masquer", {"item": "zona-65-ans"})
    assert response.status_code == 302
    page = client.get("/agenda/prevention")
    shown = text(page)
    current, _, hidden = shown.partition("Rappels masqués")
    assert "Vaccin contre le zona" not in current and "Ce rappel n'est plus affiché" in current
    assert "Afficher de nouveau : Vaccin contre le zona" in hidden
    assert (
        client.post_form("/agenda/prevention/masquer", {"item": "zona-65-ans"}).status_code == 302
    )
    db.reload()
    rows = db.scalars(
        select(PreventionHidden.item_key).where(PreventionHidden.space_id == space_id(db))
    ).all()
    assert rows == ["zona-65-ans"]
    response = client.post_form("/agenda/prevention/afficher", {"item": "zona-65-ans"})
    assert response.status_code == 302
    assert "Afficher de nouveau" not in text(client.get("/agenda/prevention"))
    db.reload()
    assert db.scalar(select(func.count()).select_from(PreventionHidden)) == 0
    events = db.scalars(
        select(AuditEntry.event)
        .where(AuditEntry.event.like("prevention.%"))
        .order_by(AuditEntry.seq)
    ).all()
    assert events[-6:] == [
        "prevention.viewed",
        "prevention.hidden",
        "prevention.viewed",
        "prevention.hidden",
        "prevention.shown",
        "prevention.viewed",
    ]


@pytest.mark.parametrize("item", ["", "inconnu", "examen-8-jours", "grippe-1999", "x" * 500])
def test_an_item_not_in_this_calendar_cannot_be_hidden(login_as, db, item):
    client = login_as(JEANNE)
    client.get("/agenda/prevention")
    assert client.post_form("/agenda/prevention/masquer", {"item": item}).status_code == 404
    assert client.post_form("/agenda/prevention/afficher", {"item": item}).status_code == 404
    db.reload()
    assert db.scalar(select(func.count()).select_from(PreventionHidden)) == 0


def test_a_child_s_own_space_shows_the_child_check_ups(app, db, outbox):
    child = make_holder(db, birth_date=TODAY - timedelta(days=250))
    db.commit()
    client: CheckedClient = app.test_client()  # type: ignore[assignment]
    sign_in(client, outbox, child.holder.email, password="Mot-de-passe-de-test-1")
    page = text(client.get("/agenda/prevention"))
    assert "Examen du 9e mois" in page and "Examen de santé Obligatoire" in page


def test_karim_managing_lea_sees_her_calendar_and_adds_to_her_agenda(login_as, db):
    lea = db.scalars(select(HealthSpace).where(HealthSpace.given_name == "Léa")).one()
    client = login_as(KARIM)
    client.get("/proches")
    assert client.post_form("/proches/gerer", {"espace": str(lea.id)}).status_code == 302
    page = text(client.get("/agenda/prevention"))
    assert "14 juin 2018" in page and "Examen de 8 à 9 ans" in page
    assert "Examen de santé des 8 ans" in text(client.get("/agenda"))
    assert client.post_form("/agenda/ajouter", form(title="Dentiste")).status_code == 302
    db.reload()
    added = db.scalars(select(Appointment).order_by(Appointment.id.desc())).first()
    assert added.space_id == lea.id and added.title == "Dentiste"
    assert added.space_id != space_id(db, KARIM_NIR)
