"""The national extract "personne-activité" of the Annuaire Santé, read line by line.

Format (``data/rpps/README.md``; documented in French in the README for operators):

- UTF-8 text (a BOM is tolerated), lines ending in LF or CRLF, fields separated by ``|``,
  each line ending with a trailing ``|``. Any field may be empty.
- The first line is the header. It must name every column read below (``COLUMNS``), each
  once; other columns of the national file are allowed and ignored, in any order.
- One line is one activity: a professional practising at two sites has two lines with the
  same ``Identifiant PP``; the lines need not be next to each other.
- ``Type d'identifiant PP``: ``8`` RPPS (11 digits), ``0`` ADELI (9 characters, the second
  may be A or B for Corsica).

A wrong header stops everything before anything is written (``HeaderError``); a line with
the wrong number of fields, a bad identifier, unreadable or control characters, or a value
too long to be real, is reported with its number (``LineProblem``) and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter
from typing import NamedTuple, TextIO

from espace.csvfile import HeaderError, LineProblem, physical_lines
from espace.directory.text import tidy

SEPARATOR = "|"
MAX_LINE_CHARS = 4000  # a real line is under 700 characters
TYPE, IDENTIFIER = "Type d'identifiant PP", "Identifiant PP"
_COORD = " (coord. structure)"
# The columns read, each with the longest value kept (a longer one is not a real value).
PERSON_COLUMNS = {
    "Code civilité d'exercice": 10,
    "Nom d'exercice": 100,
    "Prénom d'exercice": 100,
    "Code profession": 3,
    "Libellé profession": 120,
    "Code savoir-faire": 10,
    "Libellé savoir-faire": 120,
}
ADDRESS_COLUMNS = [
    f"Numéro Voie{_COORD}",
    f"Indice répétition voie{_COORD}",
    f"Libellé type de voie{_COORD}",
    f"Libellé Voie{_COORD}",
]
SITE_COLUMNS = {
    "Raison sociale site": 200,
    "Enseigne commerciale site": 200,
    f"Complément destinataire{_COORD}": 150,
    f"Complément point géographique{_COORD}": 150,
    **dict.fromkeys(ADDRESS_COLUMNS, 120),
    f"Mention distribution{_COORD}": 100,
    f"Bureau cedex{_COORD}": 100,
    f"Code postal{_COORD}": 10,
    f"Libellé commune{_COORD}": 100,
    "Code Département (structure)": 3,
    "Libellé Département (structure)": 60,
    f"Téléphone{_COORD}": 30,
    f"Adresse e-mail{_COORD}": 254,
    "Libellé mode exercice": 60,
    "Libellé secteur d'activité": 120,
}
COLUMNS = (TYPE, IDENTIFIER, *PERSON_COLUMNS, *SITE_COLUMNS)
_LONGEST = (11, 11, *PERSON_COLUMNS.values(), *SITE_COLUMNS.values())
_IDENTIFIERS = {"8": re.compile(r"[0-9]{11}"), "0": re.compile(r"[0-9][0-9AB][0-9]{7}")}
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # a tab is only a space
_SPACES = re.compile(r"[ \t]*\t[ \t]*| {2,}")
_REPEAT = {"B": "bis", "T": "ter", "Q": "quater", "C": "quinquies"}


class Activity(NamedTuple):  # a tuple: a million are made, quickly
    """One line: who (``person``, the same for each of their lines) and where (``site``)."""

    number: int
    identifier: str
    identifier_type: str
    # practice_title, family_name, given_name, profession_code, profession_label,
    # specialty_code, specialty_label
    person: tuple[str, ...]
    # structure, complement, street, distribution, cedex_office, postcode, town,
    # department_code, department_label, phone, email, mode, sector
    site: tuple[str, ...]


def read_header(stream: TextIO) -> tuple[list[int], int]:
    """The position in a line of each of ``COLUMNS``, and the number of fields of a line."""
    first = stream.readline(MAX_LINE_CHARS + 2)
    text = first.lstrip("\ufeff").rstrip("\r\n")
    if not text.strip():
        raise HeaderError(
            "Le fichier est vide. Sa première ligne doit être l'en-tête de l'extraction "
            f"« personne-activité » de l'Annuaire Santé, qui commence par : {TYPE}|{IDENTIFIER}|…"
        )
    names = _fields(text)
    positions = {name: index for index, name in enumerate(names)}
    missing = [name for name in COLUMNS if name not in positions]
    doubled = sorted({name for name in names if names.count(name) > 1 and name in COLUMNS})
    if missing or doubled:
        details = []
        if missing:
            shown = ", ".join(f"« {name} »" for name in missing[:5])
            more = f" et {len(missing) - 5} autres" if len(missing) > 5 else ""
            details.append(f"colonnes manquantes : {shown}{more}")
        if doubled:
            details.append(f"colonnes en double : {', '.join(doubled)}")
        raise HeaderError(
            "La première ligne du fichier (l'en-tête) n'est pas celle de l'extraction "
            f"« personne-activité » de l'Annuaire Santé ({' ; '.join(details)}). Les colonnes "
            f"sont séparées par « | » et l'en-tête commence par : {TYPE}|{IDENTIFIER}|…"
        )
    return [positions[name] for name in COLUMNS], len(names)


def read_activities(stream: TextIO) -> Iterator[Activity | LineProblem]:
    """Each data line, parsed, or the problem that makes it unusable (blank lines are
    passed over). Raises ``HeaderError`` before yielding anything when the header is wrong."""
    order, width = read_header(stream)
    for number, text in physical_lines(stream, MAX_LINE_CHARS, first_number=2):
        if text is None:
            yield LineProblem(number, f"ligne trop longue (plus de {MAX_LINE_CHARS} caractères)")
        elif text.strip():
            yield parse_line(number, text, order, width)


def parse_line(number: int, text: str, order: list[int], width: int) -> Activity | LineProblem:
    fields = text.split(SEPARATOR)
    if len(fields) > width and not fields[-1].strip():
        fields.pop()  # after the trailing "|"
    if len(fields) != width:
        return LineProblem(
            number,
            f"{len(fields)} champs au lieu de {width} (les champs sont séparés par « | », "
            "et chaque ligne se termine par « | »)",
        )
    if "\ufffd" in text:
        return LineProblem(number, "caractères illisibles : le fichier doit être en UTF-8")
    if _CONTROL.search(text):
        return LineProblem(number, "caractères de contrôle dans la ligne")
    if "  " in text or "\t" in text:
        fields = [_SPACES.sub(" ", field) for field in fields]
    values = list(itemgetter(*order)(fields))
    if " |" in text or "| " in text or text[:1] == " " or text[-1:] == " ":
        values = [value.strip() for value in values]
    if any(map(int.__gt__, map(len, values), _LONGEST)):
        name, value, longest = next(
            (n, v, m) for n, v, m in zip(COLUMNS, values, _LONGEST, strict=True) if len(v) > m
        )
        return LineProblem(
            number, f"« {name} » trop long ({len(value)} caractères, {longest} au plus)"
        )
    (kind, identifier, title, family, given, profession, profession_label, specialty,
     specialty_label, name, brand, addressee, place, street_number, repeat, street_kind,
     street_name, distribution, cedex, postcode, town, department, department_label, phone,
     email, mode, sector) = values  # fmt: skip
    pattern = _IDENTIFIERS.get(kind)
    if pattern is None or not pattern.fullmatch(identifier):
        return LineProblem(
            number,
            "identifiant invalide (type 8 : RPPS de 11 chiffres ; type 0 : ADELI de 9 caractères)",
        )
    structure = tidy(brand or name)
    # The extract often repeats the structure's name as "complément destinataire".
    complements = [tidy(c) for c in (addressee, place) if c]
    complement = ", ".join(c for c in complements if c.lower() != structure.lower())
    repeat = _REPEAT.get(repeat.upper(), repeat.lower())
    street_parts = (
        f"{street_number} {repeat}".strip(),
        street_kind,
        tidy(street_name, starts_sentence=not street_kind),
    )
    street = " ".join(part for part in street_parts if part)
    person = (title.upper(), tidy(family), tidy(given), profession, profession_label,
              specialty.upper(), specialty_label)  # fmt: skip
    site = (structure, complement, street, distribution, cedex, postcode, tidy(town),
            department.upper(), department_label, phone, email, mode, sector)  # fmt: skip
    return Activity(number, identifier, kind, person, site)


def _fields(text: str) -> list[str]:
    """The header's column names, without the empty one after the trailing ``|``."""
    fields = [name.strip() for name in text.split(SEPARATOR)]
    if len(fields) > 1 and not fields[-1]:
        fields.pop()
    return fields
