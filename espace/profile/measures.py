"""Kinds of measurement: their French names, units and plausible ranges.

A range is there to catch typing slips (7,25 kg for 72,5 kg), not to judge health: it is
wide, and the message says it, with the unit (RGAA 11.10).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from espace.models import Measurement, MeasurementKind

MAX_DECIMALS = 2
NUMBER = re.compile(r"^\d{1,6}(?:[.,]\d+)?$", re.ASCII)


@dataclass(frozen=True)
class Bound:
    """One number of a measurement: what it is called in a sentence, and its range."""

    what: str  # "Le poids", subject of a sentence
    agreed: str  # "compris" or "comprise", agreeing with ``what``
    low: Decimal
    high: Decimal
    label: str  # the label of the field: "Poids (en kg)"
    example: str  # "72,5"

    @property
    def object(self) -> str:
        """``what`` as the object of a sentence: "Saisissez le poids"."""
        return self.what[0].lower() + self.what[1:]

    def range_text(self, unit: str) -> str:
        return f"entre {number_fr(self.low)} et {number_fr(self.high)} {unit}"


@dataclass(frozen=True)
class KindSpec:
    kind: MeasurementKind
    slug: str  # in the URL: /profil/mesures/poids
    label: str  # "Poids"
    of: str  # "du poids": "Évolution du poids"
    measure_of: str  # "de poids": "Ajouter une mesure de poids"
    unit: str
    first: Bound
    second: Bound | None = None  # blood pressure: the diastolic value

    @property
    def two_values(self) -> bool:
        return self.second is not None

    def show(self, value: float, second: float | None = None) -> str:
        """A value with its unit, the French way: "72,5 kg", "135/82 mmHg"."""
        if second is not None:
            return f"{number_fr(value)}/{number_fr(second)} {self.unit}"
        return f"{number_fr(value)} {self.unit}"

    def show_measurement(self, measurement: Measurement) -> str:
        return self.show(measurement.value, measurement.second_value)


def _bound(what: str, agreed: str, low: str, high: str, label: str, example: str) -> Bound:
    return Bound(what, agreed, Decimal(low), Decimal(high), label, example)


KINDS: tuple[KindSpec, ...] = (
    KindSpec(MeasurementKind.WEIGHT, "poids", "Poids", "du poids", "de poids", "kg",
             _bound("Le poids", "compris", "0.3", "400", "Poids (en kg)", "72,5")),
    KindSpec(MeasurementKind.HEIGHT, "taille", "Taille", "de la taille", "de taille", "cm",
             _bound("La taille", "comprise", "20", "250", "Taille (en cm)", "165")),
    KindSpec(MeasurementKind.BLOOD_PRESSURE, "tension", "Tension artérielle",
             "de la tension artérielle", "de tension", "mmHg",
             _bound("La pression systolique (le chiffre du haut)", "comprise", "50", "260",
                    "Pression systolique, le chiffre du haut (en mmHg)", "135"),
             _bound("La pression diastolique (le chiffre du bas)", "comprise", "30", "160",
                    "Pression diastolique, le chiffre du bas (en mmHg)", "82")),
    KindSpec(MeasurementKind.GLYCAEMIA, "glycemie", "Glycémie", "de la glycémie",
             "de glycémie", "g/L",
             _bound("La glycémie", "comprise", "0.2", "6", "Glycémie (en g/L)", "1,05")),
    KindSpec(MeasurementKind.HEART_RATE, "frequence-cardiaque", "Fréquence cardiaque",
             "de la fréquence cardiaque", "de fréquence cardiaque", "battements par minute",
             _bound("La fréquence cardiaque", "comprise", "20", "250",
                    "Fréquence cardiaque (en battements par minute)", "72")),
    KindSpec(MeasurementKind.TEMPERATURE, "temperature", "Température", "de la température",
             "de température", "°C",
             _bound("La température", "comprise", "30", "45", "Température (en °C)", "37,2")),
)  # fmt: skip

BY_SLUG = {spec.slug: spec for spec in KINDS}
BY_KIND = {spec.kind: spec for spec in KINDS}


def number_fr(value: float | Decimal) -> str:
    """72.5 → "72,5"; 400.0 → "400"; at most two decimals."""
    text = f"{Decimal(str(value)):.{MAX_DECIMALS}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


class BadNumber(ValueError):
    """The message says how to write the number; raised for anything not a plain number."""


def parse_number(text: str, bound: Bound, unit: str) -> Decimal:
    """Read "72,5", "72.5" or "72,5 kg" (decimal comma accepted, the unit may be typed),
    then check the range."""
    what, example = bound.what, bound.example
    cleaned = text.strip().replace("\u00a0", " ")
    if cleaned.lower().endswith(unit.lower()):
        cleaned = cleaned[: -len(unit)].strip()
    if not NUMBER.match(cleaned):
        raise BadNumber(
            f"{what} s'écrit en chiffres, avec une virgule si besoin, par exemple {example} "
            f"(en {unit})."
        )
    decimals = cleaned.replace(",", ".").partition(".")[2]
    if len(decimals) > MAX_DECIMALS:
        raise BadNumber(
            f"{what} s'écrit avec au plus {MAX_DECIMALS} chiffres après la virgule, "
            f"par exemple {example}."
        )
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already refused it
        raise BadNumber(f"{what} s'écrit en chiffres, par exemple {example}.") from None
    if not bound.low <= value <= bound.high:
        raise BadNumber(
            f"{bound.what} doit être {bound.agreed} {bound.range_text(unit)} : vérifiez le "
            f"chiffre saisi ({number_fr(value)} {unit})."
        )
    return value
