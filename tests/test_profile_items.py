"""Profil médical, list sections: add, change and delete through the real forms, and the
messages that say how to fix an answer (status 422, error summary, answers kept)."""

from __future__ import annotations

import html as html_lib
import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from espace import clock
from espace.models import (
    Allergy,
    AuditEntry,
    Contact,
    ContactKind,
    HistoryKind,
    MedicalHistory,
    Severity,
    Treatment,
    Vaccination,
)
from tests.completeness import JEANNE
from tests.completeness.profile import MODELS, VALID, first_id, parts, space_of
from tests.support import error_for, text

FROZEN = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)


def date_error(html: str, field: str) -> str:
    """The error of a three-box date, linked from the summary to the box to correct."""
    match = re.search(rf'<p class="error-message" id="{field}-error">(.*?)</p>', html, re.S)
    assert match, f"no error message for the date {field}"
    assert re.search(rf'href="#{field}-(jour|mois|annee)"', html), "summary does not link it"
    assert re.search(rf'aria-describedby="[^"]*{field}-error', html)
    message = html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1)))
    return message.replace("Erreur :", "").strip()


def count(db, model) -> int:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalar(select(func.count()).select_from(model))


@pytest.fixture
def jeanne(login_as):  # type: ignore[no-untyped-def]
    return login_as(JEANNE)


@pytest.mark.parametrize("section", list(MODELS))
def test_an_item_is_added_with_the_form_and_listed(jeanne, db, section):
    model = MODELS[section]
    before = count(db, model)
    page = jeanne.get(f"/profil/{section}/ajouter")
    assert page.status_code == 200 and "novalidate" in page.get_data(as_text=True)
    response = jeanne.post_form(f"/profil/{section}/ajouter", VALID[section])
    assert response.status_code == 302
    assert response.headers["Location"] == f"/profil/{section}"
    assert count(db, model) == before + 1
    listed = jeanne.get(f"/profil/{section}")
    shown = text(listed)
    assert "ajouté" in shown or "ajoutée" in shown  # the status message
    first_text = next(
        v for k, v in VALID[section].items() if k in {"label", "substance", "name", "vaccine"}
    )
    assert first_text in shown


def test_the_stored_values_are_typed(jeanne, db):
    for section in MODELS:
        jeanne.get(f"/profil/{section}/ajouter")
        assert jeanne.post_form(f"/profil/{section}/ajouter", VALID[section]).status_code == 302
    db.reload()
    space = space_of(db)
    antecedent = db.scalars(select(MedicalHistory).where(MedicalHistory.label == "Glaucome")).one()
    assert (antecedent.kind, antecedent.relative, antecedent.since, antecedent.note) == (
        HistoryKind.FAMILY,
        "Mère",
        date(2001, 5, 4),
        None,
    )
    allergy = db.scalars(select(Allergy).where(Allergy.substance == "Ibuprofène")).one()
    assert (allergy.severity, allergy.noted_on, allergy.space_id) == (
        Severity.MODERATE,
        date(2019, 2, 1),
        space.id,
    )
    treatment = db.scalars(select(Treatment).where(Treatment.name == "Paracétamol")).one()
    assert (treatment.ended_on, treatment.prescriber) == (None, None)
    contact = db.scalars(select(Contact).where(Contact.name == "Paul Martin")).one()
    assert (contact.kind, contact.email) == (ContactKind.EMERGENCY, None)


@pytest.mark.parametrize("section", list(MODELS))
def test_an_item_is_changed_with_its_form_filled_in(jeanne, db, section):
    item_id = first_id(db, MODELS[section])
    url = f"/profil/{section}/{item_id}/modifier"
    page = jeanne.get(url).get_data(as_text=True)
    assert 'value="' in page and "Enregistrer les changements" in page
    response = jeanne.post_form(url, VALID[section])
    assert response.status_code == 302
    db.reload()
    item = db.get(MODELS[section], item_id)
    name = next(
        v for k, v in VALID[section].items() if k in {"label", "substance", "name", "vaccine"}
    )
    assert name in {getattr(item, k, None) for k in ("label", "substance", "name", "vaccine")}
    assert "modifié" in text(jeanne.get(response.headers["Location"]))


def test_the_edit_form_shows_the_current_answers(jeanne, db):
    allergy_id = first_id(db, Allergy, substance="Pénicilline")
    html = jeanne.get(f"/profil/allergies/{allergy_id}/modifier").get_data(as_text=True)
    assert 'value="Pénicilline"' in html
    assert re.search(
        r'<input[^>]*checked[^>]*value="severe"|<input[^>]*value="severe"[^>]*checked', html
    )
    assert 'name="noted_on-annee" type="text" inputmode="numeric" value="1987"' in html


