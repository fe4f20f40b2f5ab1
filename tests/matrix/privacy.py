"""Matrix rows of the holder's controls (/confidentialite): holders only; a URL naming one
of Jeanne's professionals is hers alone."""

from sqlalchemy import select

from espace.models import Professional
from tests.matrix import HOLDERS_ONLY, JEANNE_ONLY

PAUL_RPPS = "10100000029"  # Paul Leroy, pharmacien, in Jeanne's care team


def professional_id(db, rpps: str = PAUL_RPPS) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(select(Professional.id).where(Professional.rpps == rpps))


ROWS = {
    ("privacy.index", "GET"): HOLDERS_ONLY,
    ("privacy.documents_list", "GET"): HOLDERS_ONLY,
    ("privacy.professionals", "GET"): HOLDERS_ONLY,
    ("privacy.remove_member", "GET"): JEANNE_ONLY,
    ("privacy.consents", "GET"): HOLDERS_ONLY,
    ("privacy.gp", "GET"): HOLDERS_ONLY,
    ("privacy.share_code", "GET"): HOLDERS_ONLY,
}
URLS = {
    "privacy.remove_member": lambda db: (
        f"/confidentialite/professionnels/{professional_id(db)}/retirer"
    ),
}
# Tested in tests/test_privacy_*.py (state changes, IDOR on every one of them).
POST_ONLY = {
    "privacy.mask",
    "privacy.unmask",
    "privacy.mask_all",
    "privacy.block",
    "privacy.unblock",
}


JEANNE_NIR = "254033155512362"
SOPHIE_RPPS = "10100000011"  # Dr Sophie Durand, Jeanne's GP
AMINA_RPPS = "10100000037"  # Amina Diallo, infirmière, in Jeanne's care team
MARC_RPPS = "10100000045"  # Marc Roux, kiné, in Karim's care team, not in Jeanne's
SAMU_RPPS = "10100000052"  # Dr Nicolas Garnier, médecin, in no care team


def jeanne_space(db):  # type: ignore[no-untyped-def]
    from espace.models import HealthSpace

    return db.scalars(select(HealthSpace).where(HealthSpace.nir == JEANNE_NIR)).one()


def professional(db, rpps: str):  # type: ignore[no-untyped-def]
    return db.scalars(select(Professional).where(Professional.rpps == rpps)).one()
