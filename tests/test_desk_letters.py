"""/gestion/courriers: letters are listed by batch; printing draws each code at that moment
(shown once, one letter per page); reprinting draws new codes and the old ones stop
working; a code on a letter activates the space."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from espace import clock
from espace.models import EnrolmentBatch, Notice
from tests.space_life_support import (
    OPERATOR,
    T0,
    enrol,
    identity,
    line,
    new_nir,
    space,
    write_file,
)
from tests.support import text

BORN = date(1954, 3, 9)
CODE_ON_PAGE = re.compile(r'<span aria-hidden="true">([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2})</span>')


def proves(app, code: str, nir: str) -> bool:  # type: ignore[no-untyped-def]
    client = app.test_client()
    client.get("/activation")
    client.post_form("/activation", {"code": code})
    client.get("/activation/identite")
    return client.post_form("/activation/identite", identity(nir, BORN)).status_code == 302


def test_letters_are_printed_with_fresh_codes_then_reprinted_with_new_ones(
    app, db, login_as, tmp_path
):
    first, second = new_nir(), new_nir()
    enrol(
        app,
        write_file(tmp_path, line(first, given_name="Aimée"), line(second, given_name="Basile")),
    )
    batch = db.scalars(select(EnrolmentBatch).order_by(EnrolmentBatch.id.desc())).first()
    with clock.frozen_at(T0 + timedelta(days=2)):
        operator = login_as(OPERATOR)
        listing = operator.get("/gestion/courriers")
        assert f"2 courriers : lot n° {batch.id}" in text(listing)
        printed = operator.post_form("/gestion/courriers/imprimer", {"lot": str(batch.id)})
        assert printed.status_code == 200
        html = printed.get_data(as_text=True)
        assert html.count('<article class="letter"') == 2
        assert "Aimée Durand" in html and "Basile Durand" in html and "5 rue des Lilas" in html
        assert "jusqu'au 15 avril 2026" in text(printed)  # printed + 42 days
        assert "ne sont affichés qu'ici" in text(printed)
        codes = CODE_ON_PAGE.findall(html)
        assert len(set(codes)) == 2
        assert proves(app, codes[0], first)
        # Nothing left to print in this batch.
        again = operator.post_form("/gestion/courriers/imprimer", {"lot": str(batch.id)})
        assert again.headers["Location"] == "/gestion/courriers"
    db.reload()
    notices = db.scalars(select(Notice).where(Notice.batch_id == batch.id)).all()
    assert {n.printed_at for n in notices} == {T0 + timedelta(days=2)}
    assert space(db, first).notice_sent_at == T0 + timedelta(days=2)

    with clock.frozen_at(T0 + timedelta(days=3)):
        operator = login_as(OPERATOR)
        listing = operator.get("/gestion/courriers")
        assert "de nouveaux codes sont tirés" in text(listing)
        reprinted = operator.post_form(
            "/gestion/courriers/reimprimer",
            {"lot": str(batch.id), "impression": (T0 + timedelta(days=2)).isoformat()},
        )
        assert reprinted.status_code == 200
        assert "ne marchent plus" in text(reprinted)
        new_codes = CODE_ON_PAGE.findall(reprinted.get_data(as_text=True))
        assert len(new_codes) == 2 and not set(new_codes) & set(codes)
        assert not proves(app, codes[1], second)
        assert proves(app, new_codes[1], second)
        # The window does not start again on a reprint.
        assert "jusqu'au 15 avril 2026" in text(reprinted)


def test_a_bad_choice_is_sent_back_to_the_list(login_as):
    operator = login_as(OPERATOR)
    operator.get("/gestion/courriers")
    response = operator.post_form("/gestion/courriers/imprimer", {"lot": "n'importe quoi"})
    assert response.headers["Location"] == "/gestion/courriers"
    response = operator.post_form("/gestion/courriers/reimprimer", {"lot": "1", "impression": "x"})
    assert response.headers["Location"] == "/gestion/courriers"
    assert "Choisissez une impression" in text(operator.get("/gestion/courriers"))


def test_a_batch_number_that_cannot_be_one_is_a_bad_choice_too(login_as):
    operator = login_as(OPERATOR)
    operator.get("/gestion/courriers")
    for lot in ("9" * 25, "²"):  # too large for the database; a digit only to Python
        for path, extra in (
            ("imprimer", {}),
            ("reimprimer", {"impression": "2026-11-27T10:00+00:00"}),
        ):
            response = operator.post_form(f"/gestion/courriers/{path}", {"lot": lot, **extra})
            assert response.status_code == 302, (lot, path)
            assert response.headers["Location"] == "/gestion/courriers"
    assert "Choisissez un lot" in text(operator.get("/gestion/courriers"))


def test_an_operator_can_send_a_new_code_from_a_persons_file(app, db, login_as, outbox, tmp_path):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="appel@example.org")))
    with clock.frozen_at(T0 + timedelta(days=1)):
        operator = login_as(OPERATOR)
        operator.get("/gestion/recherche")
        page = operator.post_form("/gestion/recherche", identity(nir, BORN))
        assert "Envoyer un nouveau code d'activation" in text(page)
        response = operator.post_form(
            "/gestion/recherche/nouveau-code", {"space": str(space(db, nir).id)}
        )
        assert "Un nouveau code est envoyé" in text(operator.get(response.headers["Location"]))
    assert len(outbox.to("appel@example.org")) == 2


def test_a_print_page_of_a_full_run_stays_light(app, db, login_as, tmp_path):
    lines = [line(new_nir(), given_name=f"Personne{n}") for n in range(50)]
    enrol(app, write_file(tmp_path, *lines))
    batch = db.scalars(select(EnrolmentBatch).order_by(EnrolmentBatch.id.desc())).first()
    operator = login_as(OPERATOR)
    operator.get("/gestion/courriers")
    printed = operator.post_form(
        "/gestion/courriers/imprimer", {"lot": str(batch.id)}, headers={"Accept-Encoding": "gzip"}
    )
    assert printed.headers.get("Content-Encoding") == "gzip"
    assert len(printed.get_data()) <= 14 * 1024
