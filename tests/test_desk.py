"""The operators' desk (/gestion): counts, finding a person (each lookup in the person's
history), oppositions and deaths received by post; operators only, and never any health
data; operators get a 404 on every health route."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from espace import clock
from espace.demo.personas import persona
from espace.lifecycle.demo import MARCEL, nir
from espace.models import AuditEntry, Opposition, OppositionChannel, SpaceStatus
from tests.completeness import HEALTH_BLUEPRINTS
from tests.routes import all_routes
from tests.space_life_support import (
    JEANNE_NIR,
    OPERATOR,
    T0,
    birth_parts,
    enrol,
    identity,
    line,
    new_nir,
    run_jobs,
    space,
    write_file,
)
from tests.support import error_for, text

BORN = date(1954, 3, 9)
JEANNE_BORN = date(1954, 3, 12)
MARCEL_NIR = nir(MARCEL[0])  # the demo's migrated DMP
# What Jeanne's and Marcel's records hold: none of it may reach an operator's page.
HEALTH_WORDS = [
    "diabète",
    "metformine",
    "psychiatrie",
    "glycémie",
    "cardiologie",
    "hypertension",
    "Radiographie",
    "Ordonnance",
    "allergie",
]


def no_health_data(html: str) -> None:
    lowered = html.lower()
    for word in HEALTH_WORDS:
        assert word.lower() not in lowered, word


def test_the_overview_counts_spaces_by_status_and_departement(login_as):
    operator = login_as(OPERATOR)
    page = operator.get("/gestion")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Nombre d'espaces santé, par département" in html
    assert '<th scope="row">80</th>' in html
    assert "assures-vague-3.csv" in html  # the demo batches and their counts
    no_health_data(html)


def test_a_lookup_shows_the_life_of_the_space_and_is_in_its_history(login_as, db):
    operator = login_as(OPERATOR)
    operator.get("/gestion/recherche")
    response = operator.post_form("/gestion/recherche", identity(JEANNE_NIR, JEANNE_BORN))
    assert response.status_code == 200
    page = text(response)
    assert "Jeanne Martin" in page and "Activé" in page
    no_health_data(response.get_data(as_text=True))
    assert JEANNE_NIR not in response.request.url
    jeanne = space(db, JEANNE_NIR)
    last = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert (last.event, last.space_id, last.actor_role) == (
        "operator.lookup",
        jeanne.id,
        "operator",
    )
    wrong = operator.post_form("/gestion/recherche", identity(JEANNE_NIR, date(1954, 3, 13)))
    assert wrong.status_code == 422
    assert "Aucun espace santé ne correspond" in error_for(wrong.get_data(as_text=True), "nir")


def test_a_migrated_persons_file_and_letter_hold_no_health_data(login_as, db):
    operator = login_as(OPERATOR)
    operator.get("/gestion/recherche")
    marcel = operator.post_form("/gestion/recherche", identity(MARCEL_NIR, date(1944, 4, 27)))
    assert "Marcel Dupuis" in text(marcel)
    no_health_data(marcel.get_data(as_text=True))
    operator.get("/gestion/courriers")
    printed = operator.post_form("/gestion/courriers/imprimer", {"lot": "hors-lot"})
    assert printed.status_code == 200 and "Marcel Dupuis" in text(printed)
    no_health_data(printed.get_data(as_text=True))


def test_a_paper_opposition_is_confirmed_then_recorded(app, db, login_as, tmp_path):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, given_name="Armelle")))
    with clock.frozen_at(T0 + timedelta(days=5)):
        operator = login_as(OPERATOR)
        operator.get("/gestion/opposition")
        form = {**identity(nir, BORN), **birth_parts(date(2026, 3, 4), "letter_date")}
        check = operator.post_form("/gestion/opposition", form)
        assert check.status_code == 200 and "Armelle Durand" in text(check)
        assert space(db, nir).status == SpaceStatus.NOTIFIED
        done = operator.post_form("/gestion/opposition", {**form, "confirme": "oui"})
        assert done.headers["Location"] == "/gestion"
        assert "L'opposition est enregistrée" in text(operator.get("/gestion"))
    opposed = space(db, nir)
    assert opposed.status == SpaceStatus.OPPOSED and opposed.given_name == ""
    proof = db.scalars(select(Opposition).where(Opposition.space_id == opposed.id)).one()
    account_id = db.scalar(
        select(AuditEntry.actor_account_id).where(
            AuditEntry.event == "space.opposed", AuditEntry.space_id == opposed.id
        )
    )
    assert proof.channel == OppositionChannel.POST
    assert proof.recorded_by_account_id == account_id is not None
    reason = db.scalar(
        select(AuditEntry.reason).where(
            AuditEntry.event == "space.opposed", AuditEntry.space_id == opposed.id
        )
    )
    assert reason == "courrier du 4 mars 2026"


def test_after_the_window_a_paper_opposition_is_refused_with_an_explanation(
    app, db, login_as, tmp_path
):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="tard@example.org")))
    run_jobs(app, T0 + timedelta(days=42))
    with clock.frozen_at(T0 + timedelta(days=45)):
        operator = login_as(OPERATOR)
        operator.get("/gestion/opposition")
        form = {
            **identity(nir, BORN),
            **birth_parts(date(2026, 4, 14), "letter_date"),
            "confirme": "oui",
        }
        response = operator.post_form("/gestion/opposition", form)
        assert "Le délai d'opposition est passé" in text(operator.get(response.headers["Location"]))
    assert space(db, nir).status == SpaceStatus.OPEN


@pytest.mark.parametrize("opened", [True, False], ids=["open", "notified"])
def test_a_death_closes_the_space_for_good(app, db, login_as, tmp_path, opened):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="deces@example.org")))
    if opened:
        run_jobs(app, T0 + timedelta(days=42))
    with clock.frozen_at(T0 + timedelta(days=43)):
        operator = login_as(OPERATOR)
        operator.get("/gestion/deces")
        form = {**identity(nir, BORN), **birth_parts(date(2026, 4, 10), "death_date")}
        assert "Colette Durand" in text(operator.post_form("/gestion/deces", form))
        done = operator.post_form("/gestion/deces", {**form, "confirme": "oui"})
        assert done.headers["Location"] == "/gestion"
        again = operator.post_form("/gestion/deces", {**form, "confirme": "oui"})
        assert "déjà enregistré" in text(operator.get(again.headers["Location"]))
    closed = space(db, nir)
    assert closed.status == SpaceStatus.CLOSED and closed.closure_reason == "death"
    run_jobs(app, T0 + timedelta(days=100))
    assert space(db, nir).status == SpaceStatus.CLOSED


def test_a_death_before_the_birth_is_refused(app, db, login_as, tmp_path):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="avant@example.org")))
    with clock.frozen_at(T0 + timedelta(days=1)):
        operator = login_as(OPERATOR)
        operator.get("/gestion/deces")
        form = {
            **identity(nir, BORN),
            **birth_parts(date(1950, 1, 1), "death_date"),
            "confirme": "oui",
        }
        response = operator.post_form("/gestion/deces", form)
        assert "avant la date de naissance" in text(operator.get(response.headers["Location"]))
    assert space(db, nir).status == SpaceStatus.NOTIFIED


def test_only_operators_reach_the_desk(login_as):
    for email in (
        "jeanne.martin@example.org",
        "sophie.durand@example.org",
        "animation@example.org",
    ):
        client = login_as(email)
        assert client.get("/gestion").status_code == 404
        client.get("/accessibilite")
        assert (
            client.post_form("/gestion/recherche", identity(JEANNE_NIR, JEANNE_BORN)).status_code
            == 404
        )


def test_an_operator_gets_a_404_on_every_health_route(app, login_as):
    operator = login_as(OPERATOR)
    assert persona("operator").email == OPERATOR
    checked = 0
    for route in all_routes(app):
        blueprint = route.endpoint.partition(".")[0]
        if blueprint not in HEALTH_BLUEPRINTS or blueprint == "desk":
            continue
        if "GET" in route.methods:
            assert operator.get(route.url()).status_code == 404, route
            checked += 1
        if "POST" in route.methods:
            operator.get("/accessibilite")
            assert operator.post_form(route.url()).status_code == 404, route
            checked += 1
    assert checked > 50
