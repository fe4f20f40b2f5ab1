"""``flask --app app demo seed|reset``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from espace.db import get_session
from espace.demo import seed as demo_seed
from espace.demo.personas import DEMO_PASSWORD, PERSONAS

demo_cli = AppGroup("demo", help="Données de démonstration (personas fictifs).")


def _refuse_in_production() -> None:
    if current_app.config["ESPACE_ENV"] == "production":
        raise click.ClickException(
            "Les données de démonstration sont interdites en production (ESPACE_ENV=production)."
        )


def _summary() -> None:
    click.echo(f"Personas prêts (mot de passe commun : {DEMO_PASSWORD}) :")
    for persona in PERSONAS:
        if persona.email:
            click.echo(f"  {persona.email:30} {persona.description}")


@demo_cli.command("seed", help="Charge les personas si la base est vide.")
@click.option(
    "--if-empty", is_flag=True, help="Ne rien faire (sans erreur) si la base a déjà des données."
)
def seed_command(if_empty: bool) -> None:
    _refuse_in_production()
    db = get_session()
    if not demo_seed.is_empty(db):
        if if_empty:
            click.echo("La base contient déjà des données : rien à charger.")
            return
        raise click.ClickException(
            "La base contient déjà des données. Pour repartir des personas : "
            "flask --app app demo reset"
        )
    demo_seed.seed(db)
    db.commit()
    _summary()


@demo_cli.command("reset", help="Efface toutes les données et recharge les personas.")
@click.option("--yes", is_flag=True, help="Ne pas demander de confirmation.")
def reset_command(yes: bool) -> None:
    _refuse_in_production()
    if not yes:
        click.confirm("Toutes les données seront effacées. Continuer ?", abort=True)
    db = get_session()
    demo_seed.wipe(db)
    demo_seed.seed(db)
    db.commit()
    _summary()


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_cli)
