"""The holder's side of closing a space: who may decide, the password check, and the
three decisions (close, reopen, ask for deletion), each with its one history entry.

The rules themselves (statuses, 10 years, 90 days) are in ``espace.lifecycle.closure``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace import mail
from espace.actors import Actor, ActorRole
from espace.audit import record
from espace.auth.services import BadCredentials, TooManyFailures, check_password
from espace.lifecycle import LifecycleError
from espace.lifecycle.closure import BY_DEATH, BY_HOLDER, close_space, reopen_space
from espace.models import Account, HealthSpace, Representation, RepresentationKind, SpaceStatus
from espace.web.filters import time_fr


def is_closed(space: HealthSpace) -> bool:
    return space.status == SpaceStatus.CLOSED


def may_decide(db: Session, actor: Actor, space: HealthSpace) -> bool:
    """The holder, or a parent of a minor (CSP R1111-33); never a carer, who only helps
    with chosen sections."""
    if actor.account is None:
        return False
    if actor.role == ActorRole.HOLDER:
        return space.holder_account_id == actor.account.id
    if actor.role != ActorRole.REPRESENTATIVE:
        return False
    parent = db.scalar(
        select(Representation.id).where(
            Representation.space_id == space.id,
            Representation.account_id == actor.account.id,
            Representation.kind == RepresentationKind.PARENT,
            Representation.revoked_at.is_(None),
        )
    )
    return parent is not None


def password_problem(db: Session, account: Account, password: str, now: datetime) -> str | None:
    """None when the password is the account's; else what to tell the person. Wrong
    passwords count towards the same lock as signing in (ASVS 2.2.1)."""
    try:
        check_password(db, account.email, password, now)
    except TooManyFailures as locked:
        return (
            f"Trop d'essais de mot de passe. Par sécurité, réessayez après {time_fr(locked.until)}."
        )
    except BadCredentials:
        return (
            "Ce mot de passe ne correspond pas à votre compte. Saisissez le mot de passe "
            "que vous utilisez pour vous connecter (majuscules comprises)."
        )
    return None


def may_request_deletion(space: HealthSpace) -> bool:
    return (
        space.status == SpaceStatus.CLOSED
        and space.closure_reason == BY_HOLDER
        and space.deletion_requested_at is None
        and space.purged_at is None
    )


def may_reopen(space: HealthSpace) -> bool:
    return (
        space.status == SpaceStatus.CLOSED
        and space.closure_reason != BY_DEATH
        and space.purged_at is None
    )


def close(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> None:
    """Close at the holder's request. Raises LifecycleError when it is not open."""
    close_space(db, actor, space, BY_HOLDER, now)
    _tell_holder(
        db,
        space,
        "Espace santé : votre espace santé est fermé",
        "Votre espace santé vient d'être fermé. Les professionnels de santé n'y ont plus "
        "accès. Vos données sont conservées 10 ans : vous pouvez rouvrir votre espace "
        "d'ici là en vous connectant.",
    )


def reopen(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> None:
    """Raises LifecycleError when it cannot be reopened (purged, or closed on death)."""
    reopen_space(db, actor, space, now)


def request_deletion(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> None:
    if not may_request_deletion(space):
        raise LifecycleError(
            "La suppression ne peut être demandée que pour un espace fermé à votre demande, "
            "et une seule fois."
        )
    space.deletion_requested_at = now
    record(db, actor, "space.deletion_requested", space, now=now)
    _tell_holder(
        db,
        space,
        "Espace santé : votre demande de suppression est enregistrée",
        "Votre demande de suppression des données de votre espace santé est enregistrée. "
        "Elle sera faite dans les 90 jours. D'ici là, vous pouvez encore changer d'avis en "
        "rouvrant votre espace.",
    )


def _tell_holder(db: Session, space: HealthSpace, subject: str, text: str) -> None:
    """An e-mail to the holder's address, so a closure they did not make does not go
    unnoticed. It says what happened to the space, nothing of its content."""
    if space.holder is None:
        return
    mail.send_on_commit(
        db,
        mail.Email(
            to=space.holder.email,
            subject=subject,
            body=(
                f"Bonjour,\n\n{text}\n\nSi ce n'était pas vous, connectez-vous sans attendre "
                "pour rouvrir votre espace, changez votre mot de passe et prévenez votre "
                "caisse d'Assurance maladie."
            ),
        ),
    )
