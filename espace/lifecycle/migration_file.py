"""The export of a legacy DMP (``dmp import DIR``): ``DIR/manifeste.csv`` and the files.

The manifest has the shape of the insurer's other files (UTF-8, ``;``, a required header
with exactly these columns, any order), one line per document:
``nir;nom;prenom;date_naissance;email;adresse;code_postal;commune;departement;fichier;``
``titre;categorie;date_document;auteur``.

- The person's columns are those of the enrolment file (``email`` or a full postal
  address, so that the activation code can be sent); they are repeated on each line.
- ``fichier``: the document's path inside DIR (sub-folders allowed, never outside DIR):
  PDF, JPEG, PNG, TIFF, text or RTF, 5 MB at most, checked by content like an upload.
- ``titre``: 1 to 200 characters. ``categorie``: one of the document categories
  (``compte_rendu``, ``synthese``, ``imagerie``, ``prescription``, ``dispensation``,
  ``plan_de_soins``, ``traitement_administre``, ``certificat``, ``document_patient``).
- ``date_document``: ``AAAA-MM-JJ`` or ``JJ/MM/AAAA``, not in the future.
- ``auteur``: who wrote it, as the DMP named them (1 to 200 characters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from espace.csvfile import LineProblem, date_field, text_field
from espace.lifecycle.enrolment_file import Person, parse_person
from espace.models import DocumentCategory

MANIFEST = "manifeste.csv"
PERSON_COLUMNS = (
    "nir",
    "nom",
    "prenom",
    "date_naissance",
    "email",
    "adresse",
    "code_postal",
    "commune",
    "departement",
)
COLUMNS = (*PERSON_COLUMNS, "fichier", "titre", "categorie", "date_document", "auteur")
CATEGORIES = {c.value: c for c in DocumentCategory}


@dataclass(frozen=True)
class MigratedDocument:
    number: int
    person: Person
    path: Path
    file_name: str
    title: str
    category: DocumentCategory
    document_date: date
    author: str


def parse_document(
    number: int, raw: dict[str, str], folder: Path, today: date
) -> MigratedDocument | LineProblem:
    person = parse_person(number, {**raw, "nir_parent": ""}, today)
    problems: list[str] = []
    if isinstance(person, LineProblem):
        problems.append(person.reason)
    name = raw["fichier"].strip()
    path = _inside(folder, name)
    if not name:
        problems.append("fichier vide")
    elif path is None:
        problems.append("fichier en dehors du dossier importé")
    elif not path.is_file():
        problems.append(f"fichier introuvable dans le dossier : {_short(name)}")
    title = text_field(raw["titre"], "titre", 200, problems)
    category = CATEGORIES.get(raw["categorie"].strip().lower())
    if category is None:
        problems.append(
            "categorie inconnue (par exemple compte_rendu, synthese, imagerie, prescription)"
        )
    document_date = date_field(raw["date_document"], "date_document", today, problems)
    author = text_field(raw["auteur"], "auteur", 200, problems)
    if problems or isinstance(person, LineProblem) or path is None or category is None:
        return LineProblem(number, " ; ".join(problems))
    assert document_date is not None  # noqa: S101 - a missing date is a problem above
    return MigratedDocument(number, person, path, name, title, category, document_date, author)


def _inside(folder: Path, name: str) -> Path | None:
    """The file's real path, if it lies inside the folder (no ``..``, no link outside)."""
    if not name:
        return None
    try:
        path = (folder / name).resolve()
    except (OSError, RuntimeError):
        return None
    return path if path.is_relative_to(folder.resolve()) else None


def _short(name: str) -> str:
    clean = "".join(c if c.isprintable() else "?" for c in name)
    return clean[:80]
