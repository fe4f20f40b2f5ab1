"""Demo data of the directory: the sample of the national extract, imported by the same
importer as the real file, and a practice site for each persona professional.

The personas are registered by hand, not by an extract: they keep their site whatever
extract is imported later (an import retires only the professionals an import saw). Every
address is invented; the phone numbers are in the ranges ARCEP keeps for fiction.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from espace.demo.seed import Seeded
from espace.directory.importer import import_extract, register_sites

SAMPLE = Path(__file__).resolve().parent.parent / "reference" / "rpps-sample-personne-activite.txt"

# structure, complement, street, distribution, cedex office, postcode, town, département
# code and label, phone, e-mail, mode, sector
PERSONA_SITES = {
    "sophie": ("Cabinet médical des Carmes", "", "12 rue des Filatiers", "", "", "31000", "Toulouse", "31", "Haute-Garonne", "0536490011", "", "Libéral", "Cabinet de groupe"),
    "paul": ("Pharmacie du Canal", "", "4 allée des Demoiselles", "", "", "31400", "Toulouse", "31", "Haute-Garonne", "0536490029", "", "Libéral", "Officine"),
    "amina": ("Cabinet infirmier Saint-Cyprien", "", "8 rue de la République", "", "", "31300", "Toulouse", "31", "Haute-Garonne", "0639980037", "", "Libéral", "Cabinet de groupe"),
    "marc": ("Cabinet de kinésithérapie de l'Erdre", "", "5 quai de Versailles", "", "", "44000", "Nantes", "44", "Loire-Atlantique", "0261910045", "", "Libéral", "Cabinet individuel"),
    "samu": ("Centre de régulation du SAMU 31", "Bâtiment des urgences", "1 avenue de l'Hôpital", "", "", "31059", "Toulouse", "31", "Haute-Garonne", "0536490052", "", "Salarié", "Établissement de santé"),
}  # fmt: skip
SPECIALTY_CODES = {"sophie": "SM54"}  # "Médecine générale", as in the extract


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    with SAMPLE.open(encoding="utf-8-sig", newline=None) as stream:
        import_extract(db, stream, now, source=SAMPLE.name)
    for key, site in PERSONA_SITES.items():
        professional = seeded.professionals[key]
        professional.specialty_code = SPECIALTY_CODES.get(key)
        db.flush()
        register_sites(db, professional, [site])
