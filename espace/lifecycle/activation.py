"""Activation (DOMAIN.md, "Activation"): once the code, NIR and date of birth are proved,
the person chooses an e-mail address and a password, then confirms the address with a
6-digit code sent to it; the space becomes ``active`` with its new account.

The account is created at the password step, disabled, and linked to nothing: it cannot
sign in, and becomes the holder's account only when the e-mailed code proves the address.
An abandoned one is released after an hour if its address is wanted again. A space may be
activated during the opposition window too: the person has chosen to keep it, so it opens.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from espace import mail
from espace.actors import Actor
from espace.audit import record
from espace.auth.passwords import hash_password
from espace.auth.sessions import token_id
from espace.lifecycle.identity import Proved
from espace.lifecycle.parents import children_of, grant_parents
from espace.models import (
    Account,
    AccountStatus,
    ActivationCode,
    AuditEntry,
    HealthSpace,
    Representation,
    Role,
    SecondFactor,
    SignInAttempt,
    SpaceStatus,
)
from espace.throttle import Limit, record_failure, state
from espace.web.filters import time_fr

ACTIVABLE = {SpaceStatus.NOTIFIED, SpaceStatus.OPEN}
CONFIRMATION_LIFETIME = timedelta(minutes=15)
MAX_TRIES = 5
MAX_CODES = 3
PENDING_LIFETIME = timedelta(hours=1)
CONFIRM_LIMIT = Limit(
    "activation-confirmation",
    max_failures=10,
    window=timedelta(hours=1),
    lock_for=timedelta(hours=1),
)


class ConfirmationRefused(Exception):
    def __init__(self, message: str, over: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.over = over  # the attempt cannot succeed any more: choose the address again


def email_taken(db: Session, email: str, pending_id: int | None, now: datetime) -> bool:
    """Whether another account uses the address (an abandoned activation's is released)."""
    account = db.scalar(select(Account).where(Account.email == email.strip().lower()))
    if account is None or account.id == pending_id:
        return False
    if _is_abandoned(db, account, now):
        db.delete(account)
        db.flush()
        return False
    return True


def _is_abandoned(db: Session, account: Account, now: datetime) -> bool:
    """A pending account of an activation left unfinished for an hour: disabled, never
    linked to a space, never represented anyone, never did anything."""
    if account.status != AccountStatus.DISABLED or account.role != Role.HOLDER:
        return False
    if account.created_at > now - PENDING_LIFETIME:
        return False
    used = db.scalar(
        select(
            exists().where(HealthSpace.holder_account_id == account.id)
            | exists().where(Representation.account_id == account.id)
            | exists().where(AuditEntry.actor_account_id == account.id)
        )
    )
    return not used


def choose_email(
    db: Session, space: HealthSpace, email: str, pending_id: int | None, now: datetime
) -> int:
    """Create (or update) the pending account with this address; its id. The caller has
    checked ``email_taken``."""
    account = db.get(Account, pending_id) if pending_id else None
    if account is None or account.status != AccountStatus.DISABLED:
        # No password yet: an empty hash never verifies, and the account is disabled.
        account = Account(
            email=email,
            password_hash="",
            role=Role.HOLDER,
            status=AccountStatus.DISABLED,
            display_name=space.full_name,
            created_at=now,
        )
        db.add(account)
    account.email = email.strip().lower()
    db.flush()
    return account.id


def pending_email(db: Session, pending_id: int | None) -> str | None:
    account = db.get(Account, pending_id) if pending_id else None
    if account is None or account.status != AccountStatus.DISABLED:
        return None
    return account.email


def choose_password(db: Session, pending_id: int, password: str, now: datetime) -> str:
    """Set the password and e-mail the first confirmation code; the attempt's token."""
    account = db.get(Account, pending_id)
    if account is None or account.status != AccountStatus.DISABLED:
        raise ConfirmationRefused(
            "Votre activation a été interrompue. Saisissez de nouveau votre adresse e-mail.",
            over=True,
        )
    account.password_hash = hash_password(password)
    token = secrets.token_urlsafe(32)
    attempt = SignInAttempt(
        id=token_id(token),
        account=account,
        factor=SecondFactor.EMAIL_CODE,
        created_at=now,
        expires_at=now + CONFIRMATION_LIFETIME,
        failed_tries=0,
        codes_sent=0,
    )
    db.add(attempt)
    _send(db, attempt, now)
    db.flush()
    return token


def resend(db: Session, token: str, now: datetime) -> None:
    attempt = _attempt(db, token, now)
    if attempt.codes_sent >= MAX_CODES:
        raise ConfirmationRefused(
            "Vous avez déjà demandé 3 codes. Utilisez le dernier reçu (regardez aussi dans "
            "les courriers indésirables), ou recommencez en saisissant votre adresse e-mail."
        )
    _send(db, attempt, now)


def confirm(db: Session, proved: Proved, token: str, code: str, now: datetime) -> Account:
    """The account, active and holder of the space, when the e-mailed code is right."""
    if until := state(db, CONFIRM_LIMIT, str(proved.space.id)).lock_end(now):
        raise ConfirmationRefused(_locked(until), over=True)
    attempt = _attempt(db, token, now)
    if not hmac.compare_digest(attempt.code_hash or "", _hash(attempt.id, code)):
        attempt.failed_tries += 1
        locked = record_failure(db, CONFIRM_LIMIT, str(proved.space.id), now).lock_end(now)
        if locked:
            attempt.finished_at = now
            raise ConfirmationRefused(_locked(locked), over=True)
        if attempt.failed_tries >= MAX_TRIES:
            attempt.finished_at = now
            raise ConfirmationRefused(
                "Le code a été saisi 5 fois sans succès : il n'est plus valable. Saisissez "
                "de nouveau votre adresse e-mail pour recevoir un nouveau code.",
                over=True,
            )
        left = MAX_TRIES - attempt.failed_tries
        raise ConfirmationRefused(
            f"Ce code est incorrect. Recopiez les 6 chiffres de l'e-mail « Espace santé : "
            f"confirmez votre adresse » (encore {left} essai{'s' if left > 1 else ''})."
        )
    attempt.finished_at = now
    activate(db, proved, attempt.account, now)
    return attempt.account


def activate(db: Session, proved: Proved, account: Account, now: datetime) -> None:
    space, code = proved.space, proved.code
    if space.holder_account_id is not None and space.holder_account_id != account.id:
        raise ConfirmationRefused(
            "Cet espace est déjà activé : connectez-vous avec son adresse e-mail.", over=True
        )
    account.status = AccountStatus.ACTIVE
    account.display_name = space.full_name
    actor = Actor.for_account(db, account)
    space.holder_account_id = account.id
    if space.status == SpaceStatus.NOTIFIED:
        space.opened_at = now  # kept during the window: the person chose to keep it
        record(db, actor, "space.opened", space, now=now)
    space.status = SpaceStatus.ACTIVE
    space.activated_at = now
    # The notice's addresses are no longer needed: the account has its own.
    space.email_on_file = space.address_line = space.postcode = space.town = None
    code.used_at = now
    db.execute(
        delete(ActivationCode).where(
            ActivationCode.space_id == space.id, ActivationCode.used_at.is_(None)
        )
    )
    db.flush()
    record(db, actor, "space.activated", space, now=now)
    grant_parents(db, children_of(db, space), now)


def _attempt(db: Session, token: str, now: datetime) -> SignInAttempt:
    attempt = db.get(SignInAttempt, token_id(token)) if token else None
    if (
        attempt is None
        or attempt.finished_at is not None
        or attempt.expires_at <= now
        or attempt.failed_tries >= MAX_TRIES
    ):
        raise ConfirmationRefused(
            "Ce code n'est plus valable (il dure 15 minutes). Saisissez de nouveau votre "
            "adresse e-mail pour recevoir un nouveau code.",
            over=True,
        )
    return attempt


def _hash(attempt_id: str, code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"confirm:{attempt_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _send(db: Session, attempt: SignInAttempt, now: datetime) -> None:
    code = f"{secrets.randbelow(1_000_000):06d}"
    attempt.code_hash = _hash(attempt.id, code)
    attempt.codes_sent += 1
    attempt.expires_at = now + CONFIRMATION_LIFETIME
    mail.send_on_commit(
        db,
        mail.Email(
            to=attempt.account.email,
            subject="Espace santé : confirmez votre adresse",
            body=(
                f"Bonjour,\n\nPour terminer l'activation de votre espace santé, saisissez ce "
                f"code : {code}\n\nIl est valable 15 minutes, jusqu'à "
                f"{time_fr(attempt.expires_at)}, et ne sert qu'une fois.\n\n"
                "Si vous n'êtes pas en train d'activer votre espace santé, ne donnez ce code "
                "à personne : sans lui, rien ne change."
            ),
        ),
    )


def _locked(until: datetime) -> str:
    return (
        "Trop de codes incorrects. Par sécurité, l'activation est bloquée jusqu'à "
        f"{time_fr(until)}. Réessayez ensuite."
    )
