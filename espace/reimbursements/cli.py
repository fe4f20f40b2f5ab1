"""``flask --app app soins import FICHIER``: the Assurance maladie's reimbursement feed.

Problems go to stderr (one line each, with the line number), the summary to stdout.
Exit codes: 0 every line imported or already present; 1 file refused, nothing imported
(missing, or wrong header); 3 done, but some lines were skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click
from flask import Flask
from flask.cli import AppGroup

from espace import clock
from espace.csvfile import HeaderError, LineProblem
from espace.db import get_session
from espace.reimbursements.feed import HEADER
from espace.reimbursements.importer import import_feed

EXIT_REFUSED = 1
EXIT_LINES_SKIPPED = 3

soins_cli = AppGroup(
    "soins", help="Historique des soins : remboursements envoyés par l'Assurance maladie."
)
soins_cli = click.help_option("--help", help="Affiche cette aide.")(soins_cli)

IMPORT_HELP = f"""Importe le fichier FICHIER des remboursements de l'Assurance maladie.

\b
Format : texte UTF-8, champs séparés par « ; », une première ligne d'en-tête :
  {HEADER}
date_soins AAAA-MM-JJ ou JJ/MM/AAAA ; montants en euros (23,00 ou 23.00) ;
rpps vide ou 11 chiffres ; nir de 15 caractères avec sa clé.

Une ligne incorrecte est signalée avec son numéro et ignorée ; les autres sont
importées. Relancer l'import du même fichier n'ajoute rien en double.

\b
Code de sortie : 0 tout est importé (ou l'était déjà) ; 1 fichier refusé, rien
n'est importé ; 3 import fait, mais des lignes ont été ignorées.
"""


@soins_cli.command("import", help=IMPORT_HELP, short_help="Importe un fichier de remboursements.")
@click.help_option("--help", help="Affiche cette aide.")
@click.argument("file", metavar="FICHIER", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, file: Path) -> None:
    if not file.is_file():
        _refuse(ctx, f"fichier introuvable : {file}")
    db = get_session()

    def problem(line: LineProblem) -> None:
        click.echo(str(line), err=True)

    try:
        # newline=None: lines may end in LF or CRLF; "utf-8-sig" drops a BOM.
        with file.open(encoding="utf-8-sig", errors="replace", newline=None) as stream:
            report = import_feed(db, stream, clock.now(), report_problem=problem, commit=db.commit)
    except HeaderError as error:
        db.rollback()
        _refuse(ctx, str(error))
    click.echo(f"Lignes lues : {report.read}")
    click.echo(f"Importées : {report.imported}")
    click.echo(f"Déjà présentes : {report.already_present}")
    click.echo(f"Ignorées : {report.skipped}")
    click.echo(f"Espaces santé mis à jour : {len(report.space_ids)}")
    if report.skipped:
        ctx.exit(EXIT_LINES_SKIPPED)


def _refuse(ctx: click.Context, message: str) -> NoReturn:
    click.echo(f"Erreur : {message}", err=True)
    click.echo("Rien n'a été importé.", err=True)
    ctx.exit(EXIT_REFUSED)


def init_app(app: Flask) -> None:
    app.cli.add_command(soins_cli)
