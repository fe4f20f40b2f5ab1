"""``flask --app app demo scale``: invented data at size, the chain of history still whole,
the personas untouched, refused in production and with a negative size."""

from __future__ import annotations

from sqlalchemy import func, select

from espace.models import Document, HealthSpace, Message, Professional, Thread
from espace.nir import validate_nir


def count(db, model, *where) -> int:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_scale_adds_spaces_documents_history_threads_and_directory_lines(runner, db):
    before = {m: count(db, m) for m in (HealthSpace, Document, Thread, Message, Professional)}
    jeanne_documents = count(db, Document, Document.space_id == 1)
    read_before = count(db, Thread, Thread.unread_by_professional.is_(False))
    result = runner.invoke(
        args=["demo", "scale", "--spaces", "300", "--documents", "3000", "--directory", "400"]
    )
    assert result.exit_code == 0, result.output
    assert "300 espaces, 3000 documents, 3000 entrées d'historique" in result.output
    assert count(db, HealthSpace) == before[HealthSpace] + 300
    assert count(db, Document) == before[Document] + 3000
    assert count(db, Thread) == before[Thread] + 30
    assert count(db, Message) == before[Message] + 120
    # The professional keeps up: all but one thread in a hundred read.
    assert count(db, Thread, Thread.unread_by_professional.is_(False)) == read_before + 29
    assert count(db, Professional) > before[Professional] + 300
    assert count(db, Document, Document.space_id == 1) == jeanne_documents
    nirs = db.scalars(select(HealthSpace.nir).where(HealthSpace.family_name.like("Échelle%")))
    for nir in nirs:
        validate_nir(nir)
    verify = runner.invoke(args=["audit", "verify"])
    assert verify.exit_code == 0, verify.output
    # Again: more of it, never a duplicate NIR.
    result = runner.invoke(
        args=["demo", "scale", "--spaces", "50", "--documents", "100", "--directory", "0"]
    )
    assert result.exit_code == 0, result.output
    assert count(db, HealthSpace) == before[HealthSpace] + 350
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0


def test_scale_refuses_a_negative_size_and_production(runner, make_app, monkeypatch):
    result = runner.invoke(args=["demo", "scale", "--spaces", "-1"])
    assert result.exit_code == 2 and "nombre positif" in result.output
    production = make_app(ESPACE_ENV="production", SECRET_KEY="s" * 48)
    result = production.test_cli_runner().invoke(args=["demo", "scale", "--spaces", "1"])
    assert result.exit_code == 1 and "interdites en production" in result.output


def test_invented_nirs_never_repeat_and_are_valid():
    from espace.demo.scale import invented_nir

    nirs = [invented_nir(n) for n in range(0, 3_000_000, 7)]
    assert len(set(nirs)) == len(nirs)
    for nir in nirs[::1000]:
        validate_nir(nir)
