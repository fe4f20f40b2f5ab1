"""Proving who one is with an activation code + NIR + date of birth (opposition and
activation), and the limits that stop anyone guessing.

Every way of failing (wrong code, used or expired code, a code of someone else, a space
that cannot take the step) gives the same ``IdentityRefused``: the caller shows the same
answer, so nothing tells whether a person, a NIR or a code exists. Failures are counted
per NIR and per client address in the database (``espace.throttle``).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from espace.lifecycle.codes import find_valid_code
from espace.models import ActivationCode, HealthSpace, SpaceStatus
from espace.throttle import Limit, record_failure, state
from espace.web.filters import time_fr

BY_NIR = Limit("code-nir", max_failures=5, window=timedelta(hours=1), lock_for=timedelta(hours=1))
BY_ADDRESS = Limit(
    "code-adresse", max_failures=20, window=timedelta(hours=1), lock_for=timedelta(hours=1)
)


class IdentityRefused(Exception):
    """The one answer to every failure."""


class TooManyTries(Exception):
    """Locked after too many failures, until ``until`` (the same for every NIR)."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until)
        self.until = until


@dataclass(frozen=True)
class Proved:
    space: HealthSpace
    code: ActivationCode


def check_not_locked(db: Session, nir: str, client: str, now: datetime) -> None:
    for limit, subject in ((BY_NIR, nir), (BY_ADDRESS, client)):
        if until := state(db, limit, subject).lock_end(now):
            raise TooManyTries(until)


def prove(
    db: Session,
    code_hash: str | None,
    nir: str,
    birth_date: date,
    client: str,
    now: datetime,
    statuses: set[SpaceStatus],
) -> Proved:
    """The space and code when all three match and the space is in one of ``statuses``.

    Raises ``TooManyTries`` (locked) or ``IdentityRefused`` (anything else; counted).
    """
    check_not_locked(db, nir, client, now)
    code = find_valid_code(db, code_hash, now)
    space = db.get(HealthSpace, code.space_id) if code is not None else None
    if (
        code is None
        or space is None
        or not hmac.compare_digest(space.nir, nir)
        or space.birth_date != birth_date
        or space.status not in statuses
    ):
        _count_failure(db, nir, client, now)
        raise IdentityRefused()
    return Proved(space, code)


def still_valid(
    db: Session, space_id: int, code_hash: str, now: datetime, statuses: set[SpaceStatus]
) -> Proved | None:
    """Between the steps of a journey: the proof still holds (the code unused, the space
    still in a fitting status)."""
    code = find_valid_code(db, code_hash, now)
    if code is None or code.space_id != space_id:
        return None
    space = db.get(HealthSpace, space_id)
    if space is None or space.status not in statuses:
        return None
    return Proved(space, code)


def _count_failure(db: Session, nir: str, client: str, now: datetime) -> None:
    locks = [
        record_failure(db, limit, subject, now).lock_end(now)
        for limit, subject in ((BY_NIR, nir), (BY_ADDRESS, client))
    ]
    if until := max((lock for lock in locks if lock is not None), default=None):
        raise TooManyTries(until)


REFUSED_MESSAGE = (
    "Nous ne pouvons pas continuer avec ces informations. Vérifiez le code d'activation, "
    "votre numéro de sécurité sociale et votre date de naissance, tels qu'ils sont écrits "
    "sur le courrier ou l'e-mail reçu. Un code qui a déjà servi, ou qui a plus de 90 jours, "
    "ne marche plus : demandez-en un nouveau."
)


def locked_message(until: datetime) -> str:
    return (
        "Trop d'essais. Par sécurité, cette démarche est bloquée jusqu'à "
        f"{time_fr(until)}. Réessayez ensuite, ou appelez votre caisse d'Assurance maladie."
    )
