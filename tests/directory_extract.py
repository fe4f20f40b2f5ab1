"""Lines of the national extract for the directory's tests, in the real format: the
header is the sample's (espace/reference/), every line has its trailing "|"."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.models import Professional

SAMPLE = (
    Path(__file__).resolve().parent.parent / "espace/reference/rpps-sample-personne-activite.txt"
)
HEADER = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[0]
COLUMNS = HEADER.rstrip("|").split("|")
SAMPLE_LINES = SAMPLE.read_text(encoding="utf-8").splitlines()[1:]
SAMPLE_PROFESSIONALS = len({line.split("|")[1] for line in SAMPLE_LINES})
# Someone who practises at two sites (Toulouse and Saint-Nazaire) in the sample.
MAILLARD = "10019793247"


def line(identifier: str, family: str, given: str = "", *, kind: str = "8",
         profession: str = "10", profession_label: str = "Médecin", specialty: str = "",
         specialty_label: str = "", title: str = "", structure: str = "", number: str = "1",
         street: str = "RUE DES TESTS", town: str = "TOULOUSE", postcode: str = "31000",
         department: str = "31", department_label: str = "Haute-Garonne", phone: str = "",
         email: str = "", **other: str) -> str:  # fmt: skip
    values = dict.fromkeys(COLUMNS, "")
    values.update({
        "Type d'identifiant PP": kind, "Identifiant PP": identifier,
        "Identification nationale PP": kind + identifier, "Code civilité d'exercice": title,
        "Nom d'exercice": family, "Prénom d'exercice": given, "Code profession": profession,
        "Libellé profession": profession_label, "Code savoir-faire": specialty,
        "Libellé savoir-faire": specialty_label, "Raison sociale site": structure,
        "Numéro Voie (coord. structure)": number,
        "Libellé type de voie (coord. structure)": "Rue" if street else "",
        "Libellé Voie (coord. structure)": street,
        "Code postal (coord. structure)": postcode, "Libellé commune (coord. structure)": town,
        "Téléphone (coord. structure)": phone, "Adresse e-mail (coord. structure)": email,
        "Code Département (structure)": department,
        "Libellé Département (structure)": department_label,
        **other,
    })  # fmt: skip
    return "|".join(values[name] for name in COLUMNS) + "|"


def rpps(n: int) -> str:
    """An 11-digit identifier that the sample does not use."""
    return f"{20000000000 + n}"


def write_extract(path: Path, lines: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def run_import(app, path: Path):  # type: ignore[no-untyped-def]
    return app.test_cli_runner().invoke(args=["annuaire", "import", str(path)])


def by_rpps(db: Session, identifier: str) -> Professional:
    return db.scalars(select(Professional).where(Professional.rpps == identifier)).one()
