"""/activation/nouveau-code: a lost or expired code is re-issued to the address on file (an
e-mail, or a letter to print); the old one stops working; the answer never says whether
the person exists; requests are limited without changing the answer."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from espace import clock
from espace.models import AuditEntry, Notice, NoticeChannel, SpaceStatus
from tests.space_life_support import (
    T0,
    code_from,
    enrol,
    identity,
    line,
    new_nir,
    space,
    without_tokens,
    write_file,
)
from tests.support import text

BORN = date(1954, 3, 9)


def ask(client, nir: str, born: date = BORN):  # type: ignore[no-untyped-def]
    client.get("/activation/nouveau-code")
    response = client.post_form("/activation/nouveau-code", identity(nir, born))
    assert response.status_code == 302
    assert response.headers["Location"] == "/activation/nouveau-code/demande-enregistree"
    return client.get(response.headers["Location"])


def works(app, code: str, nir: str) -> bool:  # type: ignore[no-untyped-def]
    client = app.test_client()
    client.get("/activation")
    client.post_form("/activation", {"code": code})
    client.get("/activation/identite")
    return client.post_form("/activation/identite", identity(nir, BORN)).status_code == 302


def test_a_new_code_goes_to_the_email_on_file_and_the_old_one_stops_working(
    app, client, db, outbox, tmp_path
):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="perdu@example.org")))
    old = code_from(outbox, "perdu@example.org")
    with clock.frozen_at(T0 + timedelta(days=100)):  # the first code has expired
        assert not works(app, old, nir)
        page = ask(client, nir)
        assert "Si ces informations correspondent à un espace santé" in text(page)
        new = code_from(outbox, "perdu@example.org")
        assert new != old
        message = outbox.last_to("perdu@example.org").get_content()
        assert "Ce code remplace le précédent" in message
        assert works(app, new, nir)
    entry = db.scalars(
        select(AuditEntry).where(
            AuditEntry.event == "activation_code.reissued", AuditEntry.space_id == space(db, nir).id
        )
    ).one()
    assert entry.actor_role == "holder"


def test_without_email_a_letter_is_queued_once(app, client, db, outbox, tmp_path):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir)))
    notices = (
        select(func.count())
        .select_from(Notice)
        .where(Notice.space_id == space(db, nir).id, Notice.channel == NoticeChannel.LETTER)
    )
    with clock.frozen_at(T0 + timedelta(days=1)):
        ask(client, nir)  # the first letter is still to print: it will carry a fresh code
    db.reload()
    assert db.scalar(notices) == 1
    db.execute(
        Notice.__table__.update()
        .where(Notice.space_id == space(db, nir).id)
        .values(printed_at=T0 + timedelta(days=1))
    )
    db.commit()
    with clock.frozen_at(T0 + timedelta(days=20)):
        ask(client, nir)
    db.reload()
    assert db.scalar(notices) == 2


def test_the_answer_is_the_same_for_a_stranger_and_nothing_is_sent(
    app, client, db, outbox, tmp_path
):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="connue@example.org")))
    sent = len(outbox.messages())
    with clock.frozen_at(T0 + timedelta(days=1)):
        known = ask(client, nir)
        unknown = ask(client, new_nir())
        wrong_birth = ask(client, nir, date(1954, 3, 10))
    assert len(outbox.messages()) == sent + 1
    bodies = {without_tokens(r.get_data(as_text=True)) for r in (known, unknown, wrong_birth)}
    assert len(bodies) == 1


def test_requests_are_limited_silently(app, client, db, outbox, tmp_path):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="souvent@example.org")))
    with clock.frozen_at(T0 + timedelta(days=1)) as frozen:
        for _ in range(5):
            ask(client, nir)
        assert len(outbox.to("souvent@example.org")) == 1 + 3  # the notice, then 3 codes
        frozen.advance(days=1, minutes=1)
        ask(client, nir)
        assert len(outbox.to("souvent@example.org")) == 5


def test_no_new_code_for_an_active_opposed_or_closed_space(app, client, db, outbox, tmp_path):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="fermee@example.org")))
    closed = space(db, nir)
    closed.status = SpaceStatus.OPPOSED
    db.commit()
    with clock.frozen_at(T0 + timedelta(days=1)):
        ask(client, nir)
    assert len(outbox.to("fermee@example.org")) == 1


def test_the_form_explains_a_wrong_nir(client):
    client.get("/activation/nouveau-code")
    response = client.post_form("/activation/nouveau-code", identity("25403315551236", BORN))
    assert response.status_code == 422
    assert "15 caractères" in text(response)
