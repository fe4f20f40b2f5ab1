"""``flask --app app ops backup DEST``: a consistent online backup, taken while the service
writes, and checked before it is called good.

SQLite: ``VACUUM INTO`` copies the database as one read transaction sees it (WAL lets the
workers go on writing meanwhile), into a single file without WAL. The stored files (the
documents) are copied before and after that snapshot, so every file the snapshot names is
in the backup; then the copy is checked: ``PRAGMA integrity_check``, the history chain, and
every stored file present with its checksum. PostgreSQL: use ``pg_dump`` (see README).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from espace.audit.chain import verify
from espace.db import database
from espace.models import StoredFile

ops_cli = AppGroup("ops", help="Exploitation : sauvegarde.")

DATABASE_FILE = "espace.sqlite3"
FILES = "files"


class BackupError(Exception):
    """Said to the operator, in French."""


@dataclass(frozen=True)
class Check:
    integrity: str
    history_entries: int
    history_ok: bool
    files: int
    missing_files: list[str]

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.history_ok and not self.missing_files


def sqlite_path() -> Path:
    url = database().engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        raise BackupError(
            "Cette commande sauvegarde une base SQLite. Pour PostgreSQL, utilisez pg_dump "
            "(voir le README, « Sauvegarde »)."
        )
    return Path(url.database)


def _copy_new_files(source: Path, target: Path) -> None:
    if not source.exists():
        return
    for path in source.rglob("*"):
        if path.is_file():
            destination = target / path.relative_to(source)
            if not destination.exists():
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)


def backup(destination: Path) -> Check:
    source = sqlite_path()
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(
            f"Le dossier {destination} n'est pas vide : choisissez un dossier neuf pour ne "
            "rien écraser."
        )
    destination.mkdir(parents=True, exist_ok=True)
    files = Path(current_app.instance_path) / FILES
    _copy_new_files(files, destination / FILES)  # most files, outside any transaction
    connection = sqlite3.connect(source, timeout=30)
    try:
        connection.execute("VACUUM INTO ?", (str(destination / DATABASE_FILE),))
    finally:
        connection.close()
    _copy_new_files(files, destination / FILES)  # those added before the snapshot
    return check(destination)


def check(folder: Path) -> Check:
    """What a restore relies on: the database is sound, its history unbroken, and every
    stored file it names is there with the right checksum."""
    path = folder / DATABASE_FILE
    if not path.exists():
        raise BackupError(f"{path} n'existe pas : ce dossier ne contient pas de sauvegarde.")
    with sqlite3.connect(path) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    engine = create_engine(f"sqlite:///{path}")
    try:
        with Session(engine) as db:
            chain = verify(db)
            stored = db.execute(select(StoredFile.storage_name, StoredFile.sha256)).all()
    finally:
        engine.dispose()
    missing = []
    for name, digest in stored:
        file = folder / FILES / name[:2] / name
        if not file.exists() or hashlib.sha256(file.read_bytes()).hexdigest() != digest:
            missing.append(name)
    return Check(integrity, chain.checked, chain.ok, len(stored), missing)


def _report(result: Check) -> None:
    click.echo(f"Intégrité de la base : {result.integrity}")
    state = "intacte" if result.history_ok else "ROMPUE"
    click.echo(f"Historique d'activité : {result.history_entries} entrées, chaîne {state}")
    click.echo(f"Fichiers : {result.files - len(result.missing_files)} sur {result.files}")
    for name in result.missing_files[:20]:
        click.echo(f"  manquant ou modifié : {name}")


@ops_cli.command("backup", help="Sauvegarde la base et les fichiers dans DEST, puis vérifie.")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
def backup_command(dest: Path) -> None:
    try:
        result = backup(dest)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    _report(result)
    if not result.ok:
        raise click.ClickException("La sauvegarde n'est pas saine : ne vous y fiez pas.")
    click.echo(f"Sauvegarde terminée dans {dest}.")


@ops_cli.command("check-backup", help="Vérifie une sauvegarde (avant de la restaurer).")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def check_command(folder: Path) -> None:
    try:
        result = check(folder)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    _report(result)
    if not result.ok:
        raise click.ClickException("La sauvegarde n'est pas saine.")
    click.echo("Sauvegarde saine.")


def init_app(app: Flask) -> None:
    app.cli.add_command(ops_cli)
