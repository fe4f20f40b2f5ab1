"""The holder's controls: each read of health data and each change adds exactly one
history entry (a change that changes nothing adds none, so each operation here changes
one thing)."""

from espace.models import Document
from tests.completeness import Operation
from tests.matrix.privacy import SAMU_RPPS, professional_id
from tests.matrix.record import jeanne_document


def _document(action: str, masked: bool):  # type: ignore[no-untyped-def]
    return lambda db: f"/confidentialite/documents/{jeanne_document(db, masked=masked)}/{action}"


def _unblock(db) -> str:  # type: ignore[no-untyped-def]
    """Arranges a block of Paul by Jeanne (committed before the count starts)."""
    from espace import clock
    from espace.models import Block

    space = db.get(Document, jeanne_document(db)).space_id
    db.add(Block(space_id=space, professional_id=professional_id(db), created_at=clock.now()))
    db.commit()
    return f"/confidentialite/professionnels/{professional_id(db)}/debloquer"


def _professional(action: str):  # type: ignore[no-untyped-def]
    return lambda db: f"/confidentialite/professionnels/{professional_id(db)}/{action}"


OPERATIONS = [
    Operation("privacy.documents_list", "document.listed", url="/confidentialite/documents"),
    Operation("privacy.documents_list", "document.listed",
              url="/confidentialite/documents?categorie=prescription&page=1"),
    Operation("privacy.mask", "document.masked", method="POST", url=_document("masquer", False)),
    Operation("privacy.unmask", "document.unmasked", method="POST",
              url=_document("demasquer", True)),
    Operation("privacy.mask_all", "mask_all.changed", method="POST",
              url="/confidentialite/tout-masquer", data={"masquer": "oui"}),
    Operation("privacy.professionals", "history.viewed", url="/confidentialite/professionnels"),
    Operation("privacy.block", "block.added", method="POST", url=_professional("bloquer")),
    Operation("privacy.unblock", "block.removed", method="POST", url=_unblock),
    Operation("privacy.remove_member", "care_team.removed", method="POST",
              url=_professional("retirer")),
    Operation("privacy.consents", "consent.changed", method="POST",
              url="/confidentialite/urgence", data={"urgence": "non", "samu": "oui"}),
    Operation("privacy.gp", "profile.viewed", url="/confidentialite/medecin-traitant"),
    Operation("privacy.gp", "gp.declared", method="POST", url="/confidentialite/medecin-traitant",
              data={"rpps": SAMU_RPPS}),
    Operation("privacy.share_code", "share_code.created", method="POST",
              url="/confidentialite/code-de-partage"),
]  # fmt: skip

EXEMPT = {
    "privacy.index": "explanations and the holder's own settings: no document, no name",
    "privacy.consents": "the GET form shows the holder's two settings, not health data",
    "privacy.share_code": "the GET page explains share codes; the POST is an operation",
    "privacy.remove_member": "the GET confirmation only repeats the name of the care-team "
    "member the holder clicked on; no event is declared for it (see the report)",
}
