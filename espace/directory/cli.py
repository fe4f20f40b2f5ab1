"""``flask --app app annuaire import FICHIER``: the national extract of the Annuaire Santé.

Progress and skipped lines go to stderr, the summary to stdout. Exit codes: 0 every line
imported; 1 file refused, nothing imported (missing, or wrong header); 3 done, but some
lines were skipped.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import NoReturn, TextIO

import click
from flask import Flask
from flask.cli import AppGroup

from espace import clock
from espace.db import get_session
from espace.directory.extract import HeaderError, LineProblem
from espace.directory.importer import ImportReport, import_extract
from espace.directory.search import number_fr

EXIT_REFUSED = 1
EXIT_LINES_SKIPPED = 3

annuaire_cli = AppGroup(
    "annuaire", help="Annuaire des professionnels de santé : extraction nationale (RPPS)."
)
annuaire_cli = click.help_option("--help", help="Affiche cette aide.")(annuaire_cli)

IMPORT_HELP = """Importe FICHIER, l'extraction « personne-activité » de l'Annuaire Santé.

\b
Format : texte UTF-8, champs séparés par « | », chaque ligne terminée par « | »,
une première ligne d'en-tête (celle du fichier national). Une ligne par activité :
un professionnel qui exerce à deux adresses a deux lignes.

Le fichier est lu au fil de l'eau, quelle que soit sa taille. Relancer l'import met
à jour ce qui a changé, ajoute les nouveaux professionnels et retire de l'annuaire
ceux qui ne sont plus dans le fichier (ils ne sont jamais effacés). Une ligne
incorrecte est signalée avec son numéro et ignorée.

\b
Code de sortie : 0 tout est importé ; 1 fichier refusé, rien n'est importé ;
3 import fait, mais des lignes ont été ignorées.
"""


@annuaire_cli.command("import", help=IMPORT_HELP, short_help="Importe l'extraction nationale.")
@click.help_option("--help", help="Affiche cette aide.")
@click.argument("file", metavar="FICHIER", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, file: Path) -> None:
    if not file.is_file():
        _refuse(ctx, f"fichier introuvable : {file}")
    db = get_session()
    started = time.monotonic()

    def problem(line: LineProblem) -> None:
        click.echo(str(line), err=True)

    try:
        # newline=None: lines may end in LF or CRLF; "utf-8-sig" drops a BOM.
        with file.open(encoding="utf-8-sig", errors="replace", newline=None) as stream:
            progress = _Progress(stream, file.stat().st_size, started)
            report = import_extract(
                db,
                stream,
                clock.now(),
                source=file.name,
                on_problem=problem,
                on_progress=progress,
                commit=db.commit,
            )
    except HeaderError as error:
        db.rollback()
        _refuse(ctx, str(error))
    _summary(report, time.monotonic() - started)
    if report.skipped:
        ctx.exit(EXIT_LINES_SKIPPED)


class _Progress:
    """ "250 000 lignes traitées (25 %), 24 000 lignes par seconde, fin dans 31 s"."""

    def __init__(self, stream: TextIO, size: int, started: float) -> None:
        self.stream, self.size, self.started = stream, size, started

    def __call__(self, lines: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = lines / elapsed
        message = f"{number_fr(lines)} lignes traitées"
        done = self._fraction()
        if done:
            remaining = elapsed * (1 - done) / done
            message += f" ({done:.0%}), {number_fr(round(rate))} lignes par seconde"
            message += f", fin dans {_duration(remaining)} environ"
        click.echo(message.replace("%", "\u00a0%"), err=True)

    def _fraction(self) -> float | None:
        try:
            position = self.stream.buffer.tell()  # bytes read (a few KB ahead at most)
        except (AttributeError, OSError):
            return None
        return min(position / self.size, 1.0) if self.size else None


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{round(seconds)} s"
    return f"{round(seconds / 60)} min"


def _summary(report: ImportReport, elapsed: float) -> None:
    click.echo(f"Lignes lues : {number_fr(report.read)}")
    click.echo(f"Professionnels ajoutés : {number_fr(report.added)}")
    updated = f"Professionnels mis à jour : {number_fr(report.updated)}"
    if report.reinstated:
        updated += f" (dont {number_fr(report.reinstated)} revenus dans l'annuaire)"
    click.echo(updated)
    click.echo(f"Professionnels inchangés : {number_fr(report.unchanged)}")
    click.echo(
        f"Professionnels retirés de l'annuaire (absents du fichier) : {number_fr(report.retired)}"
    )
    skipped = f"Lignes ignorées : {number_fr(report.skipped)}"
    if report.skipped:
        shown = ", ".join(str(n) for n in report.skipped_lines)
        more = " …" if report.skipped > len(report.skipped_lines) else ""
        skipped += f" (ligne{'s' if report.skipped > 1 else ''} {shown}{more})"
    click.echo(skipped)
    if not report.seen:
        click.echo("Aucun professionnel lu : personne n'a été retiré de l'annuaire.")
    rate = report.read / elapsed if elapsed > 0 else 0
    seconds = f"{elapsed:.1f}".replace(".", ",")
    click.echo(f"Durée : {seconds} s ({number_fr(round(rate))} lignes par seconde)")


def _refuse(ctx: click.Context, message: str) -> NoReturn:
    click.echo(f"Erreur : {message}", err=True)
    click.echo("Rien n'a été importé.", err=True)
    ctx.exit(EXIT_REFUSED)


def init_app(app: Flask) -> None:
    app.cli.add_command(annuaire_cli)
