"""Co-construction workshops: demo mode only, personas in one click, sessions with a join
code, the sandbox reset and the simulated date that drives the same jobs as the real clock."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from espace import clock
from espace.clock import PARIS
from espace.demo.personas import PERSONAS
from espace.models import (
    Account,
    Appointment,
    AuditEntry,
    Document,
    Feedback,
    HealthSpace,
    Notification,
    SandboxClock,
    SpaceStatus,
    WorkshopSession,
)
from tests.matrix import EMAIL_OF, ROLES
from tests.support import error_for, sign_in, text

WORKSHOP_URLS = {
    ("GET", "/demo"),
    ("POST", "/demo/persona"),
    ("GET", "/atelier"),
    ("POST", "/atelier"),
    ("GET", "/atelier/rejoindre"),
    ("POST", "/atelier/rejoindre"),
    ("GET", "/atelier/seances/1"),
    ("POST", "/atelier/date"),
    ("GET", "/atelier/reinitialiser"),
    ("POST", "/atelier/reinitialiser"),
}


@pytest.fixture
def demo_app(make_app):  # type: ignore[no-untyped-def]
    return make_app(DEMO=True)


@pytest.fixture
def demo_db(demo_app):  # type: ignore[no-untyped-def]
    from espace.db import database
    from tests.conftest import ReloadingSession

    engine = database(demo_app).engine.execution_options(sqlite_deferred=True)
    session = ReloadingSession(engine, expire_on_commit=False)
    yield session
    session.close()


def become(client, key: str):  # type: ignore[no-untyped-def]
    client.get("/demo")
    return client.post_form("/demo/persona", {"persona": key})


def facilitator(demo_app):  # type: ignore[no-untyped-def]
    client = demo_app.test_client()
    become(client, "facilitator")
    return client


# --- Absent outside demo mode ----------------------------------------------------------


def test_outside_demo_mode_the_workshop_routes_do_not_exist(app, outbox):
    assert app.config["DEMO"] is False
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert not {e for e in endpoints if e.startswith("workshop.")}
    clients = {"anonymous": app.test_client()}
    signed_in = app.test_client()
    sign_in(signed_in, outbox, "animation@example.org")
    clients["facilitator"] = signed_in
    for who, client in clients.items():
        for method, url in WORKSHOP_URLS:
            client.get("/")
            response = client.get(url) if method == "GET" else client.post_form(url, {})
            assert response.status_code == 404, (who, method, url)
    page = text(clients["anonymous"].get("/"))
    assert "données sont fictives" not in page and "Changer de persona" not in page


def test_a_production_app_has_no_workshop_route(tmp_path, monkeypatch):
    from espace import create_app

    monkeypatch.setenv("ESPACE_ENV", "production")
    monkeypatch.setenv("ESPACE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("ESPACE_SECRET_KEY", "s" * 48)
    app = create_app()
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert not {r for r in rules if r.startswith(("/demo", "/atelier"))}
    assert "feedback.give" in {rule.endpoint for rule in app.url_map.iter_rules()}


# --- Personas ----------------------------------------------------------------------------


def test_the_demo_banner_says_the_data_is_fictional_on_every_page(demo_app):
    client = demo_app.test_client()
    for url in ("/", "/connexion", "/demo", "/avis", "/accessibilite"):
        page = text(client.get(url))
        assert "Démonstration : les personnes et les données sont fictives." in page, url
        assert "Changer de persona" in page, url


@pytest.mark.parametrize(
    ("key", "start"),
    [
        ("jeanne", "/tableau-de-bord"),
        ("karim", "/tableau-de-bord"),
        ("lucas", "/tableau-de-bord"),
        ("sophie", "/pro"),
        ("paul", "/pro"),
        ("amina", "/pro"),
        ("marc", "/pro"),
        ("samu", "/pro"),
        ("operator", "/gestion"),
        ("facilitator", "/atelier"),
    ],
)
def test_each_persona_is_one_click_away_and_starts_on_a_sensible_page(demo_app, key, start):
    persona = next(p for p in PERSONAS if p.key == key)
    client = demo_app.test_client()
    response = become(client, key)
    assert response.status_code == 302 and response.headers["Location"] == start
    page = client.get(start)
    assert page.status_code == 200
    assert f"Connecté : {persona.display_name}" in text(page)
    assert "persona de démonstration" in text(page)


def test_switching_persona_replaces_the_previous_one(demo_app):
    client = demo_app.test_client()
    become(client, "jeanne")
    assert client.get("/documents").status_code == 200
    become(client, "sophie")
    assert client.get("/documents").status_code == 404  # Sophie is a professional
    assert client.get("/pro").status_code == 200
    assert "Connecté : Dr Sophie Durand" in text(client.get("/pro"))


def test_an_unknown_persona_is_refused(demo_app):
    client = demo_app.test_client()
    client.get("/demo")
    assert client.post_form("/demo/persona", {"persona": "inconnu"}).status_code == 404
    assert client.get("/tableau-de-bord").status_code == 302  # still anonymous


def test_the_persona_page_lists_every_persona_of_the_contract(demo_app):
    page = text(demo_app.test_client().get("/demo"))
    for name in ("Jeanne Martin", "Karim Benali", "Léa Benali", "Lucas Petit",
                 "Dr Sophie Durand", "Paul Leroy", "Amina Diallo", "Marc Roux",
                 "Dr Nicolas Garnier", "Isabelle Moreau", "Équipe d'animation"):  # fmt: skip
        assert name in page, name


# --- Sessions ----------------------------------------------------------------------------


def test_the_workshop_pages_are_for_facilitators_only(demo_app):
    for role in ROLES:
        client = demo_app.test_client()
        if role != "anonymous":
            key = next(p.key for p in PERSONAS if p.email == EMAIL_OF[role])
            become(client, key)
        expected = {"anonymous": 302, "facilitator": 200}.get(role, 404)
        for url in ("/atelier", "/atelier/reinitialiser", "/avis/reponses"):
            assert client.get(url).status_code == expected, (role, url)


def test_a_facilitator_creates_a_session_and_participants_join_with_its_code(demo_app, demo_db):
    client = facilitator(demo_app)
    client.get("/atelier")
    response = client.post_form(
        "/atelier",
        {"name": "Atelier Toulouse, patients", "held_on-jour": "4", "held_on-mois": "12",
         "held_on-annee": "2026", "scenario": "Vous êtes Jeanne : trouvez votre ordonnance."},
    )  # fmt: skip
    assert response.status_code == 302
    detail = client.get(response.headers["Location"])
    session = demo_db.scalars(select(WorkshopSession)).one()
    with demo_app.app_context():
        from espace.workshop.sessions import join_code

        code = join_code(session.id)
    assert code in text(detail)
    assert session.join_code_hash != code and code not in session.join_code_hash

    participant = demo_app.test_client()
    participant.get("/atelier/rejoindre")
    response = participant.post_form("/atelier/rejoindre", {"code": f" {code.lower()} "})
    assert response.status_code == 302 and response.headers["Location"] == "/demo"
    page = text(participant.get("/demo"))
    assert "Séance : Atelier Toulouse, patients" in page
    assert "Vous êtes Jeanne : trouvez votre ordonnance." in page
    # The session stays with the participant through a persona switch.
    become(participant, "jeanne")
    participant.get("/avis?page=/documents")
    participant.post_form("/avis", {"page": "/documents", "trying": "Trouver mon ordonnance",
                                    "worked": "oui"})  # fmt: skip
    demo_db.reload()
    feedback = demo_db.scalars(select(Feedback)).one()
    assert (feedback.session_id, feedback.persona, feedback.page) == (
        session.id,
        "jeanne",
        "/documents",
    )


def test_a_wrong_join_code_is_explained_and_kept(demo_app):
    client = demo_app.test_client()
    client.get("/atelier/rejoindre")
    response = client.post_form("/atelier/rejoindre", {"code": "ZZZZZZ"})
    assert response.status_code == 422
    assert "ne correspond à aucune séance" in error_for(response.text, "code")
    assert 'value="ZZZZZZ"' in response.text
    response = client.post_form("/atelier/rejoindre", {"code": ""})
    assert response.status_code == 422
    assert "Saisissez le code" in error_for(response.text, "code")


def test_a_session_without_name_or_date_is_refused_with_the_answers_kept(demo_app, demo_db):
    client = facilitator(demo_app)
    client.get("/atelier")
    response = client.post_form(
        "/atelier",
        {"name": "", "held_on-jour": "31", "held_on-mois": "2", "held_on-annee": "2026",
         "scenario": "Mon scénario"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "Donnez un nom à la séance" in error_for(response.text, "name")
    assert "Mon scénario" in response.text
    demo_db.reload()
    assert demo_db.scalars(select(WorkshopSession)).all() == []


# --- The simulated date ------------------------------------------------------------------


def _at_ten_today() -> datetime:
    return datetime.combine(datetime.now(PARIS).date(), time(10), PARIS)


def jump(client, ahead: str):  # type: ignore[no-untyped-def]
    client.get("/atelier")
    return client.post_form("/atelier/date", {"ahead": ahead})


def test_jumping_past_the_opposition_window_opens_the_spaces(demo_app, demo_db):
    monique = demo_db.scalar(select(HealthSpace).where(HealthSpace.family_name == "Lefort"))
    assert monique.status == SpaceStatus.NOTIFIED
    with clock.frozen_at(_at_ten_today()):
        client = facilitator(demo_app)
        jump(client, "30j")
        demo_db.reload()
        assert demo_db.get(HealthSpace, monique.id).status == SpaceStatus.NOTIFIED
        response = jump(client, "15j")
        assert response.status_code == 302
        assert "comme si ce jour était arrivé" in text(client.get("/atelier"))
        demo_db.reload()
        assert demo_db.get(HealthSpace, monique.id).status == SpaceStatus.OPEN
        assert demo_db.scalar(select(SandboxClock.offset_seconds)) == 45 * 86400
        page = text(client.get("/atelier"))
        simulated = (_at_ten_today() + timedelta(days=45)).date()
        from espace.web.filters import date_fr

        assert f"Date simulée : {date_fr(simulated)}." in page  # the banner
        assert "45 jours après aujourd'hui" in page
        # Every page, for every persona, runs at the simulated date.
        become(client, "jeanne")
        assert f"Date simulée : {date_fr(simulated)}." in text(client.get("/tableau-de-bord"))


def test_jumping_a_month_releases_a_held_result(demo_app, demo_db):
    held = demo_db.scalars(select(Document).where(Document.held.is_(True))).one()
    with clock.frozen_at(_at_ten_today()):
        jeanne = demo_app.test_client()
        become(jeanne, "jeanne")
        assert held.title not in text(jeanne.get("/documents"))
        jump(facilitator(demo_app), "30j")
        demo_db.reload()
        assert demo_db.get(Document, held.id).held is False
        assert held.title in text(jeanne.get("/documents"))
        released = demo_db.scalar(
            select(AuditEntry).where(
                AuditEntry.event == "document.released", AuditEntry.target_id == held.id
            )
        )
        assert released.occurred_at >= _at_ten_today() + timedelta(days=30)


def test_jumping_to_the_day_before_sends_the_reminder_once(demo_app, demo_db):
    jeanne_space = demo_db.scalar(select(HealthSpace).where(HealthSpace.family_name == "Martin"))
    starts = datetime.combine((_at_ten_today() + timedelta(days=3)).date(), time(9, 30), PARIS)
    appointment = Appointment(space_id=jeanne_space.id, starts_at=starts, title="Dentiste")
    demo_db.add(appointment)
    demo_db.commit()
    jeanne = demo_db.scalar(select(Account).where(Account.email == "jeanne.martin@example.org"))

    def reminders() -> int:
        demo_db.reload()
        return len(
            demo_db.scalars(
                select(Notification).where(
                    Notification.account_id == jeanne.id,
                    Notification.kind == "reminder",
                    Notification.target_id == appointment.id,
                )
            ).all()
        )

    with clock.frozen_at(_at_ten_today()):
        client = facilitator(demo_app)
        jump(client, "1j")
        assert reminders() == 0  # two days before: not yet
        jump(client, "1j")
        assert reminders() == 1  # the day before
        demo_db.reload()
        assert demo_db.get(Appointment, appointment.id).day_before_reminded_at is not None
    with clock.frozen_at(_at_ten_today() + timedelta(hours=3)):
        client.get("/atelier")
        client.post_form("/atelier/date", {"ahead": "bidon"})
        assert reminders() == 1


def test_a_bad_jump_is_refused_with_a_message(demo_app, demo_db):
    client = facilitator(demo_app)
    response = jump(client, "mille-ans")
    assert response.status_code == 422
    assert "Choisissez de combien avancer la date" in error_for(
        response.text, "ahead", link="ahead-0"
    )
    for _ in range(9):
        jump(client, "43j")
    response = jump(client, "43j")
    assert response.status_code == 422
    assert "400 jours" in text(response)
    demo_db.reload()
    assert demo_db.scalar(select(SandboxClock.offset_seconds)) == 9 * 43 * 86400


def test_back_to_today_and_reset_restore_the_demo(demo_app, demo_db):
    client = facilitator(demo_app)
    jump(client, "7j")
    client.get("/atelier")
    client.post_form("/atelier/date", {"retour": "aujourdhui"})
    demo_db.reload()
    assert demo_db.scalar(select(SandboxClock.offset_seconds)) == 0

    # A participant changes the demo, says what they think, then the facilitator resets.
    participant = demo_app.test_client()
    become(participant, "jeanne")
    own = demo_db.scalar(
        select(Document.id).join(HealthSpace).where(HealthSpace.family_name == "Martin")
    )
    documents_before = len(demo_db.scalars(select(Document.id)).all())
    participant.get("/avis")
    participant.post_form("/avis", {"page": "/", "trying": "Essayer", "worked": "non"})
    client.get("/atelier")
    client.post_form(
        "/atelier",
        {"name": "Atelier Amiens", "held_on-jour": "4", "held_on-mois": "12",
         "held_on-annee": "2026"},
    )  # fmt: skip
    demo_db.reload()
    demo_db.execute(Document.__table__.delete().where(Document.id == own))
    demo_db.commit()
    jump(client, "7j")
    client.get("/atelier/reinitialiser")
    response = client.post_form("/atelier/reinitialiser")
    assert response.status_code == 302 and response.headers["Location"] == "/demo"
    demo_db.reload()
    assert len(demo_db.scalars(select(Document.id)).all()) == documents_before
    assert demo_db.scalar(select(SandboxClock.offset_seconds)) == 0
    # What the workshop itself holds is kept: its sessions and what participants said.
    assert [s.name for s in demo_db.scalars(select(WorkshopSession))] == ["Atelier Amiens"]
    assert len(demo_db.scalars(select(Feedback)).all()) == 1
    # Everybody starts again: the old sessions are gone.
    assert participant.get("/tableau-de-bord").status_code == 302
    assert become(participant, "jeanne").status_code == 302


def test_ten_wrong_join_codes_lock_the_address_for_an_hour(demo_app):
    client = demo_app.test_client()
    client.get("/atelier/rejoindre")
    for attempt in range(9):
        assert (
            client.post_form("/atelier/rejoindre", {"code": f"ZZZZZ{attempt}"}).status_code == 422
        )
    response = client.post_form("/atelier/rejoindre", {"code": "ZZZZZZ"})
    assert response.status_code == 429
    assert "Trop de codes erronés" in error_for(response.text, "code")
    # Locked even with a right code, from this address; another address is not.
    facilitator_client = facilitator(demo_app)
    facilitator_client.get("/atelier")
    facilitator_client.post_form(
        "/atelier",
        {"name": "Atelier", "held_on-jour": "4", "held_on-mois": "12", "held_on-annee": "2026"},
    )
    with demo_app.app_context():
        from espace.workshop.sessions import join_code

        code = join_code(1)
    assert client.post_form("/atelier/rejoindre", {"code": code}).status_code == 429
    other = demo_app.test_client()
    other.get("/atelier/rejoindre")
    response = other.post_form(
        "/atelier/rejoindre", {"code": code}, environ_base={"REMOTE_ADDR": "10.9.9.9"}
    )
    assert response.status_code == 302
