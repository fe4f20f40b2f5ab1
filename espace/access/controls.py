"""The holder's controls: mask documents (or everything), block professionals, switch the
two emergency consents, declare the GP; and who has accessed the space."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from espace.access import AccessError
from espace.actors import Actor
from espace.audit import record
from espace.models import (
    AuditEntry,
    Block,
    Document,
    HealthSpace,
    Professional,
    SpaceStatus,
)


def masking_refusal(space: HealthSpace) -> str | None:
    """Why masking is refused (None: allowed). DOMAIN.md: masking needs an activated space."""
    if space.status != SpaceStatus.ACTIVE:
        return (
            "Pour masquer des documents, activez d'abord votre espace avec le code reçu par "
            "courrier ou par e-mail."
        )
    return None


def _require_active(space: HealthSpace) -> None:
    if reason := masking_refusal(space):
        raise AccessError(reason)


def set_masked(db: Session, actor: Actor, space: HealthSpace, document: Document, masked: bool,
               now: datetime) -> None:  # fmt: skip
    _require_active(space)
    if document.masked == masked:
        return
    document.masked = masked
    event = "document.masked" if masked else "document.unmasked"
    record(db, actor, event, space, target_type="document", target_id=document.id,
           category=document.category.value, now=now)  # fmt: skip


def set_mask_all(db: Session, actor: Actor, space: HealthSpace, on: bool, now: datetime) -> None:
    _require_active(space)
    if space.mask_all == on:
        return
    space.mask_all = on
    record(db, actor, "mask_all.changed", space, reason="activé" if on else "désactivé", now=now)


def block(
    db: Session, actor: Actor, space: HealthSpace, professional: Professional, now: datetime
) -> None:
    if space.gp_professional_id == professional.id:
        raise AccessError(
            "Votre médecin traitant ne peut pas être bloqué. Si vous ne souhaitez plus le "
            "consulter, déclarez d'abord un autre médecin traitant."
        )
    if db.scalar(select(Block.id).filter_by(space_id=space.id, professional_id=professional.id)):
        return
    db.add(Block(space_id=space.id, professional_id=professional.id, created_at=now))
    db.flush()
    record(db, actor, "block.added", space, target_type="professional",
           target_id=professional.id, now=now)  # fmt: skip


def unblock(
    db: Session, actor: Actor, space: HealthSpace, professional_id: int, now: datetime
) -> None:
    existing = db.scalar(
        select(Block).filter_by(space_id=space.id, professional_id=professional_id)
    )
    if existing is None:
        raise AccessError("Ce professionnel n'est pas bloqué.")
    db.delete(existing)
    record(db, actor, "block.removed", space, target_type="professional",
           target_id=professional_id, now=now)  # fmt: skip


def blocked(db: Session, space: HealthSpace) -> list[Block]:
    return list(
        db.scalars(select(Block).where(Block.space_id == space.id).order_by(Block.created_at))
    )


def set_emergency_consents(
    db: Session, actor: Actor, space: HealthSpace, emergency: bool, samu: bool, now: datetime
) -> None:
    """Both consents from one form: one history entry when anything changed."""
    if (space.emergency_consent, space.samu_consent) == (emergency, samu):
        return
    space.emergency_consent, space.samu_consent = emergency, samu
    reason = (
        f"urgence : {'oui' if emergency else 'non'} ; régulation SAMU : {'oui' if samu else 'non'}"
    )
    record(db, actor, "consent.changed", space, reason=reason, now=now)


def declare_gp(
    db: Session, actor: Actor, space: HealthSpace, professional: Professional, now: datetime
) -> None:
    if professional.profession_code != "10":
        raise AccessError("Le médecin traitant est un médecin : choisissez un médecin.")
    if space.gp_professional_id == professional.id:
        return
    existing = db.scalar(
        select(Block).filter_by(space_id=space.id, professional_id=professional.id)
    )
    if existing is not None:
        db.delete(existing)  # the GP cannot be blocked: declaring them lifts the block
    space.gp_professional_id = professional.id
    record(db, actor, "gp.declared", space, target_type="professional",
           target_id=professional.id, now=now)  # fmt: skip


@dataclass(frozen=True)
class Visitor:
    professional: Professional
    last_access: datetime
    accesses: int
    blocked: bool


def visitors(db: Session, space: HealthSpace) -> list[Visitor]:
    """Professionals who accessed the space, most recent first (from the history)."""
    rows = db.execute(
        select(AuditEntry.actor_professional_id, func.max(AuditEntry.occurred_at), func.count())
        .where(AuditEntry.space_id == space.id, AuditEntry.actor_professional_id.is_not(None))
        .group_by(AuditEntry.actor_professional_id)
        .order_by(func.max(AuditEntry.occurred_at).desc())
    ).all()
    professionals = {
        p.id: p
        for p in db.scalars(select(Professional).where(Professional.id.in_([r[0] for r in rows])))
    }
    blocked_ids = set(db.scalars(select(Block.professional_id).where(Block.space_id == space.id)))
    return [
        Visitor(professionals[pid], last, count, pid in blocked_ids)
        for pid, last, count in rows
        if pid in professionals
    ]
