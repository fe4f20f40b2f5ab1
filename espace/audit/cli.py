"""``flask --app app audit verify``: check the hash chain of the history."""

from __future__ import annotations

import time

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy.orm import Session

from espace.audit.chain import verify
from espace.db import database

audit_cli = AppGroup("audit", help="Historique d'activité : vérification de la chaîne.")


@audit_cli.command("verify", help="Vérifie que l'historique n'a pas été modifié.")
def verify_command() -> None:
    engine = database().engine.execution_options(sqlite_deferred=True)
    started = time.perf_counter()
    with Session(engine) as db:
        result = verify(db)
    elapsed = time.perf_counter() - started
    if not result.ok:
        click.echo(
            f"ÉCHEC : entrée {result.first_bad_seq} : {result.problem} "
            f"({result.checked} entrées vérifiées avant elle).",
            err=True,
        )
        raise SystemExit(1)
    click.echo(
        f"OK : {result.checked} entrées vérifiées en {elapsed:.2f} s. "
        f"Empreinte de tête : {result.head_hash}"
    )


def init_app(app: Flask) -> None:
    app.cli.add_command(audit_cli)