def test_an_allergy_of_unknown_severity_shows_je_ne_sais_pas_checked(jeanne, db):
    allergy_id = first_id(db, Allergy, substance="Pénicilline")
    jeanne.get(f"/profil/allergies/{allergy_id}/modifier")
    jeanne.post_form(
        f"/profil/allergies/{allergy_id}/modifier", {"substance": "Pénicilline", "severity": ""}
    )
    db.reload()
    assert db.get(Allergy, allergy_id).severity is None
    html = jeanne.get(f"/profil/allergies/{allergy_id}/modifier").get_data(as_text=True)
    assert re.search(r'<input[^>]*checked[^>]*value=""|<input[^>]*value=""[^>]*checked', html)


@pytest.mark.parametrize("section", list(MODELS))
def test_an_item_is_deleted_after_a_confirmation(jeanne, db, section):
    model = MODELS[section]
    item_id = first_id(db, model)
    before = count(db, model)
    confirm = jeanne.get(f"/profil/{section}/{item_id}/supprimer")
    assert confirm.status_code == 200 and "Oui, supprimer" in text(confirm)
    assert count(db, model) == before  # the GET changes nothing
    response = jeanne.post_form(f"/profil/{section}/{item_id}/supprimer")
    assert response.status_code == 302 and response.headers["Location"] == f"/profil/{section}"
    assert count(db, model) == before - 1
    assert db.get(model, item_id) is None
    assert jeanne.get(f"/profil/{section}/{item_id}/modifier").status_code == 404


ERRORS = [
    ("antecedents", {}, "kind", "Choisissez s'il s'agit de vous ou d'un membre"),
    ("antecedents", {"kind": "personal"}, "label", "Saisissez l'antécédent"),
    (
        "antecedents",
        {"kind": "family", "label": "Asthme"},
        "relative",
        "Indiquez le membre de la famille",
    ),
    ("antecedents", {"kind": "ami", "label": "Asthme"}, "kind", "Choisissez s'il s'agit"),
    (
        "antecedents",
        {"kind": "personal", "label": "x" * 201},
        "label",
        "au plus 200 caractères (vous en avez saisi 201)",
    ),
    (
        "antecedents",
        {"kind": "personal", "label": "A", "note": "n" * 1001},
        "note",
        "au plus 1000 caractères",
    ),
    ("allergies", {"substance": "   "}, "substance", "Saisissez ce qui provoque l'allergie"),
    (
        "allergies",
        {"substance": "Lait", "severity": "mortelle"},
        "severity",
        "Choisissez une des réponses",
    ),
    (
        "allergies",
        {"substance": "Lait", "reaction": "r" * 301},
        "reaction",
        "au plus 300 caractères",
    ),
    ("traitements", {"dosage": "1 g"}, "name", "Saisissez le nom du traitement"),
    ("vaccinations", {"vaccine": "Grippe"}, "given_on", None),
    (
        "vaccinations",
        {"vaccine": "", **parts("given_on", date(2024, 1, 1))},
        "vaccine",
        "Saisissez le vaccin",
    ),
    (
        "vaccinations",
        {"vaccine": "Grippe", "batch": "b" * 61, **parts("given_on", date(2024, 1, 1))},
        "batch",
        "au plus 60 caractères",
    ),
    ("entourage", {"name": "Ana"}, "kind", "Choisissez le rôle de cette personne"),
    (
        "entourage",
        {"kind": "emergency", "phone": "0612345678"},
        "name",
        "Saisissez le prénom et le nom",
    ),
    (
        "entourage",
        {"kind": "emergency", "name": "Ana"},
        "phone",
        "Saisissez un numéro de téléphone (ou au moins une adresse e-mail)",
    ),
    (
        "entourage",
        {"kind": "emergency", "name": "Ana", "phone": "appelle-moi"},
        "phone",
        "en chiffres, par exemple 06 12 34 56 78",
    ),
    ("entourage", {"kind": "emergency", "name": "Ana", "phone": "12"}, "phone", "en chiffres"),
    (
        "entourage",
        {"kind": "emergency", "name": "Ana", "phone": "06 12 34 56 78", "email": "ana@"},
        "email",
        "au bon format, par exemple nom@exemple.fr",
    ),
]


