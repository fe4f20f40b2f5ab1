"""``flask --app app ops backup``: consistent while the service writes, checked, restorable;
a damaged backup is caught before anyone relies on it. SQLite's own backup (PostgreSQL is
backed up with pg_dump, see the README)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from espace.models import AuditEntry, PrivateNote, StoredFile
from tests.support import Outbox, sign_in, text


@pytest.mark.sqlite_only
def test_a_backup_taken_while_the_service_writes_is_sound_and_restores(
    app, make_app, runner, outbox, tmp_path, db
):
    writer = app.test_client()
    sign_in(writer, outbox, "jeanne.martin@example.org")
    written: list[int] = []
    stop = threading.Event()

    def write() -> None:
        n = 0
        while not stop.is_set() and n < 200:
            writer.get("/profil/notes/ajouter")
            response = writer.post_form(
                "/profil/notes/ajouter", {"title": f"Note {n}", "body": "Pour la sauvegarde"}
            )
            written.append(response.status_code)
            n += 1

    thread = threading.Thread(target=write)
    thread.start()
    try:
        while len(written) < 5:
            stop.wait(0.01)
        result = runner.invoke(args=["ops", "backup", str(tmp_path / "sauvegarde")])
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    assert len(written) >= 5 and set(written) == {302}  # every write acknowledged, none refused
    assert "Intégrité de la base : ok" in result.output
    assert "chaîne intacte" in result.output
    assert "Sauvegarde terminée" in result.output

    # Restored: an instance folder made of the backup serves the same space.
    restored = make_app(instance=tmp_path / "sauvegarde")
    client = restored.test_client()
    sign_in(client, Outbox(restored.instance_path), "jeanne.martin@example.org")
    notes = text(client.get("/profil/notes"))
    assert "Note 0" in notes
    backup_db = sqlite3.connect(tmp_path / "sauvegarde" / "espace.sqlite3")
    saved = backup_db.execute("SELECT count(*) FROM private_note").fetchone()[0]
    backup_db.close()
    db.reload()
    assert 1 <= saved <= db.scalar(select(func.count()).select_from(PrivateNote))
    check = restored.test_cli_runner().invoke(
        args=["ops", "check-backup", str(tmp_path / "sauvegarde")]
    )
    assert check.exit_code == 0, check.output


@pytest.mark.sqlite_only
def test_a_backup_never_overwrites_a_folder(runner, tmp_path):
    folder = tmp_path / "plein"
    folder.mkdir()
    (folder / "autre.txt").write_text("à garder")
    result = runner.invoke(args=["ops", "backup", str(folder)])
    assert result.exit_code == 1
    assert "n'est pas vide" in result.output
    assert (folder / "autre.txt").read_text() == "à garder"


@pytest.mark.sqlite_only
def test_a_damaged_history_or_a_missing_file_is_reported(runner, tmp_path, db):
    folder = tmp_path / "sauvegarde"
    assert runner.invoke(args=["ops", "backup", str(folder)]).exit_code == 0
    stored = db.scalars(select(StoredFile)).first()
    file = folder / "files" / stored.storage_name[:2] / stored.storage_name
    file.write_bytes(b"autre contenu")
    connection = sqlite3.connect(folder / "espace.sqlite3")
    connection.execute(
        "UPDATE audit_entry SET event = 'document.viewed' WHERE seq = "
        "(SELECT min(seq) FROM audit_entry WHERE event != 'document.viewed')"
    )
    connection.commit()
    connection.close()
    result = runner.invoke(args=["ops", "check-backup", str(folder)])
    assert result.exit_code == 1
    assert "chaîne ROMPUE" in result.output
    assert f"manquant ou modifié : {stored.storage_name}" in result.output
    assert "n'est pas saine" in result.output


@pytest.mark.sqlite_only
def test_checking_a_folder_without_backup_says_so(runner, tmp_path):
    result = runner.invoke(args=["ops", "check-backup", str(tmp_path)])
    assert result.exit_code == 1
    assert "ne contient pas de sauvegarde" in result.output


@pytest.mark.sqlite_only
def test_the_audit_entries_are_all_in_the_backup(runner, tmp_path, db):
    folder = tmp_path / "sauvegarde"
    assert runner.invoke(args=["ops", "backup", str(folder)]).exit_code == 0
    connection = sqlite3.connect(folder / "espace.sqlite3")
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copied = connection.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
    connection.close()
    assert copied == db.scalar(select(func.count()).select_from(AuditEntry))
    assert Path(folder / "files").is_dir()
