"""Activation codes: drawn from a CSPRNG, shown once (e-mail or printed letter), kept as an
HMAC only, single use, valid 90 days.

10 characters from an alphabet without the look-alikes 0/O and 1/I/L (31 symbols, about
49 bits), written in groups for reading aloud: ``ABCD-EFGH-JK``. People may type them in
lower case, with or without spaces and dashes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from espace.models import ActivationCode, HealthSpace

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 10
GROUPS = (4, 4, 2)
CODE_LIFETIME = timedelta(days=90)
FORMAT_EXAMPLE = "ABCD-EFGH-JK"


def normalize_code(raw: str | None) -> str:
    """Upper case, without spaces or dashes."""
    return "".join(ch for ch in (raw or "").upper() if ch not in " -.\t")


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def format_problem(raw: str | None) -> str | None:
    """What is wrong with the typed code, in French, or None when it has the right shape."""
    code = normalize_code(raw)
    if not code:
        return (
            "Saisissez le code d'activation : 10 lettres et chiffres, "
            f"par exemple {FORMAT_EXAMPLE}."
        )
    if len(code) != LENGTH:
        return (
            f"Le code d'activation compte 10 lettres et chiffres (vous en avez saisi "
            f"{len(code)}). Recopiez-le tel qu'il est écrit, par exemple {FORMAT_EXAMPLE}."
        )
    if any(ch in "01IOL" for ch in code):
        return (
            "Le code ne contient jamais les chiffres 0 et 1 ni les lettres I, L et O, pour "
            "éviter les confusions : vérifiez les caractères qui leur ressemblent."
        )
    if not is_well_formed(code):
        return f"Le code ne contient que des lettres et des chiffres, par exemple {FORMAT_EXAMPLE}."
    return None


def grouped(code: str) -> str:
    parts, start = [], 0
    for size in GROUPS:
        parts.append(code[start : start + size])
        start += size
    return "-".join(parts)


def spelled(code: str) -> str:
    """For screen readers: each character on its own, groups separated by a pause."""
    return ", ".join(" ".join(group) for group in grouped(code).split("-"))


def code_hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"activation:{normalize_code(code)}".encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def draw_code(db: Session, space: HealthSpace, now: datetime, fresh: bool = False) -> str:
    """A fresh code for the space; every earlier unused code stops working (``fresh``: the
    space is new and has none, the bulk import skips looking)."""
    if not fresh:
        db.execute(
            delete(ActivationCode).where(
                ActivationCode.space_id == space.id, ActivationCode.used_at.is_(None)
            )
        )
    code = new_code()
    db.add(
        ActivationCode(
            space_id=space.id,
            code_hash=code_hash(code),
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    )
    return code


def find_valid_code(db: Session, hashed: str | None, now: datetime) -> ActivationCode | None:
    """The code with this hash if it is unused and unexpired, else None."""
    if not hashed:
        return None
    found = db.scalar(select(ActivationCode).where(ActivationCode.code_hash == hashed))
    if found is None or found.used_at is not None or found.expires_at <= now:
        return None
    return found
