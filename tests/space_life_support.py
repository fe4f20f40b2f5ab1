"""Helpers of the enrolment, opposition, activation, opening, DMP and desk tests."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from espace import clock
from espace.lifecycle.enrolment_file import COLUMNS
from espace.models import HealthSpace
from espace.nir import nir_key
from tests.support import Outbox

HEADER = ";".join(COLUMNS)
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday morning, outside summer time
OPERATOR = "agent.cpam@example.org"
KARIM_NIR = "188014410904575"
JEANNE_NIR = "254033155512362"
_order = itertools.count(500)
CODE_IN_EMAIL = re.compile(r"Votre code d'activation : ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2})")
TOKENS = re.compile(
    r'(name="csrf_token" value="|<meta name="csrf-token" content="|nonce="|'
    r"/static/[^\"']*?\.)[^\"']*"
)


def new_nir(year: int = 54, month: int = 3, department: str = "31", sex: int = 2) -> str:
    n = next(_order)
    body = f"{sex}{year:02d}{month:02d}{department}{n // 1000 % 1000:03d}{n % 1000:03d}"
    return f"{body}{nir_key(body):02d}"


def line(
    nir: str,
    *,
    family_name: str = "Durand",
    given_name: str = "Colette",
    birth: str = "1954-03-09",
    email: str = "",
    address: str = "",
    postcode: str = "",
    town: str = "",
    department: str = "31",
    parent: str = "",
) -> str:
    if not email and not address:
        address, postcode, town = "5 rue des Lilas", "31000", "Toulouse"
    fields = [nir, family_name, given_name, birth, email, address, postcode, town, department]
    return ";".join([*fields, parent])


def write_file(folder: Path, *lines: str, header: str = HEADER, name: str = "assures.csv") -> Path:
    path = folder / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def enrol(app: Flask, path: Path, at: datetime = T0) -> Any:
    with clock.frozen_at(at):
        return app.test_cli_runner().invoke(args=["enrolment", "import", str(path)])


def run_jobs(app: Flask, at: datetime) -> str:
    with clock.frozen_at(at):
        result = app.test_cli_runner().invoke(args=["jobs", "run"])
    assert result.exit_code == 0, result.output
    return result.output


def space(db: Session, nir: str) -> HealthSpace:
    db.reload()  # type: ignore[attr-defined]
    return db.scalars(select(HealthSpace).where(HealthSpace.nir == nir)).one()


def code_from(outbox: Outbox, address: str) -> str:
    for message in reversed(outbox.to(address)):
        if match := CODE_IN_EMAIL.search(message.get_content()):
            return match.group(1)
    raise AssertionError(f"no activation code e-mailed to {address}")


def birth_parts(value: date, prefix: str = "birth_date") -> dict[str, str]:
    return {
        f"{prefix}-jour": str(value.day),
        f"{prefix}-mois": str(value.month),
        f"{prefix}-annee": str(value.year),
    }


def identity(nir: str, born: date) -> dict[str, str]:
    return {"nir": nir, **birth_parts(born)}


def without_tokens(html: str) -> str:
    """The page with what changes at every response removed (CSRF token, nonce)."""
    return TOKENS.sub(r"\1", html)
