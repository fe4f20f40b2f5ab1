"""One-time share codes (/confidentialite/code-de-partage): shown once, straight from the
POST; 8 characters of the service's alphabet; valid 1 hour, once; the plain code is
stored nowhere (database, history, session cookie, URL)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from espace import clock
from espace.access import AccessError, share_codes
from espace.actors import Actor, ActorRole
from espace.models import AuditEntry, ShareCode, SpaceStatus
from espace.policy.access import professional_access
from tests.matrix.privacy import MARC_RPPS, jeanne_space, professional
from tests.support import text

JEANNE = "jeanne.martin@example.org"
URL = "/confidentialite/code-de-partage"
SHOWN = re.compile(rf"\b([{share_codes.ALPHABET}]{{4}})-([{share_codes.ALPHABET}]{{4}})\b")


def create_code(client) -> tuple[str, object]:
    client.get(URL)
    response = client.post_form(URL)
    match = SHOWN.search(text(response))
    assert match, text(response)
    return match.group(1) + match.group(2), response


def test_the_page_explains_before_creating_anything(login_as, db):
    page = text(login_as(JEANNE).get(URL))
    assert "ne sert qu'une fois, et pendant 1 heure seulement" in page
    assert "pendant 4 heures" in page  # share_codes.CONSULTATION
    db.reload()
    assert db.scalars(select(ShareCode)).all() == []


def test_the_code_is_shown_once_with_its_expiry_in_paris_time(login_as, db):
    # Frozen before signing in: the session and the code share the same clock.
    with clock.frozen_at(datetime(2026, 3, 10, 13, 20, tzinfo=UTC)):
        client = login_as(JEANNE)
        code, response = create_code(client)
    assert response.status_code == 200  # rendered from the POST, not redirected to a URL
    assert "no-store" in response.headers["Cache-Control"]
    assert len(code) == share_codes.LENGTH == 8
    assert set(code) <= set(share_codes.ALPHABET)
    page = text(response)
    assert "Valable jusqu'à 15 h 20" in page  # 14 h 20 in Paris, plus one hour
    assert "n'est affiché qu'une fois" in page
    # Spelled for screen readers, letter by letter.
    assert " ".join(code[:4]) + ", " + " ".join(code[4:]) in page
    db.reload()
    stored = db.scalars(select(ShareCode)).one()
    assert stored.expires_at - stored.created_at == timedelta(hours=1)
    assert stored.expires_at == datetime(2026, 3, 10, 14, 20, tzinfo=UTC)
    # Never again: not on the page, nor anywhere the holder goes next.
    for url in (URL, "/confidentialite", "/activite", "/tableau-de-bord"):
        assert code[:4] + "-" not in client.get(url).text, url


def test_the_plain_code_is_stored_nowhere(app, login_as, db):
    client = login_as(JEANNE)
    code, response = create_code(client)
    db.reload()
    stored = db.scalars(select(ShareCode)).one()
    assert code not in stored.code_hash and len(stored.code_hash) == 64
    entry = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert entry.event == "share_code.created" and entry.reason is None
    # The session cookie (signed, not encrypted) and every cookie sent back.
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    serializer = app.session_interface.get_signing_serializer(app)
    session = serializer.loads(cookie.value)
    assert code not in repr(session) and code not in cookie.value
    assert all(code not in header for header in response.headers.getlist("Set-Cookie"))
    assert code not in response.headers.get("Location", "")
    # And nowhere in the database files, whatever the table.
    db.close()
    for path in Path(app.instance_path).glob("espace.sqlite3*"):
        raw = path.read_bytes()
        assert code.encode() not in raw and share_codes.shown(code).encode() not in raw, path


def test_the_code_works_once_within_the_hour_for_one_professional(app, login_as, db):
    with clock.frozen_at(datetime(2026, 3, 10, 13, 20, tzinfo=UTC)) as frozen:
        code, _ = create_code(login_as(JEANNE))
        db.reload()
        marc = professional(db, MARC_RPPS)  # in no care team of Jeanne's
        actor = Actor(ActorRole.PROFESSIONAL, marc.account, marc)
        space = jeanne_space(db)
        assert not professional_access(db, marc, space, clock.now()).granted
        with app.test_request_context():
            share_codes.redeem(db, actor, space, share_codes.shown(code), clock.now())
            assert professional_access(db, marc, space, clock.now()).granted
            try:
                share_codes.redeem(db, actor, space, code, clock.now())
                raise AssertionError("a code works once")
            except AccessError:
                pass
        frozen.advance(hours=4, minutes=1)  # the consultation is over
        assert not professional_access(db, marc, space, clock.now()).granted
        db.rollback()


def test_an_expired_code_no_longer_works(app, login_as, db):
    with clock.frozen_at(datetime(2026, 3, 10, 13, 20, tzinfo=UTC)) as frozen:
        code, _ = create_code(login_as(JEANNE))
        frozen.advance(hours=1, seconds=1)
        db.reload()
        marc = professional(db, MARC_RPPS)
        with app.test_request_context():
            try:
                share_codes.redeem(db, Actor(ActorRole.PROFESSIONAL, marc.account, marc),
                                   jeanne_space(db), code, clock.now())  # fmt: skip
                raise AssertionError("a code expires after an hour")
            except AccessError:
                pass
        db.rollback()


def test_a_closed_space_cannot_be_shared(login_as, db):
    client = login_as(JEANNE)
    jeanne_space(db).status = SpaceStatus.CLOSED
    db.commit()
    # A closed space shows its holder the closure page, where it can be reopened.
    response = client.get(URL)
    assert response.status_code == 302 and response.headers["Location"] == "/espace"
    response = client.post_form(URL)
    assert response.status_code == 302 and response.headers["Location"] == "/espace"
    db.reload()
    assert db.scalars(select(ShareCode)).all() == []
