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


@demo_cli.command("scale", help="Ajoute des données inventées à grande échelle (mesures).")
@click.option("--spaces", default=100_000, show_default=True, help="Espaces ouverts inventés.")
@click.option("--documents", default=1_000_000, show_default=True, help="Documents (métadonnées).")
@click.option("--directory", default=1_000_000, show_default=True, help="Lignes d'annuaire.")
def scale_command(spaces: int, documents: int, directory: int) -> None:
    import time

    from espace import clock
    from espace.demo import scale

    _refuse_in_production()
    for name, value in (
        ("--spaces", spaces),
        ("--documents", documents),
        ("--directory", directory),
    ):
        if value < 0:
            raise click.BadParameter("donnez un nombre positif ou nul", param_hint=name)
    db = get_session()
    if demo_seed.is_empty(db):
        raise click.ClickException("Chargez d'abord les personas : flask --app app demo seed")
    started = time.monotonic()

    def progress(step: str) -> None:
        click.echo(f"  {step} ({time.monotonic() - started:.0f} s)")

    done = scale.scale(
        db, spaces=spaces, documents=documents, directory=directory, now=clock.now(),
        progress=progress,
    )  # fmt: skip
    db.commit()
    click.echo(
        f"Ajouté en {time.monotonic() - started:.0f} s : {done.spaces} espaces, "
        f"{done.documents} documents, {done.history} entrées d'historique, "
        f"{done.threads} conversations, {done.directory_lines} lignes d'annuaire."
    )
