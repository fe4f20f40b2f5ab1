"""Profil médical: each read or change of health data adds exactly one history entry.

Also the valid answers of every profile form, and helpers to name Jeanne's items, shared
by the tests of the profile (tests/test_profile_*.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.models import (
    Account,
    Allergy,
    Contact,
    HealthSpace,
    Measurement,
    MeasurementKind,
    MedicalHistory,
    MyProfessional,
    PrivateNote,
    Treatment,
    Vaccination,
)
from tests.completeness import JEANNE, Operation

MODELS = {
    "antecedents": MedicalHistory,
    "allergies": Allergy,
    "traitements": Treatment,
    "vaccinations": Vaccination,
    "entourage": Contact,
}
MARC_RPPS = "10100000045"  # a professional who is in none of Jeanne's lists


def parts(name: str, day: date) -> dict[str, str]:
    """The three boxes of a date field."""
    return {
        f"{name}-jour": str(day.day),
        f"{name}-mois": str(day.month),
        f"{name}-annee": str(day.year),
    }


VALID: dict[str, dict[str, str]] = {
    "antecedents": {
        "kind": "family",
        "label": "Glaucome",
        "relative": "Mère",
        "note": "",
        **parts("since", date(2001, 5, 4)),
    },
    "allergies": {
        "substance": "Ibuprofène",
        "reaction": "Plaques rouges",
        "severity": "moderate",
        **parts("noted_on", date(2019, 2, 1)),
    },
    "traitements": {
        "name": "Paracétamol",
        "dosage": "1 g si douleur",
        "prescriber": "",
        **parts("started_on", date(2024, 1, 10)),
    },
    "vaccinations": {
        "vaccine": "Zona",
        "batch": "ZX1",
        "note": "",
        **parts("given_on", date(2024, 3, 2)),
    },
    "entourage": {
        "kind": "emergency",
        "name": "Paul Martin",
        "relation": "Fils",
        "phone": "06 98 76 54 32",
        "email": "",
    },
    "mesures": {"value": "70,4", "note": "Le matin", **parts("measured_on", date(2024, 6, 1))},
    "tension": {
        "value": "128",
        "second_value": "79",
        "note": "",
        **parts("measured_on", date(2024, 6, 1)),
    },
    "volontes": {
        "advance_directives": "Pas d'acharnement.",
        "organ_donation": "agrees",
        "organ_donation_note": "",
        **parts("directives_written_on", date(2024, 1, 5)),
    },
    "notes": {"title": "Pour la pharmacie", "body": "Renouveler l'ordonnance."},
}


def space_of(db: Session, email: str = JEANNE) -> HealthSpace:
    return db.scalars(
        select(HealthSpace)
        .join(Account, HealthSpace.holder_account_id == Account.id)
        .where(Account.email == email)
    ).one()


def first_id(db: Session, model: type[Any], email: str = JEANNE, **where: Any) -> int:
    """The id of one item of ``model`` in the space of ``email`` (the demo data has some)."""
    space = space_of(db, email)
    query = select(model.id).where(model.space_id == space.id)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    found = db.scalars(query.order_by(model.id)).first()
    assert found is not None, f"no {model.__name__} in the space of {email}"
    return found


def _item_url(section: str, action: str):  # type: ignore[no-untyped-def]
    return lambda db: f"/profil/{section}/{first_id(db, MODELS[section])}/{action}"


def _weight_url(action: str):  # type: ignore[no-untyped-def]
    return lambda db: (
        f"/profil/mesures/{first_id(db, Measurement, kind=MeasurementKind.WEIGHT)}/{action}"
    )


def _kept_url(db: Session) -> str:
    return f"/profil/professionnels/{first_id(db, MyProfessional)}/supprimer"


def _note_url(action: str):  # type: ignore[no-untyped-def]
    return lambda db: f"/profil/notes/{first_id(db, PrivateNote)}/{action}"


OPERATIONS = [
    Operation("profile.index", "profile.viewed", url="/profil"),
    *[
        operation
        for section in MODELS
        for operation in (
            Operation("profile.items", "profile.viewed", url=f"/profil/{section}"),
            Operation(
                "profile.add",
                "profile.item_added",
                "POST",
                f"/profil/{section}/ajouter",
                VALID[section],
            ),
            Operation("profile.edit", "profile.viewed", url=_item_url(section, "modifier")),
            Operation(
                "profile.edit",
                "profile.item_changed",
                "POST",
                _item_url(section, "modifier"),
                VALID[section],
            ),
            Operation("profile.delete", "profile.viewed", url=_item_url(section, "supprimer")),
            Operation(
                "profile.delete", "profile.item_deleted", "POST", _item_url(section, "supprimer")
            ),
        )
    ],
    Operation("profile.measurements", "profile.viewed", url="/profil/mesures"),
    Operation("profile.measurement_series", "profile.viewed", url="/profil/mesures/poids"),
    Operation(
        "profile.measurement_add",
        "profile.item_added",
        "POST",
        "/profil/mesures/poids/ajouter",
        VALID["mesures"],
    ),
    Operation(
        "profile.measurement_add",
        "profile.item_added",
        "POST",
        "/profil/mesures/tension/ajouter",
        VALID["tension"],
    ),
    Operation("profile.measurement_edit", "profile.viewed", url=_weight_url("modifier")),
    Operation(
        "profile.measurement_edit",
        "profile.item_changed",
        "POST",
        _weight_url("modifier"),
        VALID["mesures"],
    ),
    Operation("profile.measurement_delete", "profile.viewed", url=_weight_url("supprimer")),
    Operation(
        "profile.measurement_delete", "profile.item_deleted", "POST", _weight_url("supprimer")
    ),
    Operation("profile.wishes", "profile.viewed", url="/profil/volontes"),
    Operation("profile.wishes_edit", "profile.viewed", url="/profil/volontes/modifier"),
    Operation(
        "profile.wishes_edit",
        "profile.item_changed",
        "POST",
        "/profil/volontes/modifier",
        VALID["volontes"],
    ),
    # Lucas has no volontés yet: the first save creates them.
    Operation(
        "profile.wishes_edit",
        "profile.item_added",
        "POST",
        "/profil/volontes/modifier",
        VALID["volontes"],
        email="lucas.petit@example.org",
    ),
    Operation("profile.professionals", "profile.viewed", url="/profil/professionnels"),
    Operation(
        "profile.professional_add",
        "profile.item_added",
        "POST",
        "/profil/professionnels/ajouter",
        {"rpps": MARC_RPPS},
    ),
    Operation("profile.professional_remove", "profile.viewed", url=_kept_url),
    Operation("profile.professional_remove", "profile.item_deleted", "POST", _kept_url),
    Operation("profile.notes", "notes.viewed", url="/profil/notes"),
    Operation("profile.note_add", "notes.added", "POST", "/profil/notes/ajouter", VALID["notes"]),
    Operation("profile.note_edit", "notes.viewed", url=_note_url("modifier")),
    Operation("profile.note_edit", "notes.changed", "POST", _note_url("modifier"), VALID["notes"]),
    Operation("profile.note_delete", "notes.viewed", url=_note_url("supprimer")),
    Operation("profile.note_delete", "notes.deleted", "POST", _note_url("supprimer")),
]

# These endpoints are also covered above for their other method; their GET shows an empty
# form, which reads no health data and so adds no history entry (tested in
# tests/test_profile_pages.py).
EXEMPT = {
    "profile.add": "GET shows an empty form (its POST is an operation above)",
    "profile.measurement_add": "GET shows an empty form (its POST is an operation above)",
    "profile.professional_add": "GET shows an empty form (its POST is an operation above)",
    "profile.note_add": "GET shows an empty form (its POST is an operation above)",
}
