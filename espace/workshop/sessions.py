"""Workshop sessions: a facilitator creates one; participants join it with a short code."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.models import Account, WorkshopSession
from espace.throttle import Limit
from espace.web.filters import time_fr

CODE_LENGTH = 6
# Ten wrong codes an hour from one address: guessing one of 2^30 codes is out of reach.
JOIN_LIMIT = Limit("atelier-code", max_failures=10, window=timedelta(hours=1),
                   lock_for=timedelta(hours=1))  # fmt: skip
_TRANSLATE = str.maketrans("01", "LI")  # base32 has no 0/1; keep codes easy to read aloud


def join_code(session_id: int) -> str:
    """Derived from the session and the secret key: shown whenever the facilitator needs it,
    and only its HMAC is stored for the lookup."""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"workshop:{session_id}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:CODE_LENGTH]


def _hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"workshop-code:{code}".encode(), hashlib.sha256).hexdigest()


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(_TRANSLATE)


def create(
    db: Session, facilitator: Account, name: str, held_on: date, scenario: str | None, now: datetime
) -> WorkshopSession:
    session = WorkshopSession(
        name=name,
        held_on=held_on,
        scenario=scenario or None,
        join_code_hash="pending",
        facilitator_account_id=facilitator.id,
        created_at=now,
    )
    db.add(session)
    db.flush()
    session.join_code_hash = _hash(join_code(session.id))
    db.flush()
    return session


def find_by_code(db: Session, code: str) -> WorkshopSession | None:
    return db.scalar(
        select(WorkshopSession).where(
            WorkshopSession.join_code_hash == _hash(normalise(code)),
            WorkshopSession.closed_at.is_(None),
        )
    )


def all_sessions(db: Session) -> list[WorkshopSession]:
    return list(
        db.scalars(
            select(WorkshopSession).order_by(
                WorkshopSession.held_on.desc(), WorkshopSession.id.desc()
            )
        )
    )


def too_many_tries(until: datetime | None) -> str:
    return (
        "Trop de codes erronés depuis cet appareil. Réessayez après "
        f"{time_fr(until)}, ou demandez le code à l'animatrice ou à l'animateur."
    )
