"""Matrix rows of the profil médical: holders only; URLs naming Jeanne's items are hers."""

from espace.models import Allergy, Measurement, MyProfessional, PrivateNote
from tests.completeness.profile import first_id
from tests.matrix import HOLDERS_ONLY, JEANNE_ONLY


def _jeanne(model, action):  # type: ignore[no-untyped-def]
    section = {
        Allergy: "allergies",
        Measurement: "mesures",
        PrivateNote: "notes",
        MyProfessional: "professionnels",
    }[model]
    return lambda db: f"/profil/{section}/{first_id(db, model)}/{action}"


URLS = {
    "profile.items": lambda db: "/profil/allergies",
    "profile.add": lambda db: "/profil/allergies/ajouter",
    "profile.edit": _jeanne(Allergy, "modifier"),
    "profile.delete": _jeanne(Allergy, "supprimer"),
    "profile.measurement_series": lambda db: "/profil/mesures/poids",
    "profile.measurement_add": lambda db: "/profil/mesures/poids/ajouter",
    "profile.measurement_edit": _jeanne(Measurement, "modifier"),
    "profile.measurement_delete": _jeanne(Measurement, "supprimer"),
    "profile.professional_remove": _jeanne(MyProfessional, "supprimer"),
    "profile.note_edit": _jeanne(PrivateNote, "modifier"),
    "profile.note_delete": _jeanne(PrivateNote, "supprimer"),
}

ROWS = {
    ("profile.index", "GET"): HOLDERS_ONLY,
    ("profile.items", "GET"): HOLDERS_ONLY,
    ("profile.add", "GET"): HOLDERS_ONLY,
    ("profile.edit", "GET"): JEANNE_ONLY,
    ("profile.delete", "GET"): JEANNE_ONLY,
    ("profile.measurements", "GET"): HOLDERS_ONLY,
    ("profile.measurement_series", "GET"): HOLDERS_ONLY,
    ("profile.measurement_add", "GET"): HOLDERS_ONLY,
    ("profile.measurement_edit", "GET"): JEANNE_ONLY,
    ("profile.measurement_delete", "GET"): JEANNE_ONLY,
    ("profile.wishes", "GET"): HOLDERS_ONLY,
    ("profile.wishes_edit", "GET"): HOLDERS_ONLY,
    ("profile.professionals", "GET"): HOLDERS_ONLY,
    ("profile.professional_add", "GET"): HOLDERS_ONLY,
    ("profile.professional_remove", "GET"): JEANNE_ONLY,
    ("profile.notes", "GET"): HOLDERS_ONLY,
    ("profile.note_add", "GET"): HOLDERS_ONLY,
    ("profile.note_edit", "GET"): JEANNE_ONLY,
    ("profile.note_delete", "GET"): JEANNE_ONLY,
}
