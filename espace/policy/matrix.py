"""The matrice d'habilitation: which profession may read which document category.

Loaded from ``reference/habilitations.csv`` (a copy of shared/data/habilitations.csv, a
simplified model of the arrêté of 26 October 2023): it is data, read once at start.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from espace.models import DocumentCategory

SOURCE = Path(__file__).resolve().parent.parent / "reference" / "habilitations.csv"
VOLONTES = "volontes"  # the profile's directives anticipées and organ donation
COLUMNS = {c.value for c in DocumentCategory} | {VOLONTES}


@cache
def load(path: Path = SOURCE) -> dict[str, frozenset[str]]:
    """profession code -> the categories (and ``volontes``) it may read."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = COLUMNS - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path.name}: missing columns {sorted(missing)}")
        return {
            row["profession_code"].strip(): frozenset(
                column for column in COLUMNS if row[column].strip() == "1"
            )
            for row in reader
        }


def may_read(profession_code: str, category: str) -> bool:
    """A profession absent from the matrix reads nothing."""
    return category in load().get(profession_code, frozenset())


def readable(profession_code: str) -> frozenset[str]:
    return load().get(profession_code, frozenset())
