"""Health-data operations of the professional's side (/pro): each adds exactly one entry
to the patient's history, and tells the holder when DOMAIN.md asks for it."""

from __future__ import annotations

import io
from datetime import timedelta

from espace import clock
from espace.models import ConsultationConsent
from tests.completeness import Operation
from tests.matrix.pro import (
    GP,
    JEANNE_BIRTH,
    JEANNE_NIR,
    PHYSIO,
    document_id,
    professional,
    search_form,
    space_id,
)
from tests.upload_samples import PDF


def _jeanne(path: str = ""):  # type: ignore[no-untyped-def]
    return lambda db: f"/pro/patients/{space_id(db)}{path}"


def _document(path: str = ""):  # type: ignore[no-untyped-def]
    return lambda db: f"/pro/patients/{space_id(db)}/documents/{document_id(db)}{path}"


def _held_result(db) -> str:  # type: ignore[no-untyped-def]
    held = document_id(db, held=True)
    return f"/pro/patients/{space_id(db)}/documents/{held}/liberer"


def _physio_with_consent(db) -> str:  # type: ignore[no-untyped-def]
    """Marc Roux, outside Jeanne's care team, with her consent for this consultation."""
    marc, now = professional(db, "Roux"), clock.now()
    db.add(ConsultationConsent(space_id=space_id(db), professional_id=marc.id, granted_at=now,
                               expires_at=now + timedelta(hours=4)))  # fmt: skip
    db.commit()
    return f"/pro/patients/{space_id(db)}/prise-en-charge"


def _deposit(held: bool):  # type: ignore[no-untyped-def]
    def form() -> dict:
        return {
            "title": "Compte rendu de consultation",
            "category": "compte_rendu",
            "document_date-jour": "3",
            "document_date-mois": "10",
            "document_date-annee": "2025",
            "file": (io.BytesIO(PDF), "compte-rendu.pdf"),
            **({"held": "y"} if held else {}),
        }

    return form


OPERATIONS = [
    Operation("pro.search", "patient.found", method="POST", url="/pro/recherche",
              data=search_form(JEANNE_NIR, JEANNE_BIRTH), email=GP),
    Operation("pro.patient", "document.listed", url=_jeanne(), email=GP,
              notifies="professional_access"),
    Operation("pro.patient", "document.listed", url=lambda db: _jeanne()(db) + "?page=2",
              email=GP, notifies="professional_access"),
    Operation("pro.document", "document.viewed", url=_document(), email=GP,
              notifies="professional_access"),
    Operation("pro.file", "document.downloaded", url=_document("/fichier"), email=GP,
              notifies="professional_access"),
    Operation("pro.file", "document.downloaded", url=_document("/fichier?telecharger=1"),
              email=GP, notifies="professional_access"),
    Operation("pro.profile", "profile.viewed", url=_jeanne("/profil"), email=GP,
              notifies="professional_access"),
    Operation("pro.deposit", "document.added", method="POST", url=_jeanne("/deposer"),
              files=_deposit(held=False), email=GP, notifies="document_added"),
    Operation("pro.deposit", "document.added", method="POST", url=_jeanne("/deposer"),
              files=_deposit(held=True), email=GP),
    Operation("pro.release", "document.released", method="POST", url=_held_result, email=GP,
              notifies="document_added"),
    Operation("pro.care_episode", "care_team.joined", method="POST", url=_physio_with_consent,
              email=PHYSIO, notifies="care_team_joined"),
]  # fmt: skip

EXEMPT = {
    "pro.index": "lists the professional's own care-team patients: no health data of a space",
    "pro.deposit": "the GET form shows only the patient's name (the POST is an operation)",
    "pro.care_episode": "the GET confirmation shows only the patient's name",
    "pro.emergency_start": "the reason is asked; nothing is read until the second step",
    "pro.emergency_resend": "sends a new second-factor code; reads no health data",
    # These two need what only the running app can make (a share code HMAC'd with its key,
    # a second-factor check in the session): tests/test_pro_care_team.py and
    # tests/test_pro_emergency.py check that each adds exactly one history entry.
    "pro.share_code": "share_code.used: one entry, checked in tests/test_pro_care_team.py",
    "pro.emergency_confirm": "emergency.started: one entry, checked in tests/test_pro_emergency.py",
}
