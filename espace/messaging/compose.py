"""Whom one may start a thread with: for the holder, their GP and the professionals who
already wrote to them; for a professional, the patients of their care team (and those
whose GP they are), minus those who blocked them. The rules are checked again on sending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.access.care_team import patients_of
from espace.actors import Actor
from espace.messaging import facts as gathering
from espace.messaging.rules import may_write_first
from espace.models import Block, HealthSpace, Message, Professional, Side, Thread
from espace.web.filters import date_fr


@dataclass(frozen=True)
class Recipient:
    value: str  # the professional's id (holder's side) or the space's id
    label: str
    professional: Professional | None = None
    space: HealthSpace | None = None


def holder_recipients(
    db: Session, actor: Actor, space: HealthSpace, now: datetime
) -> list[Recipient]:
    wrote = (
        select(Thread.professional_id)
        .join(Message, Message.thread_id == Thread.id)
        .where(Thread.space_id == space.id, Message.side == Side.PROFESSIONAL)
    )
    candidates = list(
        db.scalars(
            select(Professional)
            .where(Professional.id.in_(wrote))
            .order_by(Professional.family_name, Professional.given_name)
        )
    )
    if space.gp is not None and space.gp not in candidates:
        candidates.insert(0, space.gp)
    elif space.gp is not None:  # the GP first
        candidates.remove(space.gp)
        candidates.insert(0, space.gp)
    recipients = []
    for professional in candidates:
        if may_write_first(gathering.gather(db, actor, space, professional, now)):
            role = (
                "médecin traitant"
                if professional.id == space.gp_professional_id
                else (professional.profession.lower())
            )
            recipients.append(
                Recipient(str(professional.id), f"{professional.display_name} ({role})",
                          professional=professional)
            )  # fmt: skip
    return recipients


def professional_recipients(db: Session, professional: Professional) -> list[Recipient]:
    blocked = set(
        db.scalars(select(Block.space_id).where(Block.professional_id == professional.id))
    )
    return [
        Recipient(
            str(space.id),
            f"{space.full_name}, né(e) le {date_fr(space.birth_date)}",
            space=space,
        )
        for space in patients_of(db, professional)
        if space.id not in blocked or space.gp_professional_id == professional.id
    ]
