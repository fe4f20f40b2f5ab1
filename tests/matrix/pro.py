"""Matrix rows of the professional's side (/pro), facing Jeanne Martin's space, and the
helpers the /pro tests share (a NIR never goes in a URL: finding a patient is a POST)."""

from __future__ import annotations

from sqlalchemy import select

from espace.models import Document, DocumentCategory, HealthSpace, Professional
from tests.matrix import PROFESSIONALS_ONLY, ROLES

JEANNE_NIR = "254033155512362"
JEANNE_BIRTH = ("12", "3", "1954")
KARIM_NIR = "188014410904575"
KARIM_BIRTH = ("20", "1", "1988")

GP = "sophie.durand@example.org"
PHARMACIST = "paul.leroy@example.org"
NURSE = "amina.diallo@example.org"
SAMU = "urgence.samu@example.org"
PHYSIO = "marc.roux@example.org"  # in Karim's care team, not in Jeanne's


def space_id(db, nir: str = JEANNE_NIR) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(select(HealthSpace.id).where(HealthSpace.nir == nir))


def professional(db, family_name: str) -> Professional:  # type: ignore[no-untyped-def]
    return db.scalars(select(Professional).where(Professional.family_name == family_name)).one()


def document_id(db, nir: str = JEANNE_NIR, **criteria) -> int:  # type: ignore[no-untyped-def]
    """A document of the space (by default Jeanne's first prescription, which every
    profession of her care team may read)."""
    criteria = criteria or {"category": DocumentCategory.PRESCRIPTION, "masked": False}
    return db.scalar(
        select(Document.id)
        .join(HealthSpace, HealthSpace.id == Document.space_id)
        .where(HealthSpace.nir == nir, *(getattr(Document, k) == v for k, v in criteria.items()))
        .order_by(Document.id)
    )


def search_form(nir: str, birth: tuple[str, str, str]) -> dict[str, str]:
    day, month, year = birth
    return {
        "nir": nir,
        "birth_date-jour": day,
        "birth_date-mois": month,
        "birth_date-annee": year,
    }


def find(client, nir: str = JEANNE_NIR, birth: tuple[str, str, str] = JEANNE_BIRTH):  # type: ignore[no-untyped-def]
    """Find a patient as a professional does: the form of /pro, posted."""
    client.get("/pro")
    return client.post_form("/pro/recherche", search_form(nir, birth))


def _jeanne(path: str = ""):  # type: ignore[no-untyped-def]
    return lambda db: f"/pro/patients/{space_id(db)}{path}"


def _document(path: str = ""):  # type: ignore[no-untyped-def]
    return lambda db: f"/pro/patients/{space_id(db)}/documents/{document_id(db)}{path}"


# Roles face Jeanne's space: her GP and her care team get in; the SAMU doctor (no access,
# and no search in this session) and the professional she blocked get the missing page.
IN_JEANNES_SPACE = {**PROFESSIONALS_ONLY, "emergency_doctor": 404, "blocked": 404}
# The second step of emergency access without a first step: back to the first (302).
CONFIRM = {**IN_JEANNES_SPACE, "gp": 302, "pharmacist": 302, "nurse": 302}
assert set(IN_JEANNES_SPACE) == set(ROLES)

ROWS = {
    ("pro.index", "GET"): PROFESSIONALS_ONLY,
    ("pro.patient", "GET"): IN_JEANNES_SPACE,
    ("pro.document", "GET"): IN_JEANNES_SPACE,
    ("pro.file", "GET"): IN_JEANNES_SPACE,
    ("pro.profile", "GET"): IN_JEANNES_SPACE,
    ("pro.deposit", "GET"): IN_JEANNES_SPACE,
    ("pro.care_episode", "GET"): IN_JEANNES_SPACE,
    ("pro.emergency_start", "GET"): IN_JEANNES_SPACE,
    ("pro.emergency_confirm", "GET"): CONFIRM,
}
URLS = {
    "pro.patient": _jeanne(),
    "pro.document": _document(),
    "pro.file": _document("/fichier"),
    "pro.profile": _jeanne("/profil"),
    "pro.deposit": _jeanne("/deposer"),
    "pro.care_episode": _jeanne("/prise-en-charge"),
    "pro.emergency_start": _jeanne("/urgence"),
    "pro.emergency_confirm": _jeanne("/urgence/confirmer"),
}
POST_ONLY = {"pro.search", "pro.share_code", "pro.release", "pro.emergency_resend"}
