"""Matrix rows of the messaging (/messagerie): holders and professionals, never operators
nor facilitators. A URL naming one of Jeanne's threads with Amina Diallo (the demo's, with
a PDF attached) opens for Jeanne and Amina only; a prescription, for Jeanne only."""

from sqlalchemy import select

from espace.models import (
    Document,
    DocumentCategory,
    HealthSpace,
    Message,
    MessageAttachment,
    Professional,
    Thread,
)
from tests.matrix import JEANNE_ONLY, PROFESSIONAL_ROLES
from tests.matrix.privacy import AMINA_RPPS, JEANNE_NIR
from tests.matrix.record import HOLDERS_AND_PROFESSIONALS

JEANNE_AND_AMINA = {**JEANNE_ONLY, **dict.fromkeys(PROFESSIONAL_ROLES, 404), "nurse": 200}
AMINA_ONLY = {**JEANNE_AND_AMINA, "holder": 404}


def amina_thread(db) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(
        select(Thread.id)
        .join(Professional, Professional.id == Thread.professional_id)
        .join(HealthSpace, HealthSpace.id == Thread.space_id)
        .where(Professional.rpps == AMINA_RPPS, HealthSpace.nir == JEANNE_NIR)
        .order_by(Thread.id)
    )


def amina_attachment(db) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(
        select(MessageAttachment.id)
        .join(Message, Message.id == MessageAttachment.message_id)
        .where(Message.thread_id == amina_thread(db))
    )


def jeanne_prescription(db) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(
        select(Document.id)
        .join(HealthSpace, HealthSpace.id == Document.space_id)
        .where(HealthSpace.nir == JEANNE_NIR, Document.category == DocumentCategory.PRESCRIPTION)
        .order_by(Document.id)
    )


ROWS = {
    ("messaging.inbox", "GET"): HOLDERS_AND_PROFESSIONALS,
    ("messaging.unread", "GET"): HOLDERS_AND_PROFESSIONALS,
    ("messaging.find", "GET"): HOLDERS_AND_PROFESSIONALS,
    ("messaging.new", "GET"): HOLDERS_AND_PROFESSIONALS,
    ("messaging.thread", "GET"): JEANNE_AND_AMINA,
    ("messaging.close", "GET"): AMINA_ONLY,  # only the thread's professional closes it
    ("messaging.attachment", "GET"): JEANNE_AND_AMINA,
    ("messaging.renew", "GET"): JEANNE_ONLY,
}
URLS = {
    "messaging.find": lambda db: "/messagerie/recherche",
    "messaging.thread": lambda db: f"/messagerie/{amina_thread(db)}",
    "messaging.close": lambda db: f"/messagerie/{amina_thread(db)}/clore",
    "messaging.attachment": lambda db: f"/messagerie/pieces-jointes/{amina_attachment(db)}/fichier",
    "messaging.renew": lambda db: f"/messagerie/renouvellement/{jeanne_prescription(db)}",
}
# Tested in tests/test_messaging_*.py, IDOR included (tests/test_messaging_security.py).
POST_ONLY = {"messaging.reply", "messaging.save"}
