"""Signing in: password, then a second factor (a code by e-mail, or an authenticator app).

Rules (ASVS 2.2, 2.7, 2.8; issue "Foundation", point 4):
- the e-mailed code comes from a CSPRNG, has 6 digits, is single use, lives 10 minutes,
  belongs to one sign-in attempt and dies after 5 wrong tries;
- 5 wrong passwords for one e-mail address lock it for 15 minutes, counted in the database
  (so the limit holds across workers), and the owner is told by e-mail;
- a known and an unknown address get the same answer after the same work.

Sign-in providers (an authenticator of national identity such as Pro Santé Connect, later)
plug in at ``complete_sign_in``: whoever proved the identity, a session is opened there.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from espace import mail
from espace.actors import Actor
from espace.audit import record
from espace.auth import passwords
from espace.auth.sessions import open_session, token_id
from espace.models import Account, HealthSpace, SecondFactor, SignInAttempt
from espace.throttle import Limit, record_failure, reset, state
from espace.web.filters import datetime_fr, time_fr

PASSWORD_LIMIT = Limit(
    "connexion", max_failures=5, window=timedelta(minutes=15), lock_for=timedelta(minutes=15)
)
CODE_LIFETIME = timedelta(minutes=10)
MAX_CODE_TRIES = 5
MAX_CODES_SENT = 3


class SignInRefused(Exception):
    """Base of the refusals; ``message`` is what the person reads, in French."""

    message = "La connexion a échoué."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        if message:
            self.message = message


class BadCredentials(SignInRefused):
    message = (
        "L'adresse e-mail ou le mot de passe est incorrect. Vérifiez votre saisie "
        "(majuscules comprises) et réessayez."
    )


class TooManyFailures(SignInRefused):
    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(
            "Trop d'essais de mot de passe pour cette adresse. Par sécurité, la connexion "
            f"est bloquée jusqu'à {time_fr(until)}. Réessayez ensuite, ou réinitialisez "
            "votre mot de passe auprès de votre caisse d'Assurance maladie."
        )


class CodeRefused(SignInRefused):
    message = "Ce code est incorrect. Vérifiez les 6 chiffres reçus et réessayez."


class AttemptOver(SignInRefused):
    """The attempt can no longer succeed: start again from the password."""

    message = (
        "Ce code n'est plus valable. Saisissez de nouveau votre adresse e-mail et votre "
        "mot de passe."
    )


def normalize_email(email: str) -> str:
    return email.strip().lower()


def check_password(db: Session, email: str, password: str, now: datetime) -> Account:
    """The account when the password is right; raises BadCredentials or TooManyFailures."""
    email = normalize_email(email)
    account = db.scalar(select(Account).where(Account.email == email))
    # The hash is checked in every case so that the timing never tells whether the
    # address exists, or whether it is locked.
    password_ok = passwords.verify_password(account.password_hash if account else None, password)
    if until := state(db, PASSWORD_LIMIT, email).lock_end(now):
        raise TooManyFailures(until)
    if not password_ok or account is None or not account.is_active:
        after = record_failure(db, PASSWORD_LIMIT, email, now)
        if until := after.lock_end(now):
            if after.just_locked and account is not None:
                _tell_owner_of_lock(db, account, until)
            raise TooManyFailures(until)
        raise BadCredentials()
    reset(db, PASSWORD_LIMIT, email)
    if passwords.needs_rehash(account.password_hash):
        account.password_hash = passwords.hash_password(password)
    return account


def _tell_owner_of_lock(db: Session, account: Account, until: datetime) -> None:
    mail.send_on_commit(
        db,
        mail.Email(
            to=account.email,
            subject="Espace santé : connexion bloquée après plusieurs essais",
            body=(
                "Bonjour,\n\nCinq mots de passe erronés ont été saisis pour votre compte. "
                "Par sécurité, la connexion est bloquée jusqu'au "
                f"{datetime_fr(until)}.\n\n"
                "Si c'était vous, réessayez après cette heure. Si ce n'était pas vous, "
                "personne n'a pu entrer : votre mot de passe n'a pas été trouvé. Vous pouvez "
                "le changer une fois connecté, et activer une application d'authentification."
            ),
        ),
    )


@dataclass(frozen=True)
class StartedAttempt:
    token: str
    factor: SecondFactor


def start_attempt(db: Session, account: Account, now: datetime) -> StartedAttempt:
    """Open the second step; with the e-mail factor, the first code goes out now."""
    token = secrets.token_urlsafe(32)
    factor = SecondFactor.TOTP if account.uses_totp else SecondFactor.EMAIL_CODE
    attempt = SignInAttempt(
        id=token_id(token),
        account=account,
        factor=factor,
        created_at=now,
        expires_at=now + CODE_LIFETIME,
        failed_tries=0,
        codes_sent=0,
    )
    db.add(attempt)
    if factor == SecondFactor.EMAIL_CODE:
        _send_code(db, attempt, now)
    db.flush()
    return StartedAttempt(token, factor)


def _code_hash(attempt_id: str, code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{attempt_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _send_code(db: Session, attempt: SignInAttempt, now: datetime) -> None:
    code = f"{secrets.randbelow(1_000_000):06d}"
    attempt.code_hash = _code_hash(attempt.id, code)
    attempt.codes_sent += 1
    attempt.expires_at = now + CODE_LIFETIME
    mail.send_on_commit(
        db,
        mail.Email(
            to=attempt.account.email,
            subject="Espace santé : votre code de connexion",
            body=(
                f"Bonjour,\n\nVotre code de connexion est : {code}\n\n"
                f"Il est valable 10 minutes, jusqu'à {time_fr(attempt.expires_at)}, "
                "et ne sert qu'une fois.\n\n"
                "Si vous n'êtes pas en train de vous connecter, ne donnez ce code à personne "
                "et changez votre mot de passe."
            ),
        ),
    )


def find_attempt(db: Session, token: str | None, now: datetime) -> SignInAttempt | None:
    """The attempt if it can still succeed, else None."""
    if not token:
        return None
    attempt = db.get(SignInAttempt, token_id(token))
    if (
        attempt is None
        or attempt.finished_at is not None
        or attempt.failed_tries >= MAX_CODE_TRIES
        or attempt.expires_at <= now
        or not attempt.account.is_active
    ):
        return None
    return attempt


def resend_code(db: Session, token: str | None, now: datetime) -> SignInAttempt:
    attempt = find_attempt(db, token, now)
    if attempt is None or attempt.factor != SecondFactor.EMAIL_CODE:
        raise AttemptOver()
    if attempt.codes_sent >= MAX_CODES_SENT:
        raise CodeRefused(
            "Vous avez déjà demandé 3 codes. Utilisez le dernier reçu, ou recommencez la "
            "connexion dans quelques minutes."
        )
    _send_code(db, attempt, now)
    return attempt


def verify_second_factor(db: Session, token: str | None, code: str, now: datetime) -> Account:
    """The account when the code is right; the attempt is then used up."""
    attempt = find_attempt(db, token, now)
    if attempt is None:
        raise AttemptOver()
    if _code_matches(attempt, code, now):
        attempt.finished_at = now
        return attempt.account
    attempt.failed_tries += 1
    if attempt.failed_tries >= MAX_CODE_TRIES:
        attempt.finished_at = now
        raise AttemptOver(
            "Le code a été saisi 5 fois sans succès : par sécurité, il n'est plus valable. "
            "Saisissez de nouveau votre adresse e-mail et votre mot de passe."
        )
    left = MAX_CODE_TRIES - attempt.failed_tries
    raise CodeRefused(
        f"Ce code est incorrect. Vérifiez les 6 chiffres et réessayez "
        f"(encore {left} essai{'s' if left > 1 else ''})."
    )


def _code_matches(attempt: SignInAttempt, code: str, now: datetime) -> bool:
    if attempt.factor == SecondFactor.TOTP:
        return verify_totp(attempt.account, code, now)
    expected = attempt.code_hash or ""
    return hmac.compare_digest(expected, _code_hash(attempt.id, code))


def matching_totp_step(secret: str, code: str, now: datetime, after_step: int | None) -> int | None:
    """The time step the code belongs to (RFC 6238, one step of drift either way), if it is
    later than ``after_step``: a code is accepted only once."""
    totp = pyotp.TOTP(secret)
    for drift in (-1, 0, 1):
        at = now + timedelta(seconds=drift * totp.interval)
        step = totp.timecode(at)
        if hmac.compare_digest(totp.at(at), code) and step > (after_step or -1):
            return step
    return None


def verify_totp(account: Account, code: str, now: datetime) -> bool:
    if account.totp_secret is None:
        return False
    step = matching_totp_step(account.totp_secret, code, now, account.totp_last_step)
    if step is None:
        return False
    account.totp_last_step = step
    return True


def complete_sign_in(db: Session, account: Account, factor: SecondFactor, now: datetime) -> str:
    """Open a fresh server-side session for an identity proved by any factor, and trace it
    (a holder is told of every sign-in by e-mail: a security event)."""
    token = open_session(db, account, factor, now)
    record(
        db,
        Actor.for_account(db, account),
        "account.signed_in",
        own_space(db, account),
        notify_kind="sign_in",
        now=now,
    )
    return token


def record_sign_out(db: Session, account: Account, now: datetime) -> None:
    record(
        db, Actor.for_account(db, account), "account.signed_out", own_space(db, account), now=now
    )


def own_space(db: Session, account: Account) -> HealthSpace | None:
    return db.scalar(select(HealthSpace).where(HealthSpace.holder_account_id == account.id))
