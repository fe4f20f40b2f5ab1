"""Gathering the facts of ``rules.py`` fresh at every call, and the same rule in SQL for
the professional's lists (their inbox and search only hold threads they may read).

``readable_by_professional`` must agree with ``professional_access(...).granted``:
tests/test_messaging_rules.py checks both on the same rows.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.messaging.rules import MessagingFacts, Party
from espace.models import (
    Block,
    CareTeamMember,
    ConsultationConsent,
    EmergencyAccess,
    EmergencyMode,
    HealthSpace,
    Message,
    Professional,
    Side,
    Thread,
)
from espace.policy.access import OPEN_STATUSES, professional_access
from espace.representatives.services import managed_spaces

HOLDER_ROLES = {ActorRole.HOLDER, ActorRole.REPRESENTATIVE}
MESSAGING_SECTION = "messagerie"  # a carer's section (espace/representatives)


def acts_for(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> bool:
    """The actor is the space's holder, or represents it now with the messaging among
    their sections (a parent of a minor: all sections; a carer: the ones chosen)."""
    if actor.role not in HOLDER_ROLES or actor.account is None:
        return False
    if space.holder_account_id == actor.account.id:
        return True
    return any(
        managed.space.id == space.id
        and (managed.sections is None or MESSAGING_SECTION in managed.sections)
        for managed in managed_spaces(db, actor.account, now)
    )


def party_of(
    db: Session, actor: Actor, space: HealthSpace, professional: Professional, now: datetime
) -> Party:
    if actor.professional is not None and actor.professional.id == professional.id:
        return Party.PROFESSIONAL
    if acts_for(db, actor, space, now):
        return Party.HOLDER
    return Party.OUTSIDER


def has_written(db: Session, space: HealthSpace, professional: Professional) -> bool:
    return (
        db.scalar(
            select(Message.id)
            .join(Thread, Thread.id == Message.thread_id)
            .where(
                Thread.space_id == space.id,
                Thread.professional_id == professional.id,
                Message.side == Side.PROFESSIONAL,
            )
            .limit(1)
        )
        is not None
    )


def gather(
    db: Session, actor: Actor, space: HealthSpace, professional: Professional, now: datetime
) -> MessagingFacts:
    """The facts between the actor, the space and the professional concerned, now.

    Whether the professional already wrote is looked up only where a rule reads it: the
    holder writing to someone other than the GP (False otherwise)."""
    access = professional_access(db, professional, space, now)
    party = party_of(db, actor, space, professional, now)
    return MessagingFacts(
        party=party,
        space_open=access.facts.space_open,
        is_gp=access.facts.is_gp,
        in_care_team=access.facts.in_care_team,
        blocked=access.facts.blocked,
        has_access=access.granted,
        has_written=party == Party.HOLDER
        and not access.facts.is_gp
        and has_written(db, space, professional),
    )


def readable_by_professional(
    professional_id: int | ColumnElement[int], now: datetime | ColumnElement[datetime]
) -> ColumnElement[bool]:
    """Threads of this professional in spaces the rules let them into, as SQL (joined on
    HealthSpace): the list and the count never hold what the thread page would refuse."""
    space = HealthSpace
    is_gp = space.gp_professional_id == professional_id
    blocked = exists().where(Block.space_id == space.id, Block.professional_id == professional_id)
    in_team = exists().where(
        CareTeamMember.space_id == space.id,
        CareTeamMember.professional_id == professional_id,
        CareTeamMember.removed_at.is_(None),
    )
    consent = exists().where(
        ConsultationConsent.space_id == space.id,
        ConsultationConsent.professional_id == professional_id,
        ConsultationConsent.expires_at > now,
    )
    emergency = exists().where(
        EmergencyAccess.space_id == space.id,
        EmergencyAccess.professional_id == professional_id,
        EmergencyAccess.expires_at > now,
        or_(
            and_(EmergencyAccess.mode == EmergencyMode.SAMU, space.samu_consent.is_(True)),
            and_(EmergencyAccess.mode != EmergencyMode.SAMU, space.emergency_consent.is_(True)),
        ),
    )
    return and_(
        Thread.professional_id == professional_id,
        Thread.space_id == space.id,
        space.status.in_(sorted(OPEN_STATUSES)),
        or_(is_gp, ~blocked),
        or_(is_gp, in_team, consent, emergency),
    )
