"""The shape shared by the insurer's files (enrolment, DMP manifest, reimbursement feed):
UTF-8, ``;`` between fields, a required header naming the columns (any order), one record
per line, read as a stream (never loaded whole) with line numbers for every report."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from email_validator import EmailNotValidError, validate_email

SEPARATOR = ";"
MAX_LINE_CHARS = 2000  # a real line is well under 400 characters
DATE_HINT = "écrivez-la AAAA-MM-JJ ou JJ/MM/AAAA, par exemple 1954-03-12"
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FRENCH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_DEPARTMENT = re.compile(r"(?:[0-9]{2,3}|2A|2B)")
_POSTCODE = re.compile(r"[0-9]{5}")


class HeaderError(ValueError):
    """The file is not in the expected format: nothing is imported."""


@dataclass(frozen=True, slots=True)  # slots: an import may report many
class LineProblem:
    number: int
    reason: str

    def __str__(self) -> str:
        return f"Ligne {self.number} ignorée : {self.reason}."


def records(
    stream: TextIO, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str]] | LineProblem]:
    """(line number, fields by column name) for each data line, or its problem.

    Raises ``HeaderError`` before yielding anything when the header is wrong.
    """
    header = SEPARATOR.join(columns)
    lines = physical_lines(stream)
    first = next(lines, None)
    if first is None or first[1] is None or not first[1].strip():
        raise HeaderError(f"Le fichier est vide. Sa première ligne doit être : {header}")
    order = header_order(first[1].lstrip("\ufeff"), columns, optional)
    for number, text in lines:
        if text is None:
            yield LineProblem(number, f"ligne trop longue (plus de {MAX_LINE_CHARS} caractères)")
        elif text.strip():
            yield split_line(number, text, order)


def physical_lines(
    stream: TextIO, limit: int = MAX_LINE_CHARS, first_number: int = 1
) -> Iterator[tuple[int, str | None]]:
    """(line number, text without its end), or ``None`` for a line longer than ``limit``,
    which is skipped without holding it in memory."""
    number = first_number - 1
    while True:
        text = stream.readline(limit + 2)
        if not text:
            return
        number += 1
        if not text.endswith("\n") and len(text) > limit:
            while (more := stream.readline(64 * 1024)) and not more.endswith("\n"):
                pass
            yield number, None
            continue
        yield number, text.rstrip("\r\n")


def header_order(text: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[str]:
    """The column names in the file's order: every column of ``columns``, any of
    ``optional``, nothing else and nothing twice."""
    names = [name.strip() for name in text.split(SEPARATOR)]
    missing = [name for name in columns if name not in names]
    unknown = [name for name in names if name not in columns + optional]
    if missing or unknown or len(names) != len(set(names)):
        details = []
        if missing:
            details.append(f"colonnes manquantes : {', '.join(missing)}")
        if unknown:
            details.append(f"colonnes inconnues : {', '.join(printable(n) for n in unknown)}")
        if not details:
            details.append("une colonne est en double")
        raise HeaderError(
            "La première ligne du fichier (l'en-tête) n'est pas celle attendue "
            f"({' ; '.join(details)}). Elle doit être : {SEPARATOR.join(columns)}"
        )
    return names


def split_line(
    number: int, text: str, order: list[str]
) -> tuple[int, dict[str, str]] | LineProblem:
    try:
        fields = next(csv.reader([text], delimiter=SEPARATOR, strict=True))
    except csv.Error:
        return LineProblem(number, 'guillemets mal placés (un champ entre " doit se fermer)')
    if len(fields) != len(order):
        return LineProblem(
            number,
            f"{len(fields)} champs au lieu de {len(order)} "
            "(les champs sont séparés par un point-virgule)",
        )
    if "\ufffd" in text:
        return LineProblem(number, "caractères illisibles : le fichier doit être en UTF-8")
    return number, dict(zip(order, fields, strict=True))


def text_field(
    raw: str,
    column: str,
    maximum: int,
    problems: list[str],
    required: bool = True,
    refused: frozenset[str] = frozenset({"Cc", "Cf"}),
) -> str:
    """Spaces folded; refused when empty (if required), too long, or holding characters of
    the Unicode categories ``refused`` (control; format, such as invisible marks)."""
    value = " ".join(raw.split())
    if not value:
        if required:
            problems.append(f"{column} vide")
        return ""
    if len(value) > maximum:
        problems.append(f"{column} trop long ({len(value)} caractères, {maximum} au plus)")
    elif any(unicodedata.category(c) in refused for c in value):
        problems.append(f"{column} avec des caractères de contrôle")
    return value


def date_field(
    raw: str,
    column: str,
    today: date,
    problems: list[str],
    earliest: date = date(1900, 1, 1),
    hint: str = DATE_HINT,
) -> date | None:
    value = raw.strip()
    if iso := _ISO_DATE.fullmatch(value):
        year, month, day = iso.groups()
    elif french := _FRENCH_DATE.fullmatch(value):
        day, month, year = french.groups()
    else:
        problems.append(f"{column} absente ou mal écrite ({hint})")
        return None
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        problems.append(f"{column} qui n'existe pas ({hint})")
        return None
    if found > today:
        problems.append(f"{column} dans le futur")
        return None
    if found < earliest:
        problems.append(f"{column} avant {earliest.year} : vérifiez l'année")
        return None
    return found


def email_field(raw: str, column: str, problems: list[str]) -> str | None:
    value = raw.strip()
    if not value:
        return None
    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        problems.append(f"{column} mal écrit (par exemple nom@exemple.fr)")
        return None
    if len(checked.normalized) > 254:
        problems.append(f"{column} trop long (254 caractères au plus)")
        return None
    return checked.normalized.lower()


def department_field(raw: str, column: str, problems: list[str]) -> str:
    value = raw.strip().upper()
    if not _DEPARTMENT.fullmatch(value):
        problems.append(
            f"{column} absent ou invalide (2 ou 3 chiffres, ou 2A, 2B : par exemple 31)"
        )
        return ""
    return value


def postcode_field(raw: str, column: str, problems: list[str]) -> str:
    value = raw.strip().replace(" ", "")
    if value and not _POSTCODE.fullmatch(value):
        problems.append(f"{column} invalide (5 chiffres, par exemple 31000)")
        return ""
    return value


def printable(name: str) -> str:
    """A value as it may be echoed on a terminal: no control characters, short."""
    clean = "".join(c if c.isprintable() else "?" for c in name)
    return f"« {clean[:40]} »"
