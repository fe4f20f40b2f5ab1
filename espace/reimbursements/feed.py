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

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from espace.csvfile import (
    SEPARATOR,
    LineProblem,
    date_field,
    records,
    text_field,
)
from espace.nir import NirError, validate_nir
from espace.reimbursements.amounts import AmountError, NegativeAmount, parse_cents
from espace.reimbursements.care_types import CareType, care_type_of

COLUMNS = ("date_soins", "code_acte", "libelle", "rpps", "montant", "montant_rembourse", "nir")
HEADER = SEPARATOR.join(COLUMNS)
# A minor's confidential care (CSP R1111-50): kept out of what the parents see. Optional.
OPTIONAL_COLUMNS = ("confidentiel",)
YES, NO = {"1", "oui", "o"}, {"", "0", "non", "n"}
MAX_LABEL = 200
MAX_ACT_CODE = 20
DATE_HINT = "écrivez-la AAAA-MM-JJ ou JJ/MM/AAAA, par exemple 2025-03-27"
AMOUNT_HINT = "écrivez des euros, par exemple 23,00 ou 23.00"
_ACT_CODE = re.compile(r"[A-Z0-9]{1,20}")
_RPPS = re.compile(r"[0-9]{11}")


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


def read_feed(stream: TextIO, today: date) -> Iterator[FeedLine | LineProblem]:
    """Each data line of the file, parsed, or the problem that makes it unusable.

    Raises ``HeaderError`` before yielding anything when the header is wrong.
    """
    for record in records(stream, COLUMNS, optional=OPTIONAL_COLUMNS):
        yield record if isinstance(record, LineProblem) else parse_line(*record, today)


def parse_line(number: int, raw: dict[str, str], today: date) -> FeedLine | LineProblem:
    problems: list[str] = []
    care_date = date_field(raw["date_soins"], "date_soins", today, problems, hint=DATE_HINT)
    act_code = raw["code_acte"].strip().upper()
    if not _ACT_CODE.fullmatch(act_code):
        problems.append(
            f"code_acte absent ou invalide ({MAX_ACT_CODE} lettres ou chiffres au plus, "
            "par exemple G ou ZBQK002)"
        )
    # Format characters are kept: a label is shown as text, whatever the insurer wrote.
    label = text_field(raw["libelle"], "libelle", MAX_LABEL, problems, refused=frozenset({"Cc"}))
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


def _cents(text: str, column: str, problems: list[str]) -> int | None:
    try:
        return parse_cents(text)
    except NegativeAmount:
        problems.append(f"{column} négatif")
    except AmountError:
        problems.append(f"{column} absent ou mal écrit ({AMOUNT_HINT})")
    return None
