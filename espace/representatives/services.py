"""Parents and carers (DOMAIN.md, "Minors"; NHS linked profiles, MyChart proxies).

A parent manages a minor's space from their own account; a second parent is invited; at 18
the space becomes the young adult's own and representatives lose access. An adult holder
invites a carer for chosen sections, revocable at any time. Invitations go by e-mail with a
code the invited person types once signed in: the form never tells whether an address has
an account. Everything is in the space's history.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import Integer, bindparam, func, select, update
from sqlalchemy.orm import Session

from espace import mail
from espace.actors import Actor
from espace.audit import record
from espace.clock import PARIS
from espace.models import Account, HealthSpace, Representation, RepresentationKind
from espace.representatives.queries import ADULT_AGE, in_force, is_minor

SECTIONS = {
    "documents": "Documents",
    "profil": "Profil médical",
    "soins": "Historique des soins",
    "agenda": "Agenda",
    "messagerie": "Messagerie",
}
INVITATION_LIFETIME = timedelta(days=14)
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class RepresentationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Managed:
    """A space an account may act on, and as what."""

    space: HealthSpace
    representation: Representation | None  # None: the account's own space

    @property
    def own(self) -> bool:
        return self.representation is None

    @property
    def sections(self) -> frozenset[str] | None:
        """None: every section (the holder, a parent); else a carer's chosen sections."""
        if self.representation is None or self.representation.kind == RepresentationKind.PARENT:
            return None
        return frozenset(filter(None, (self.representation.sections or "").split(",")))


def managed_spaces(db: Session, account: Account, now: datetime) -> list[Managed]:
    """The account's own space first, then the spaces it represents (in force, open)."""
    today = now.astimezone(PARIS).date()
    own = db.scalar(_OWN, {"account_id": account.id})
    managed = [Managed(own, None)] if own is not None else []
    rows = db.execute(_REPRESENTED, {"account_id": account.id}).all()
    for representation, space in rows:
        if representation.kind == RepresentationKind.PARENT and not is_minor(space, today):
            continue  # at 18, representatives lose access (the job records it)
        managed.append(Managed(space, representation))
    return managed


# Both asked on every page of a holder (the menu, the banner): built once.
_OWN = select(HealthSpace).where(
    HealthSpace.holder_account_id == bindparam("account_id", type_=Integer)
)
_REPRESENTED = (
    select(Representation, HealthSpace)
    .join(HealthSpace, HealthSpace.id == Representation.space_id)
    .where(Representation.account_id == bindparam("account_id", type_=Integer), *in_force())
    .order_by(HealthSpace.birth_date.desc(), HealthSpace.id)
)


def representatives(db: Session, space: HealthSpace) -> list[Representation]:
    """Who represents this space, invitations included (newest first)."""
    return list(
        db.scalars(
            select(Representation)
            .where(Representation.space_id == space.id, Representation.revoked_at.is_(None))
            .order_by(Representation.created_at.desc())
        )
    )


def _hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"invitation:{code}".encode(), hashlib.sha256).hexdigest()


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def invite(
    db: Session,
    actor: Actor,
    space: HealthSpace,
    *,
    email: str,
    kind: RepresentationKind,
    sections: set[str] | None,
    now: datetime,
) -> Representation:
    """Invite a second parent (for a minor's space) or a carer (chosen sections). The
    e-mail goes only if the address has an account; the answer is the same either way."""
    email = email.strip().lower()
    if kind == RepresentationKind.PARENT and not is_minor(space, now.astimezone(PARIS).date()):
        raise RepresentationError(
            "Un second parent ne peut être ajouté qu'à l'espace d'un enfant mineur."
        )
    if kind == RepresentationKind.CARER:
        sections = {s for s in (sections or set()) if s in SECTIONS}
        if not sections:
            raise RepresentationError("Cochez au moins une partie de l'espace à partager.")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    invitation = Representation(
        space_id=space.id,
        account_id=None,
        invited_email=email,
        invitation_hash=_hash(code),
        invitation_expires_at=now + INVITATION_LIFETIME,
        accepted_at=None,
        kind=kind,
        sections=",".join(sorted(sections))
        if kind == RepresentationKind.CARER and sections
        else None,
        created_at=now,
        granted_by_account_id=actor.account_id,
    )
    db.add(invitation)
    db.flush()
    record(
        db,
        actor,
        "representative.added",
        space,
        target_type="representation",
        target_id=invitation.id,
        now=now,
    )
    invited = db.scalar(select(Account).where(func.lower(Account.email) == email))
    if invited is not None and invited.is_active:
        role = "parent" if kind == RepresentationKind.PARENT else "aidant"
        mail.send_on_commit(
            db,
            mail.Email(
                to=invited.email,
                subject="Espace santé : une invitation à gérer un espace santé",
                body=(
                    f"Bonjour,\n\nUne personne vous invite à l'aider à gérer son espace santé "
                    f"(en tant que {role}).\n\nPour accepter, connectez-vous à Espace santé, "
                    "ouvrez la page « Mes proches » et saisissez ce code : "
                    f"{code[:4]}-{code[4:]}\n\n"
                    "Le code est valable 14 jours. Si vous ne connaissez pas cette invitation, "
                    "ignorez ce message."
                ),
            ),
        )
    return invitation


