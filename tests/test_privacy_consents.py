"""The two emergency consents (/confidentialite/urgence, CSP R1111-48): on by default,
each switchable; a bad answer gets a 422 linked to its question."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from espace.models import AuditEntry, EmergencyMode
from espace.policy.access import emergency_consented
from tests.matrix.privacy import jeanne_space
from tests.support import error_for, text

JEANNE = "jeanne.martin@example.org"
URL = "/confidentialite/urgence"


def consents(db) -> tuple[bool, bool]:
    db.reload()
    space = jeanne_space(db)
    return (
        emergency_consented(space, EmergencyMode.EMERGENCY),
        emergency_consented(space, EmergencyMode.SAMU),
    )


def checked(html: str, radio_id: str) -> bool:
    import re

    tag = re.search(rf'<input[^>]*id="{radio_id}"[^>]*>', html)
    assert tag, radio_id
    return "checked" in tag.group(0)


def test_both_consents_are_on_by_default_and_each_is_explained(login_as, db):
    assert consents(db) == (True, True)
    response = login_as(JEANNE).get(URL)
    html = response.text
    assert checked(html, "urgence-0") and checked(html, "samu-0")  # "Oui, j'accepte"
    assert not checked(html, "urgence-1") and not checked(html, "samu-1")
    page = text(response)
    assert "si vous ne pouvez pas dire ce que vous voulez" in page
    assert "Le médecin régulateur du SAMU peut-il consulter votre espace ?" in page
    assert "dure au plus 24 heures" in page
    # Two questions, each a fieldset with its legend and its hint (RGAA 11.5).
    assert html.count("<fieldset") == 2 and html.count("<legend>") == 2
    assert 'aria-describedby="urgence-hint"' in html and 'aria-describedby="samu-hint"' in html


@pytest.mark.parametrize(
    ("urgence", "samu", "expected"),
    [("non", "oui", (False, True)), ("oui", "non", (True, False)), ("non", "non", (False, False))],
)
def test_each_consent_can_be_switched(login_as, db, urgence, samu, expected):
    client = login_as(JEANNE)
    client.get(URL)
    response = client.post_form(URL, {"urgence": urgence, "samu": samu})
    assert response.status_code == 302 and response.headers["Location"] == URL
    assert consents(db) == expected
    page = client.get(URL)
    assert "Vos choix pour l'accès en urgence sont enregistrés" in text(page)
    assert checked(page.text, "urgence-0" if expected[0] else "urgence-1")
    assert checked(page.text, "samu-0" if expected[1] else "samu-1")


def test_each_change_is_in_the_history_with_what_changed(login_as, db):
    client = login_as(JEANNE)
    client.get(URL)
    client.post_form(URL, {"urgence": "non", "samu": "non"})
    db.reload()
    reasons = db.scalars(
        select(AuditEntry.reason)
        .where(AuditEntry.event == "consent.changed")
        .order_by(AuditEntry.seq)
    ).all()
    assert reasons == ["urgence : non ; régulation SAMU : non"]  # one form, one entry
    client.post_form(URL, {"urgence": "oui", "samu": "non"})
    db.reload()
    assert (
        db.scalars(select(AuditEntry.reason).where(AuditEntry.event == "consent.changed")).all()[-1]
        == "urgence : oui ; régulation SAMU : non"
    )
    assert consents(db) == (True, False)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"urgence": "peut-etre", "samu": "oui"}, "urgence"),
        ({"urgence": "oui"}, "samu"),
        ({"urgence": "oui", "samu": ""}, "samu"),
    ],
)
def test_a_bad_answer_gets_a_422_linked_to_its_question(login_as, db, data, field):
    client = login_as(JEANNE)
    client.get(URL)
    response = client.post_form(URL, data)
    assert response.status_code == 422
    assert response.text.count('class="error-message"') == 1
    message = error_for(response.text, field, link=f"{field}-0")
    assert "Choisissez « Oui, j'accepte » ou « Non, je refuse »" in message
    assert consents(db) == (True, True)
