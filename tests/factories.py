"""Build valid objects with as few words as possible: ``make_holder(db, given_name=...)``."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from espace import clock
from espace.auth.passwords import hash_password
from espace.models import Account, HealthSpace, Professional, Role, SpaceStatus
from espace.nir import nir_key

PASSWORD = "Mot-de-passe-de-test-1"
_counter = itertools.count(1)
_nir_counter = itertools.count(1)


def make_nir(sex: int = 1, year: int = 80, month: int = 1, department: str = "31") -> str:
    # A counter, not random: Hypothesis reseeds ``random`` and would repeat values.
    n = next(_nir_counter)
    commune, order = n // 1000 % 1000, n % 1000
    body = f"{sex}{year:02d}{month:02d}{department}{commune:03d}{order:03d}"
    return f"{body}{nir_key(body):02d}"


def make_account(db: Session, role: Role = Role.HOLDER, **overrides: Any) -> Account:
    n = next(_counter)
    values: dict[str, Any] = {
        "email": f"personne{n}@example.org",
        "password_hash": hash_password(overrides.pop("password", PASSWORD), profile="fast"),
        "role": role,
        "display_name": f"Personne {n}",
        "created_at": clock.now(),
    }
    values.update(overrides)
    account = Account(**values)
    db.add(account)
    db.flush()
    return account


def make_holder(db: Session, **overrides: Any) -> HealthSpace:
    account = overrides.pop("holder", None) or make_account(
        db, Role.HOLDER, **overrides.pop("account", {})
    )
    values: dict[str, Any] = {
        "holder": account,
        "nir": make_nir(),
        "given_name": "Camille",
        "family_name": f"Test{next(_counter)}",
        "birth_date": date(1980, 1, 15),
        "department": "31",
        "status": SpaceStatus.ACTIVE,
        "opened_at": clock.now(),
        "activated_at": clock.now(),
        "created_at": clock.now(),
    }
    values.update(overrides)
    space = HealthSpace(**values)
    db.add(space)
    db.flush()
    return space


def make_professional(db: Session, profession_code: str = "10", **overrides: Any) -> Professional:
    n = next(_counter)
    account = overrides.pop("account", None) or make_account(db, Role.PROFESSIONAL)
    values: dict[str, Any] = {
        "rpps": f"{10200000000 + n}",
        "profession_code": profession_code,
        "given_name": "Dominique",
        "family_name": f"Soignant{n}",
        "account": account,
    }
    values.update(overrides)
    professional = Professional(**values)
    db.add(professional)
    db.flush()
    return professional
