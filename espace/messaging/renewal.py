"""Asking the GP to renew a prescription, from the prescription itself: a structured
message (kind ``renewal_request``, naming the document) in a thread with the GP — the most
recent open one titled "Renouvellement d'ordonnance", or a new one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.access import AccessError
from espace.actors import Actor
from espace.audit import record
from espace.documents import services as documents
from espace.files.storage import FileStore
from espace.messaging import facts as gathering
from espace.messaging.rules import may_request_renewal
from espace.messaging.services import add_message, tell_professional
from espace.models import (
    Document,
    DocumentCategory,
    HealthSpace,
    MessageKind,
    Professional,
    Side,
    Thread,
)

RENEWAL_SUBJECT = "Renouvellement d'ordonnance"
NOTE_MAX = 1000


def prescription(db: Session, space: HealthSpace, document_id: int) -> Document | None:
    """A prescription of this space the holder can see (anything else: None, a 404)."""
    if not 0 < document_id < 2**63:
        return None
    document = documents.find(db, space, document_id)
    if document is None or document.category != DocumentCategory.PRESCRIPTION:
        return None
    return document


NO_GP = (
    "Vous n'avez pas déclaré de médecin traitant : déclarez-le dans « Confidentialité » "
    "pour lui demander un renouvellement."
)


def refusal(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> str | None:
    """Why asking the GP for a renewal would be refused (None: it would be accepted)."""
    if space.gp is None:
        return NO_GP
    decision = may_request_renewal(gathering.gather(db, actor, space, space.gp, now))
    return None if decision else decision.reason


def renewal_gp(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> Professional | None:
    """The GP to ask, when the rules allow asking (else None: no button is offered)."""
    return space.gp if refusal(db, actor, space, now) is None else None


def request_renewal(
    db: Session,
    store: FileStore,
    actor: Actor,
    space: HealthSpace,
    document: Document,
    note: str,
    now: datetime,
) -> Thread:
    gp = space.gp
    if gp is None:
        raise AccessError(NO_GP)
    facts = gathering.gather(db, actor, space, gp, now)
    decision = may_request_renewal(facts)
    if not decision:
        raise AccessError(decision.reason)
    thread = db.scalar(
        select(Thread)
        .where(
            Thread.space_id == space.id,
            Thread.professional_id == gp.id,
            Thread.subject == RENEWAL_SUBJECT,
            Thread.closed_at.is_(None),
        )
        .order_by(Thread.last_message_at.desc(), Thread.id.desc())
        .limit(1)
    )
    if thread is None:
        thread = Thread(
            space_id=space.id, professional_id=gp.id, subject=RENEWAL_SUBJECT,
            opened_by=Side.HOLDER, created_at=now, last_message_at=now,
        )  # fmt: skip
        db.add(thread)
        db.flush()
    add_message(
        db, store, actor, thread, Side.HOLDER, body=note, upload=None, now=now,
        kind=MessageKind.RENEWAL_REQUEST, document_id=document.id,
    )  # fmt: skip
    entry = record(db, actor, "messages.renewal_requested", space, target_type="thread",
                   target_id=thread.id, now=now)  # fmt: skip
    tell_professional(db, facts, thread, entry, now)
    return thread
