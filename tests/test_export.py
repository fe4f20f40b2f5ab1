"""Télécharger mes données: asking, the job building the ZIP, the notice, the download
(only by whoever asked, only for 7 days: frozen clock), and every document in the ZIP,
byte for byte."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from espace import clock
from espace.db import database
from espace.export import archive as export_archive
from espace.files import file_store
from espace.jobs import run_all
from espace.models import AuditEntry, Document, Export, ExportStatus, Notification
from tests.closure_support import (
    JEANNE,
    KARIM,
    account,
    close_jeanne,
    files_folder,
    jeanne,
    run_jobs,
)
from tests.export_support import ask, bundle_of, download_link, prepared, resources, visible
from tests.support import text

HELD_TITLE = "Résultats d'analyses – bilan annuel"


def exports(db) -> list[Export]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(db.scalars(select(Export).where(Export.space_id == jeanne(db).id)))


def events(db, name: str) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(
        db.scalars(
            select(AuditEntry).where(AuditEntry.event == name, AuditEntry.space_id == jeanne(db).id)
        )
    )


def test_asking_twice_while_one_is_pending_makes_one_export(login_as, db):
    client = login_as(JEANNE)
    page = client.get("/mes-donnees")
    assert "Préparer mes données" in text(page)
    ask(client)
    body = text(client.get("/mes-donnees"))
    assert "Votre demande est enregistrée" in body
    assert "En préparation" in body and "Préparer" not in body
    client.post_form("/mes-donnees")
    assert "déjà en préparation" in text(client.get("/mes-donnees"))
    [export] = exports(db)
    assert export.status == ExportStatus.PENDING
    assert export.requested_by_account_id == account(db, JEANNE).id
    [entry] = events(db, "export.requested")
    assert entry.target_type == "export" and entry.target_id == export.id


def test_while_pending_the_state_is_polled_by_htmx_and_the_block_comes_alone(login_as):
    client = login_as(JEANNE)
    ask(client)
    page = client.get("/mes-donnees").get_data(as_text=True)
    assert 'hx-trigger="every 20s"' in page and 'hx-target="#etat-export"' in page
    fragment = client.get("/mes-donnees", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert "<h1>" not in body and "En préparation" in body
    assert "HX-Request" in fragment.headers["Vary"]


def test_the_job_builds_the_zip_and_tells_whoever_asked(app, login_as, db, outbox):
    client = login_as(JEANNE)
    ask(client)
    at = clock.now() + timedelta(minutes=2)
    output = run_jobs(app, at)
    assert "1  fichiers « Télécharger mes données » préparés" in output
    [export] = exports(db)
    assert export.status == ExportStatus.READY and export.ready_at == at
    assert export.expires_at == at + timedelta(days=7)
    assert export.file is not None and export.file.media_type == "application/zip"
    notice = db.scalars(
        select(Notification).where(
            Notification.kind == "export_ready", Notification.target_id == export.id
        )
    ).one()
    assert notice.account_id == account(db, JEANNE).id
    email = outbox.last_to(JEANNE)
    assert email["Subject"] == "Espace santé : vos données sont prêtes"
    assert "Martin" not in email.get_content() and "glyc" not in email.get_content().lower()
    [ready] = events(db, "export.ready")
    assert ready.actor_role == "system" and ready.target_id == export.id
    # A second run has nothing to do.
    assert "0  fichiers « Télécharger mes données » préparés" in run_jobs(app, at)


def test_every_document_is_in_the_zip_byte_for_byte(app, login_as, db):
    client = login_as(JEANNE)
    archive = prepared(app, client)
    db.reload()
    documents = db.scalars(select(Document).where(Document.space_id == jeanne(db).id)).all()
    visible = {d.id: d for d in documents if not d.held}
    assert len(visible) >= 10 and len(visible) < len(documents)  # one result is held
    references = {r.id: r for r in resources(bundle_of(archive), "DocumentReference")}
    assert set(references) == {f"document-{i}" for i in visible}
    store = files_folder(db)
    for document_id, document in visible.items():
        attachment = references[f"document-{document_id}"].content[0].attachment
        assert attachment.contentType == document.file.media_type
        assert attachment.title == document.title
        name = document.file.storage_name
        assert archive.read(attachment.url) == (store / name[:2] / name).read_bytes()
    summary = archive.read("index.html").decode()
    assert HELD_TITLE not in summary
    for document in visible.values():
        assert document.title.replace("'", "&#39;") in summary
    assert archive.testzip() is None


def test_the_download_is_recorded_and_sent_as_an_attachment(app, login_as, db):
    client = login_as(JEANNE)
    ask(client)
    run_jobs(app, clock.now())
    response = client.get(download_link(client))
    assert response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert len(events(db, "export.downloaded")) == 1
    assert "(ZIP, " in text(client.get("/mes-donnees"))


def test_the_link_expires_after_seven_days(app, login_as, db):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with clock.frozen_at(start):
        client = login_as(JEANNE)
        ask(client)
    run_jobs(app, start + timedelta(minutes=5))
    ready_at = start + timedelta(minutes=5)
    [export] = exports(db)
    path = files_folder(db) / export.file.storage_name[:2] / export.file.storage_name
    url = f"/mes-donnees/{export.id}/fichier"
    with clock.frozen_at(ready_at + timedelta(days=7, minutes=-1)):
        client = login_as(JEANNE)
        assert client.get(url).status_code == 200
    with clock.frozen_at(ready_at + timedelta(days=7)):
        client = login_as(JEANNE)
        missing = client.get(url)
        assert missing.status_code == 404
        assert visible(missing) == visible(client.get("/mes-donnees/999999/fichier"))
        assert "Expiré depuis le" in text(client.get("/mes-donnees"))
    # The next run deletes the file: the copy does not outlive its link.
    assert path.exists()
    run_jobs(app, ready_at + timedelta(days=7, minutes=1))
    assert not path.exists()
    [export] = exports(db)
    assert export.file_id is None and export.status == ExportStatus.READY


def test_another_holder_gets_the_missing_page(app, login_as, db):
    client = login_as(JEANNE)
    ask(client)
    run_jobs(app, clock.now())
    url = download_link(client)
    karim = login_as(KARIM)
    response = karim.get(url)
    assert response.status_code == 404
    assert visible(response) == visible(karim.get("/mes-donnees/999999/fichier"))
    assert "Vous n'avez encore rien demandé" in text(karim.get("/mes-donnees"))
    assert events(db, "export.downloaded") == []


def test_a_closed_space_is_not_exported(app, login_as, db):
    client = login_as(JEANNE)
    ask(client)
    close_jeanne(db)
    run_jobs(app, clock.now())
    [export] = exports(db)
    assert export.status == ExportStatus.PENDING
    assert client.get("/mes-donnees").headers["Location"] == "/espace"


def test_a_failure_marks_the_export_failed_and_logs_no_health_data(
    app, login_as, db, monkeypatch, caplog
):
    def broken(*_args):  # type: ignore[no-untyped-def]
        raise ValueError("Allergie à la pénicilline")  # what a validation error would quote

    monkeypatch.setattr(export_archive, "build_bundle", broken)
    client = login_as(JEANNE)
    ask(client)
    with caplog.at_level(logging.INFO):
        run_jobs(app, clock.now())
    [export] = exports(db)
    assert export.status == ExportStatus.FAILED and export.file_id is None
    assert f"export {export.id} failed: ValueError" in caplog.text
    assert "pénicilline" not in caplog.text
    with app.app_context():
        assert list(file_store().root.glob(".export-*")) == []
    body = text(client.get("/mes-donnees"))
    assert "La préparation a échoué" in body and "Préparer un nouveau fichier" in body


def test_two_runs_at_the_same_time_build_once(app, login_as, db):
    ask(login_as(JEANNE))
    engine = database(app).engine
    errors: list[BaseException] = []
    at = clock.now()

    def run() -> None:
        from sqlalchemy.orm import Session

        try:
            with app.app_context(), Session(engine) as session:
                run_all(session, at)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(events(db, "export.ready")) == 1
    db.reload()
    assert (
        db.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.kind == "export_ready")
        )
        == 1
    )
    with app.app_context():
        assert list(file_store().root.glob(".export-*")) == []