def accept(db: Session, account: Account, code: str, now: datetime) -> Representation:
    invitation = db.scalar(
        select(Representation).where(
            Representation.invitation_hash == _hash(normalise(code)),
            Representation.accepted_at.is_(None),
            Representation.revoked_at.is_(None),
            Representation.invitation_expires_at > now,
        )
    )
    if invitation is None or (invitation.invited_email or "") != account.email.lower():
        raise RepresentationError(
            "Ce code ne fonctionne pas : il est faux, déjà utilisé ou a plus de 14 jours, ou "
            "l'invitation a été envoyée à une autre adresse. Demandez une nouvelle invitation."
        )
    space = db.get(HealthSpace, invitation.space_id)
    if space is None or space.holder_account_id == account.id:
        raise RepresentationError("Vous ne pouvez pas être votre propre représentant.")
    invitation.account_id = account.id
    invitation.accepted_at = now
    invitation.invitation_hash = None
    record(
        db,
        Actor.for_account(db, account),
        "representative.added",
        space,
        target_type="representation",
        target_id=invitation.id,
        notify_kind="representative_added",
        now=now,
    )
    return invitation


def revoke(db: Session, actor: Actor, representation: Representation, now: datetime) -> None:
    if representation.revoked_at is not None:
        return
    representation.revoked_at = now
    space = db.get(HealthSpace, representation.space_id)
    record(
        db,
        actor,
        "representative.revoked",
        space,
        target_type="representation",
        target_id=representation.id,
        now=now,
    )


def link_parent(db: Session, parent: Account, child: HealthSpace, now: datetime) -> Representation:
    """A parent named by the insurer's file (``insured_parent_nir``) represents the child."""
    existing = db.scalar(
        select(Representation).where(
            Representation.space_id == child.id,
            Representation.account_id == parent.id,
            Representation.revoked_at.is_(None),
        )
    )
    if existing is not None:
        return existing
    representation = Representation(
        space_id=child.id,
        account_id=parent.id,
        kind=RepresentationKind.PARENT,
        created_at=now,
        accepted_at=now,
    )
    db.add(representation)
    db.flush()
    record(
        db,
        Actor.system(),
        "representative.added",
        child,
        target_type="representation",
        target_id=representation.id,
        now=now,
    )
    return representation


def coming_of_age(db: Session, now: datetime) -> int:
    """Job: at 18 the space becomes the young adult's own; parents lose access."""
    today = now.astimezone(PARIS).date()
    done = 0
    candidates = db.scalars(
        select(HealthSpace.id)
        .join(Representation, Representation.space_id == HealthSpace.id)
        .where(
            Representation.kind == RepresentationKind.PARENT,
            Representation.revoked_at.is_(None),
            HealthSpace.birth_date <= date(today.year - ADULT_AGE, 12, 31),
        )
        .distinct()
    ).all()
    for space_id in candidates:
        space = db.get(HealthSpace, space_id)
        if space is None or is_minor(space, today):
            continue
        revoked = db.execute(
            update(Representation)
            .where(
                Representation.space_id == space_id,
                Representation.kind == RepresentationKind.PARENT,
                Representation.revoked_at.is_(None),
            )
            .values(revoked_at=now)
            .returning(Representation.id)
        ).all()
        if not revoked:
            continue
        record(db, Actor.system(), "space.came_of_age", space, now=now)
        done += 1
    return done
