"""``flask --app app enrolment import FICHIER`` and ``flask --app app dmp import DOSSIER``.

Problems go to stderr (one line each, with the line number), the summary to stdout.
Exit codes: 0 every line handled; 1 refused, nothing imported (missing file, wrong
header); 3 done, but some lines were skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from espace import clock
from espace.csvfile import HeaderError, LineProblem
from espace.db import get_session
from espace.files import file_store
from espace.lifecycle import enrolment_file, migration_file
from espace.lifecycle.enrolment import import_enrolment
from espace.lifecycle.migration import import_dmp

EXIT_REFUSED = 1
EXIT_LINES_SKIPPED = 3

enrolment_cli = AppGroup("enrolment", help="Création des espaces santé : fichier des assurés.")
enrolment_cli = click.help_option("--help", help="Affiche cette aide.")(enrolment_cli)
dmp_cli = AppGroup("dmp", help="Reprise des anciens dossiers médicaux partagés (DMP).")
dmp_cli = click.help_option("--help", help="Affiche cette aide.")(dmp_cli)

ENROLMENT_HELP = f"""Crée un espace santé (statut « annoncé ») pour chaque personne du fichier
FICHIER qui habite un département pilote, et lui envoie l'avis de création : par
e-mail tout de suite, ou par courrier à imprimer dans /gestion/courriers.

\b
Format : texte UTF-8, champs séparés par « ; », une première ligne d'en-tête :
  {";".join(enrolment_file.COLUMNS)}
nir de 15 caractères avec sa clé ; date_naissance AAAA-MM-JJ ou JJ/MM/AAAA ;
email, ou adresse + code_postal + commune ; nir_parent pour un enfant ayant droit.

Une ligne incorrecte est signalée avec son numéro et ignorée. Une personne déjà
connue (même opposée) n'est jamais avisée deux fois : relancer est sans risque.

\b
Code de sortie : 0 tout est traité ; 1 fichier refusé, rien n'est importé ;
3 import fait, mais des lignes ont été ignorées.
"""

DMP_HELP = f"""Reprend les anciens DMP exportés dans le dossier DOSSIER : le fichier
DOSSIER/{migration_file.MANIFEST} (une ligne par document) et les documents.

\b
Format du manifeste : UTF-8, champs séparés par « ; », une première ligne d'en-tête :
  {";".join(migration_file.COLUMNS)}
fichier : chemin du document dans DOSSIER (PDF, JPEG, PNG, TIFF, texte, RTF, 5 Mo
au plus) ; categorie : compte_rendu, synthese, imagerie, prescription... ;
date_document AAAA-MM-JJ ou JJ/MM/AAAA ; auteur : tel que le DMP le nomme.

L'espace est ouvert tout de suite (sans délai d'opposition) et la personne est
prévenue. Relancer ne crée pas de doublon.

\b
Code de sortie : 0 tout est traité ; 1 dossier refusé, rien n'est importé ;
3 import fait, mais des lignes ont été ignorées.
"""


def _problem(line: LineProblem) -> None:
    click.echo(str(line), err=True)


@enrolment_cli.command("import", help=ENROLMENT_HELP, short_help="Importe le fichier des assurés.")
@click.help_option("--help", help="Affiche cette aide.")
@click.argument("file", metavar="FICHIER", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def enrolment_import(ctx: click.Context, file: Path) -> None:
    if not file.is_file():
        _refuse(ctx, f"fichier introuvable : {file}")
    db = get_session()
    try:
        with file.open(encoding="utf-8-sig", errors="replace", newline=None) as stream:
            report = import_enrolment(
                db,
                stream,
                file.name,
                clock.now(),
                pilot_departments=current_app.config["PILOT_DEPARTMENTS"],
                report_problem=_problem,
                commit=db.commit,
            )
    except HeaderError as error:
        db.rollback()
        _refuse(ctx, str(error))
    click.echo(f"Lot n° {report.batch_id}")
    click.echo(f"Lignes lues : {report.read}")
    click.echo(
        f"Espaces créés : {report.created} (avis par e-mail : {report.by_email}, "
        f"courriers à imprimer : {report.by_letter})"
    )
    click.echo(f"Hors départements pilotes : {report.outside_pilot}")
    click.echo(f"Déjà connus : {report.already_known}")
    click.echo(f"Ignorées : {report.skipped}")
    if report.parents_linked:
        click.echo(f"Parents rattachés à l'espace de leur enfant : {report.parents_linked}")
    if report.skipped:
        ctx.exit(EXIT_LINES_SKIPPED)


@dmp_cli.command("import", help=DMP_HELP, short_help="Reprend des DMP exportés.")
@click.help_option("--help", help="Affiche cette aide.")
@click.argument("folder", metavar="DOSSIER", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def dmp_import(ctx: click.Context, folder: Path) -> None:
    manifest = folder / migration_file.MANIFEST
    if not manifest.is_file():
        _refuse(ctx, f"manifeste introuvable : {manifest}")
    db = get_session()
    try:
        with manifest.open(encoding="utf-8-sig", errors="replace", newline=None) as stream:
            report = import_dmp(
                db,
                file_store(),
                stream,
                folder,
                clock.now(),
                pilot_departments=current_app.config["PILOT_DEPARTMENTS"],
                report_problem=_problem,
                commit=db.commit,
            )
    except HeaderError as error:
        db.rollback()
        _refuse(ctx, str(error))
    click.echo(f"Lignes lues : {report.read}")
    click.echo(f"Documents importés : {report.imported}")
    click.echo(f"Déjà présents : {report.already_present}")
    click.echo(f"Hors départements pilotes : {report.outside_pilot}")
    click.echo(f"Ignorées : {report.skipped}")
    click.echo(f"Espaces créés : {report.spaces_created}, ouverts : {report.spaces_opened}")
    if report.skipped:
        ctx.exit(EXIT_LINES_SKIPPED)


def _refuse(ctx: click.Context, message: str) -> NoReturn:
    click.echo(f"Erreur : {message}", err=True)
    click.echo("Rien n'a été importé.", err=True)
    ctx.exit(EXIT_REFUSED)


def init_app(app: Flask) -> None:
    app.cli.add_command(enrolment_cli)
    app.cli.add_command(dmp_cli)
