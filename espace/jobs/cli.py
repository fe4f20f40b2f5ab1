"""``flask --app app jobs run``."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from espace import clock
from espace.db import get_session
from espace.jobs import registry, run_all

jobs_cli = AppGroup("jobs", help="Tâches de fond (à lancer par cron, par exemple chaque minute).")


@jobs_cli.command("run", help="Exécute une fois chaque tâche due. Sans risque si lancée deux fois.")
def run_command() -> None:
    done = run_all(get_session(), clock.now())
    labels = {job.name: job.label for job in registry()}
    for name, count in done.items():
        click.echo(f"{count:6d}  {labels[name]}")


def init_app(app: Flask) -> None:
    app.cli.add_command(jobs_cli)
