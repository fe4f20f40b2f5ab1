"""/opposition: the code, then the NIR and date of birth, then a confirmation; the space
becomes ``opposed`` and nothing of it is kept beyond what proves the opposition. Every
failure gets the same answer, and failures are limited per NIR and per address."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from espace import clock
from espace.models import (
    ActivationCode,
    AuditEntry,
    Notice,
    Opposition,
    OppositionChannel,
    SpaceStatus,
)
from tests.space_life_support import (
    T0,
    code_from,
    enrol,
    identity,
    line,
    new_nir,
    run_jobs,
    space,
    without_tokens,
    write_file,
)
from tests.support import error_for, text

BORN = date(1954, 3, 9)


def enrol_two(app, tmp_path) -> tuple[str, str]:
    first, second = new_nir(), new_nir()
    enrol(
        app,
        write_file(
            tmp_path,
            line(first, email="premiere@example.org"),
            line(second, email="seconde@example.org"),
        ),
    )
    return first, second


def submit(client, code: str, nir: str, born: date = BORN):  # type: ignore[no-untyped-def]
    client.get("/opposition")
    response = client.post_form("/opposition", {"code": code})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    client.get("/opposition/identite")
    return client.post_form("/opposition/identite", identity(nir, born))


def test_opposing_online_keeps_only_what_proves_it(app, client, db, outbox, tmp_path):
    nir, _ = enrol_two(app, tmp_path)
    code = code_from(outbox, "premiere@example.org")
    with clock.frozen_at(T0 + timedelta(days=3)):
        response = submit(client, code.lower().replace("-", " "), nir)
        assert response.headers["Location"] == "/opposition/confirmer"
        page = client.get("/opposition/confirmer")
        assert "votre espace santé ne sera pas créé" in text(page)
        assert "rien de vos données de santé n'est gardé" in text(page)
        assert "contacter votre caisse" in text(page)
        assert "jusqu'au 13 avril 2026" in text(page)
        response = client.post_form("/opposition/confirmer")
        assert response.headers["Location"] == "/opposition/enregistree"
        assert "Votre refus est enregistré" in text(client.get("/opposition/enregistree"))
    opposed = space(db, nir)
    assert opposed.status == SpaceStatus.OPPOSED
    assert (opposed.given_name, opposed.family_name) == ("", "")
    assert opposed.email_on_file is None and opposed.address_line is None
    assert opposed.postcode is None and opposed.town is None
    assert (opposed.nir, opposed.birth_date) == (nir, BORN)
    assert (
        db.scalar(
            select(func.count())
            .select_from(ActivationCode)
            .where(ActivationCode.space_id == opposed.id)
        )
        == 0
    )
    assert db.scalars(select(Notice).where(Notice.space_id == opposed.id)).one().sent_at == T0
    proof = db.scalars(select(Opposition).where(Opposition.space_id == opposed.id)).one()
    assert proof.channel == OppositionChannel.ONLINE and proof.recorded_by_account_id is None
    entry = db.scalars(
        select(AuditEntry).where(
            AuditEntry.event == "space.opposed", AuditEntry.space_id == opposed.id
        )
    ).one()
    assert entry.reason == "en ligne"
    confirmation = outbox.last_to("premiere@example.org")
    assert "opposition" in confirmation["Subject"]
    # Done twice, or run again: nothing more happens.
    assert client.get("/opposition/enregistree").status_code == 302
    run_jobs(app, T0 + timedelta(days=100))
    assert space(db, nir).status == SpaceStatus.OPPOSED


def test_every_failure_gets_the_same_answer(app, client, db, outbox, tmp_path):
    nir, other = enrol_two(app, tmp_path)
    code, other_code = (
        code_from(outbox, "premiere@example.org"),
        code_from(outbox, "seconde@example.org"),
    )
    pages = {}
    with clock.frozen_at(T0 + timedelta(days=1)):
        pages["wrong code"] = submit(client, "ABCD-EFGH-JK", nir)
        pages["someone else's code"] = submit(client, other_code, nir)
        pages["unknown person"] = submit(client, code, new_nir())
        pages["wrong birth date"] = submit(client, code, nir, date(1954, 3, 10))
    used = db.scalars(
        select(ActivationCode).where(ActivationCode.space_id == space(db, other).id)
    ).one()
    used.used_at = T0
    db.commit()
    with clock.frozen_at(T0 + timedelta(days=1)):
        pages["used code"] = submit(client, other_code, other)
    with clock.frozen_at(T0 + timedelta(days=90)):
        pages["expired code"] = submit(client, code, nir)
    for case, response in pages.items():
        assert response.status_code == 422, case
        message = error_for(response.get_data(as_text=True), "nir")
        assert "Nous ne pouvons pas continuer avec ces informations" in message, case
    same_input = [pages[k] for k in ("wrong code", "someone else's code", "expired code")]
    bodies = {without_tokens(r.get_data(as_text=True)) for r in same_input}
    assert len(bodies) == 1
    # The right code, one day before it expires, still works.
    with clock.frozen_at(T0 + timedelta(days=89, hours=23)):
        assert submit(client, code, nir).status_code == 302


def test_the_same_answer_does_not_depend_on_whether_the_nir_exists(
    app, client, db, outbox, tmp_path
):
    nir, _ = enrol_two(app, tmp_path)
    nobody = new_nir()
    with clock.frozen_at(T0 + timedelta(days=1)):
        known = submit(client, "ABCD-EFGH-JK", nir)
        unknown = submit(client, "ABCD-EFGH-JK", nobody)
    assert known.status_code == unknown.status_code == 422
    body = without_tokens(known.get_data(as_text=True)).replace(nir, "NIR")
    assert body == without_tokens(unknown.get_data(as_text=True)).replace(nobody, "NIR")


def test_failures_are_limited_per_nir_then_per_address(app, client, db, outbox, tmp_path):
    nir, second = enrol_two(app, tmp_path)
    code = code_from(outbox, "premiere@example.org")
    with clock.frozen_at(T0 + timedelta(days=1)) as frozen:
        for _ in range(4):
            assert submit(client, "ABCD-EFGH-JK", nir).status_code == 422
        locked = submit(client, "ABCD-EFGH-JK", nir)
        assert locked.status_code == 429
        assert "Trop d'essais" in error_for(locked.get_data(as_text=True), "nir")
        assert submit(client, code, nir).status_code == 429  # even the right code
        frozen.advance(hours=1, minutes=1)
        assert submit(client, code, nir).status_code == 302
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    with clock.frozen_at(T0 + timedelta(days=2)):
        statuses = [submit(other, "ABCD-EFGH-JK", new_nir()).status_code for _ in range(20)]
        assert statuses[:19] == [422] * 19 and statuses[19] == 429
        second_code = code_from(outbox, "seconde@example.org")
        assert submit(other, second_code, second).status_code == 429  # this address is locked
        assert submit(client, second_code, second).status_code == 302  # not another one


def test_after_the_window_the_page_explains_how_to_close_instead(app, client, db, outbox, tmp_path):
    nir, _ = enrol_two(app, tmp_path)
    code = code_from(outbox, "premiere@example.org")
    run_jobs(app, T0 + timedelta(days=42))
    with clock.frozen_at(T0 + timedelta(days=43)):
        response = submit(client, code, nir)
        assert response.headers["Location"] == "/opposition/delai-depasse"
        page = text(client.get("/opposition/delai-depasse"))
        assert "Le délai pour refuser est passé" in page and "fermer" in page
        assert client.get("/opposition/confirmer").status_code == 302
    assert space(db, nir).status == SpaceStatus.OPEN


def test_a_code_with_the_wrong_shape_is_explained_on_the_first_page(client):
    client.get("/opposition")
    response = client.post_form("/opposition", {"code": "ABCD-EFGH-J0"})
    assert response.status_code == 422
    assert "jamais les chiffres 0 et 1" in error_for(response.get_data(as_text=True), "code")
    response = client.post_form("/opposition", {"code": "ABC"})
    assert "(vous en avez saisi 3)" in error_for(response.get_data(as_text=True), "code")
    assert client.get("/opposition/identite").status_code == 302
