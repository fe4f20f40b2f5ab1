"""Health-data operations of the record: documents, history, notifications."""

from sqlalchemy import select

from espace.models import AuthorKind, Notification
from tests.completeness import Operation
from tests.matrix.record import jeanne_document
from tests.upload_samples import PDF


def _document(db) -> str:  # type: ignore[no-untyped-def]
    return f"/documents/{jeanne_document(db)}"


def _own_upload(db) -> str:  # type: ignore[no-untyped-def]
    return f"/documents/{jeanne_document(db, author_kind=AuthorKind.HOLDER)}/supprimer"


def _upload_form() -> dict:
    import io

    return {
        "title": "Résultats de prise de sang",
        "category": "compte_rendu",
        "document_date-jour": "3",
        "document_date-mois": "10",
        "document_date-annee": "2025",
        "file": (io.BytesIO(PDF), "analyse.pdf"),
    }


OPERATIONS = [
    Operation("documents.index", "document.listed", url="/documents"),
    Operation("documents.index", "document.listed", url="/documents?categorie=prescription"),
    Operation("documents.detail", "document.viewed", url=_document),
    Operation("documents.file", "document.downloaded", url=lambda db: _document(db) + "/fichier"),
    Operation(
        "documents.file",
        "document.downloaded",
        url=lambda db: _document(db) + "/fichier?telecharger=1",
    ),
    Operation("documents.upload", "document.added", method="POST", url="/documents/ajouter",
              files=_upload_form),
    Operation("documents.delete", "document.viewed", url=_own_upload),
    Operation("documents.delete", "document.deleted", method="POST", url=_own_upload),
    Operation("activity.index", "history.viewed", url="/activite"),
    Operation("activity.index", "history.viewed", url="/activite?vue=professionnels&periode=tout"),
    Operation("notifications.index", "notifications.viewed", url="/notifications"),
    Operation(
        "notifications.preferences",
        "notifications.settings_changed",
        method="POST",
        url="/notifications/preferences",
        data={"document_added": "y"},
    ),
]  # fmt: skip

EXEMPT = {
    "documents.confidential": "a minor's own choice, not reachable as Jeanne (an adult); its "
    "history line is checked in tests/test_representatives.py",
    "notifications.preferences": "the GET form shows e-mail settings, not health data",
    "notifications.mark_read": "marking a notification read changes no health data",
    "notifications.mark_all_read": "marking notifications read changes no health data",
}


def first_notification(db) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(select(Notification.id).order_by(Notification.id))
