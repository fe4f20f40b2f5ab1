"""One-time share codes (MyChart "Share Everywhere"): the holder gives a short code to a
professional outside the care team; it works once, within an hour, for one consultation."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.access import AccessError
from espace.actors import Actor
from espace.audit import record
from espace.models import ConsultationConsent, HealthSpace, ShareCode
from espace.policy.access import OPEN_STATUSES
from espace.throttle import Limit, record_failure, reset, state
from espace.web.filters import time_fr

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud without doubt
LENGTH = 8
CODE_LIFETIME = timedelta(hours=1)
CONSULTATION = timedelta(hours=4)
TRIES = Limit(
    "code-partage", max_failures=5, window=timedelta(minutes=15), lock_for=timedelta(minutes=15)
)


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def shown(code: str) -> str:
    """ "ABCD-EFGH": easier to read and to type."""
    return f"{code[:4]}-{code[4:]}"


def _hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"share:{code}".encode(), hashlib.sha256).hexdigest()


def create(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> str:
    if space.status not in OPEN_STATUSES:
        raise AccessError("Votre espace n'est pas ouvert : vous ne pouvez pas encore le partager.")
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    db.add(ShareCode(space_id=space.id, code_hash=_hash(code), created_at=now,
                     expires_at=now + CODE_LIFETIME))  # fmt: skip
    db.flush()
    record(db, actor, "share_code.created", space, now=now)
    return code


def redeem(
    db: Session, actor: Actor, space: HealthSpace, code: str, now: datetime
) -> ConsultationConsent:
    """The professional types the code the patient gave: consent for this consultation."""
    professional = actor.professional
    if professional is None:
        raise AccessError("Seul un professionnel de santé peut utiliser un code de partage.")
    subject = f"{professional.id}"
    if until := state(db, TRIES, subject).lock_end(now):
        raise AccessError(f"Trop de codes erronés. Réessayez après {time_fr(until)}.")
    share = db.scalar(
        select(ShareCode).where(
            ShareCode.code_hash == _hash(normalise(code)),
            ShareCode.space_id == space.id,
            ShareCode.used_at.is_(None),
            ShareCode.expires_at > now,
        )
    )
    if share is None:
        record_failure(db, TRIES, subject, now)
        raise AccessError(
            "Ce code ne fonctionne pas : il est faux, déjà utilisé, ou a plus d'une heure. "
            "Demandez au patient d'en créer un nouveau depuis son espace."
        )
    reset(db, TRIES, subject)
    share.used_at = now
    share.used_by_professional_id = professional.id
    consent = ConsultationConsent(
        space_id=space.id, professional_id=professional.id, granted_at=now,
        expires_at=now + CONSULTATION,
    )  # fmt: skip
    db.add(consent)
    db.flush()
    record(db, actor, "share_code.used", space, now=now)
    return consent