@pytest.mark.parametrize(("section", "data", "field", "message"), ERRORS)
def test_a_wrong_answer_gets_a_message_that_says_how_to_fix_it(
    jeanne, db, section, data, field, message
):
    before = count(db, AuditEntry)
    jeanne.get(f"/profil/{section}/ajouter")
    response = jeanne.post_form(f"/profil/{section}/ajouter", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<title>Erreur : " in html and "Il y a un problème" in html
    if field == "given_on":
        assert "Saisissez la date de la vaccination" in date_error(html, field)
    elif field in {"kind", "severity"}:
        assert message in html_lib.unescape(html)
        assert f'href="#{field}-0"' in html and f'id="{field}-0"' in html
    else:
        assert message in error_for(html, field)
    for name, value in data.items():  # the answers are kept
        if name not in {"kind", "severity"} and value.strip() and len(value) < 100:
            assert f'value="{html_lib.escape(value)}"' in html, name
    assert count(db, AuditEntry) == before  # nothing read or changed: no history


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2026, 3, 16), "ne peut pas être dans le futur"),
        (date(1899, 12, 31), "doit être après le 1/1/1900"),
    ],
)
def test_dates_are_neither_in_the_future_nor_before_1900(login_as, db, day, message):
    with clock.frozen_at(FROZEN):  # frozen before signing in, so the session stays valid
        jeanne = login_as(JEANNE)
        jeanne.get("/profil/vaccinations/ajouter")
        response = jeanne.post_form(
            "/profil/vaccinations/ajouter", {"vaccine": "Grippe", **parts("given_on", day)}
        )
        assert response.status_code == 422
        assert message in date_error(response.get_data(as_text=True), "given_on")
        today = {"vaccine": "Grippe", **parts("given_on", date(2026, 3, 15))}
        assert jeanne.post_form("/profil/vaccinations/ajouter", today).status_code == 302


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        (
            {"given_on-jour": "31", "given_on-mois": "2", "given_on-annee": "2024"},
            "Cette date n'existe pas",
        ),
        ({"given_on-jour": "3", "given_on-mois": "", "given_on-annee": "2024"}, "un mois"),
        ({"given_on-jour": "3", "given_on-mois": "mars", "given_on-annee": "2024"}, "en chiffres"),
        (
            {"given_on-jour": "3", "given_on-mois": "3", "given_on-annee": "24"},
            "l'année sur 4 chiffres",
        ),
        (
            {"given_on-jour": "9" * 5000, "given_on-mois": "3", "given_on-annee": "2024"},
            "Cette date n'existe pas",
        ),
    ],
)
def test_malformed_dates_are_refused_cleanly(jeanne, boxes, message):
    jeanne.get("/profil/vaccinations/ajouter")
    response = jeanne.post_form("/profil/vaccinations/ajouter", {"vaccine": "Grippe", **boxes})
    assert response.status_code == 422
    assert message in date_error(response.get_data(as_text=True), "given_on")


def test_a_treatment_cannot_end_before_it_started(jeanne):
    jeanne.get("/profil/traitements/ajouter")
    data = {
        "name": "Doliprane",
        **parts("started_on", date(2024, 5, 2)),
        **parts("ended_on", date(2024, 5, 1)),
    }
    response = jeanne.post_form("/profil/traitements/ajouter", data)
    assert response.status_code == 422
    assert "après la date de début" in date_error(response.get_data(as_text=True), "ended_on")


def test_a_stopped_treatment_is_listed_apart_from_current_ones(jeanne):
    shown = text(jeanne.get("/profil/traitements"))
    assert shown.index("Traitements en cours") < shown.index("Metformine")
    assert shown.index("Traitements arrêtés") < shown.index("Collyre")


def test_there_is_only_one_personne_de_confiance(jeanne, db):
    jeanne.get("/profil/entourage/ajouter")
    data = {"kind": "trusted_person", "name": "Marc Martin", "phone": "06 00 00 00 01"}
    response = jeanne.post_form("/profil/entourage/ajouter", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Vous avez déjà une personne de confiance" in html and 'href="#kind-0"' in html
    assert 'value="Marc Martin"' in html  # the answers are kept
    # Changing the current one into... herself is allowed.
    trusted = first_id(db, Contact, kind=ContactKind.TRUSTED_PERSON)
    jeanne.get(f"/profil/entourage/{trusted}/modifier")
    data = {"kind": "trusted_person", "name": "Claire Martin", "phone": "06 12 34 56 78"}
    assert jeanne.post_form(f"/profil/entourage/{trusted}/modifier", data).status_code == 302


def test_a_refused_change_keeps_the_stored_item_unchanged(jeanne, db):
    item_id = first_id(db, Vaccination)
    before = db.get(Vaccination, item_id).vaccine
    jeanne.get(f"/profil/vaccinations/{item_id}/modifier")
    response = jeanne.post_form(f"/profil/vaccinations/{item_id}/modifier", {"vaccine": ""})
    assert response.status_code == 422 and "Modifier la vaccination" in text(response)
    db.reload()
    assert db.get(Vaccination, item_id).vaccine == before
