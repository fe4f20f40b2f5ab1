"""Becoming a persona in one click (demo mode only: no password, no code)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.auth.services import complete_sign_in
from espace.demo.personas import PERSONAS, Persona
from espace.models import Account, Role, SecondFactor

# Where each persona's journey starts (a page that makes sense for their role).
START = {
    Role.HOLDER: "dashboard.index",
    Role.PROFESSIONAL: "pro.index",
    Role.OPERATOR: "desk.index",
    Role.FACILITATOR: "workshop.index",
}


def signable() -> list[Persona]:
    return [persona for persona in PERSONAS if persona.email]


def become(db: Session, key: str, now: datetime) -> tuple[Account, str] | None:
    """Open a session as the persona; None for an unknown key."""
    persona = next((p for p in signable() if p.key == key), None)
    if persona is None:
        return None
    account = db.scalar(select(Account).where(Account.email == persona.email))
    if account is None or not account.is_active:
        return None
    return account, complete_sign_in(db, account, SecondFactor.EMAIL_CODE, now)


def persona_of(account: Account | None) -> str | None:
    if account is None:
        return None
    return next((p.key for p in PERSONAS if p.email == account.email), None)
