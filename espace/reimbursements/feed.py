"""The insurer's feed: a CSV file read line by line (it can be large: never loaded whole).

Format (documented for operators in the README, in French):

- UTF-8 (a BOM is tolerated), lines ending in LF or CRLF, fields separated by ``;``;
  a field holding ``;`` or ``"`` is quoted with ``"`` (doubled inside), as spreadsheets do.
  A line is one record: a field cannot span two lines.
- The first line is the header, with exactly these column names (any order):
  ``date_soins;code_acte;libelle;rpps;montant;montant_rembourse;nir``.
- ``date_soins``: ``AAAA-MM-JJ`` or ``JJ/MM/AAAA``, not in the future.
- ``code_acte``: 1 to 20 letters or digits (NGAP, CCAM, NABM or LPP code); the care type
  shown to the holder is derived from it (``care_types.py``).
- ``libelle``: 1 to 200 characters, shown as plain text.
- ``rpps``: empty, or the 11 digits of the professional's RPPS number.
- ``montant``, ``montant_rembourse``: euros, comma or point before the cents
  (``23,00``, ``23.5``, ``1 234,56``); not negative; reimbursed not above the amount.
- ``nir``: the holder's 15-character NIR, with a valid key.

A wrong header stops the import before anything is written; a bad line is reported with
its number and the reason, and skipped.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from espace.nir import NirError, validate_nir
from espace.reimbursements.amounts import AmountError, NegativeAmount, parse_cents
from espace.reimbursements.care_types import CareType, care_type_of

COLUMNS = ("date_soins", "code_acte", "libelle", "rpps", "montant", "montant_rembourse", "nir")
HEADER = ";".join(COLUMNS)
# A minor's confidential care (CSP R1111-50): kept out of what the parents see. Optional.
OPTIONAL_COLUMNS = ("confidentiel",)
YES, NO = {"1", "oui", "o"}, {"", "0", "non", "n"}
SEPARATOR = ";"
MAX_LINE_CHARS = 2000  # a real line is well under 400 characters
MAX_LABEL = 200
MAX_ACT_CODE = 20
DATE_HINT = "écrivez-la AAAA-MM-JJ ou JJ/MM/AAAA, par exemple 2025-03-27"
AMOUNT_HINT = "écrivez des euros, par exemple 23,00 ou 23.00"
_ACT_CODE = re.compile(r"[A-Z0-9]{1,20}")
_RPPS = re.compile(r"[0-9]{11}")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FRENCH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


class HeaderError(ValueError):
    """The file is not in the expected format: nothing is imported."""


@dataclass(frozen=True)
class FeedLine:
    number: int
    care_date: date
    act_code: str
    care_type: CareType
    label: str
    rpps: str | None
    amount_cents: int
    reimbursed_cents: int
    nir: str
    confidential: bool = False

    @property
    def key(self) -> str:
        """The fingerprint of the normalised fields: the same care gives the same key,
        whatever the spelling of its date or amounts in the file."""
        fields = [
            self.care_date.isoformat(),
            self.act_code,
            self.label,
            self.rpps or "",
            str(self.amount_cents),
            str(self.reimbursed_cents),
            self.nir,
        ]
        return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


@dataclass(frozen=True)
class LineProblem:
    number: int
    reason: str

    def __str__(self) -> str:
        return f"Ligne {self.number} ignorée : {self.reason}."


def read_feed(stream: TextIO, today: date) -> Iterator[FeedLine | LineProblem]:
    """Each data line of the file, parsed, or the problem that makes it unusable.

    Raises ``HeaderError`` before yielding anything when the header is wrong.
    """
    lines = physical_lines(stream)
    first = next(lines, None)
    if first is None or first[1] is None or not first[1].strip():
        raise HeaderError(f"Le fichier est vide. Sa première ligne doit être : {HEADER}")
    order = header_order(first[1].lstrip("\ufeff"))
    for number, text in lines:
        if text is None:
            yield LineProblem(number, f"ligne trop longue (plus de {MAX_LINE_CHARS} caractères)")
        elif text.strip():
            yield parse_line(number, text, order, today)


def physical_lines(stream: TextIO) -> Iterator[tuple[int, str | None]]:
    """(line number, text without its end), or ``None`` for a line too long to be real,
    which is skipped without holding it in memory."""
    number = 0
    while True:
        text = stream.readline(MAX_LINE_CHARS + 2)
        if not text:
            return
        number += 1
        if not text.endswith("\n") and len(text) > MAX_LINE_CHARS:
            while (more := stream.readline(64 * 1024)) and not more.endswith("\n"):
                pass
            yield number, None
            continue
        yield number, text.rstrip("\r\n")


def header_order(text: str) -> list[str]:
    names = [name.strip() for name in text.split(SEPARATOR)]
    missing = [name for name in COLUMNS if name not in names]
    unknown = [name for name in names if name not in COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown or len(names) != len(set(names)):
        details = []
        if missing:
            details.append(f"colonnes manquantes : {', '.join(missing)}")
        if unknown:
            details.append(f"colonnes inconnues : {', '.join(_printable(n) for n in unknown)}")
        if not details:
            details.append("une colonne est en double")
        raise HeaderError(
            "La première ligne du fichier (l'en-tête) n'est pas celle attendue "
            f"({' ; '.join(details)}). Elle doit être : {HEADER}"
        )
    return names


def parse_line(number: int, text: str, order: list[str], today: date) -> FeedLine | LineProblem:
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
    raw = dict(zip(order, fields, strict=True))
    if "\ufffd" in text:
        return LineProblem(number, "caractères illisibles : le fichier doit être en UTF-8")
    problems: list[str] = []
    care_date = _care_date(raw["date_soins"], today, problems)
    act_code = raw["code_acte"].strip().upper()
    if not _ACT_CODE.fullmatch(act_code):
        problems.append(
            f"code_acte absent ou invalide ({MAX_ACT_CODE} lettres ou chiffres au plus, "
            "par exemple G ou ZBQK002)"
        )
    label = " ".join(raw["libelle"].split())
    if not label:
        problems.append("libelle vide")
    elif len(label) > MAX_LABEL:
        problems.append(f"libelle trop long ({len(label)} caractères, {MAX_LABEL} au plus)")
    elif any(unicodedata.category(c) == "Cc" for c in label):
        problems.append("libelle avec des caractères de contrôle")
    rpps = raw["rpps"].strip() or None
    if rpps is not None and not _RPPS.fullmatch(rpps):
        problems.append("rpps invalide (vide, ou 11 chiffres)")
    amount = _cents(raw["montant"], "montant", problems)
    reimbursed = _cents(raw["montant_rembourse"], "montant_rembourse", problems)
    if amount is not None and reimbursed is not None and reimbursed > amount:
        problems.append("montant_rembourse supérieur au montant")
    try:
        nir = validate_nir(raw["nir"])
    except NirError:
        nir = ""
        problems.append("nir invalide (15 caractères, dont les 2 de la clé : vérifiez la clé)")
    flag = raw.get("confidentiel", "").strip().lower()
    if flag not in YES | NO:
        problems.append("confidentiel doit valoir 1 (oui) ou 0 (non)")
    if problems or care_date is None or amount is None or reimbursed is None:
        return LineProblem(number, " ; ".join(problems))
    return FeedLine(
        number,
        care_date,
        act_code,
        care_type_of(act_code),
        label,
        rpps,
        amount,
        reimbursed,
        nir,
        confidential=flag in YES,
    )


def _care_date(text: str, today: date, problems: list[str]) -> date | None:
    value = text.strip()
    if iso := _ISO_DATE.fullmatch(value):
        year, month, day = iso.groups()
    elif french := _FRENCH_DATE.fullmatch(value):
        day, month, year = french.groups()
    else:
        problems.append(f"date_soins absente ou mal écrite ({DATE_HINT})")
        return None
    try:
        care_date = date(int(year), int(month), int(day))
    except ValueError:
        problems.append(f"date_soins qui n'existe pas ({DATE_HINT})")
        return None
    if care_date > today:
        problems.append("date_soins dans le futur")
        return None
    return care_date


def _cents(text: str, column: str, problems: list[str]) -> int | None:
    try:
        return parse_cents(text)
    except NegativeAmount:
        problems.append(f"{column} négatif")
    except AmountError:
        problems.append(f"{column} absent ou mal écrit ({AMOUNT_HINT})")
    return None


def _printable(name: str) -> str:
    """A column name as it may be echoed on a terminal: no control characters, short."""
    clean = "".join(c if c.isprintable() else "?" for c in name)
    return f"« {clean[:40]} »"
