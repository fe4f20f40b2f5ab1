"""Matrix rows of the record: documents, history of activity, notifications."""

from sqlalchemy import select

from espace.models import AuthorKind, Document, HealthSpace
from tests.matrix import HOLDERS_ONLY, JEANNE_ONLY, PROFESSIONAL_ROLES

HOLDERS_AND_PROFESSIONALS = {**HOLDERS_ONLY, **dict.fromkeys(PROFESSIONAL_ROLES, 200)}

JEANNE_NIR = "254033155512362"


def jeanne_document(db, **criteria) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(
        select(Document.id)
        .join(HealthSpace, HealthSpace.id == Document.space_id)
        .where(
            HealthSpace.nir == JEANNE_NIR, *(getattr(Document, k) == v for k, v in criteria.items())
        )
        .order_by(Document.id)
    )


ROWS = {
    ("documents.index", "GET"): HOLDERS_ONLY,
    ("documents.upload", "GET"): HOLDERS_ONLY,
    ("documents.detail", "GET"): JEANNE_ONLY,
    ("documents.file", "GET"): JEANNE_ONLY,
    ("documents.delete", "GET"): JEANNE_ONLY,
    ("activity.index", "GET"): HOLDERS_ONLY,
    ("notifications.index", "GET"): HOLDERS_AND_PROFESSIONALS,
    ("notifications.preferences", "GET"): HOLDERS_AND_PROFESSIONALS,
}
URLS = {
    "documents.detail": lambda db: f"/documents/{jeanne_document(db)}",
    "documents.file": lambda db: f"/documents/{jeanne_document(db)}/fichier",
    "documents.delete": lambda db: (
        f"/documents/{jeanne_document(db, author_kind=AuthorKind.HOLDER)}/supprimer"
    ),
}
# A minor keeping a document from their parents: tests/test_representatives.py.
POST_ONLY = {"notifications.mark_read", "notifications.mark_all_read", "documents.confidential"}
