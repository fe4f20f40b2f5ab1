"""``flask --app app db ...``: database migrations with Alembic."""

from __future__ import annotations

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app
from flask.cli import AppGroup

from espace.config import PROJECT_ROOT
from espace.db import database

db_cli = AppGroup("db", help="Base de données : migrations (Alembic).")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["engine"] = database(current_app).engine
    return config


def upgrade(revision: str = "head") -> None:
    command.upgrade(alembic_config(), revision)


@db_cli.command("upgrade", help="Applique les migrations jusqu'à la dernière (ou REVISION).")
@click.argument("revision", default="head")
def upgrade_command(revision: str) -> None:
    upgrade(revision)
    click.echo("Base de données à jour.")


@db_cli.command("downgrade", help="Revient à la migration REVISION (par exemple -1).")
@click.argument("revision")
def downgrade_command(revision: str) -> None:
    command.downgrade(alembic_config(), revision)


@db_cli.command("revision", help="Crée une migration à partir des modèles (développeurs).")
@click.option("-m", "--message", required=True, help="Ce que change la migration.")
def revision_command(message: str) -> None:
    command.revision(alembic_config(), message=message, autogenerate=True)


@db_cli.command("current", help="Affiche la migration appliquée.")
def current_command() -> None:
    command.current(alembic_config())


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
