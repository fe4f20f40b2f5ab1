"""The history of every operation: ``record()`` writes the entry and notifies the holder.

Reads and writes of health data call ``record`` in the same transaction as the operation,
so both land together or not at all.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from espace import clock
from espace.actors import Actor, ActorRole
from espace.audit.chain import append
from espace.audit.events import event
from espace.models import Account, AuditEntry, HealthSpace
from espace.notifications import services as notifications
from espace.representatives.queries import parents_of

# Whose actions notify the holder: the holder's own actions do not (DOMAIN.md lists what
# others do); security events are the exception, and declare their own kind.
SELF_ROLES = {ActorRole.HOLDER, ActorRole.REPRESENTATIVE}
SELF_NOTIFIED = {"sign_in"}
REASON_MAX = 600


def record(
    db: Session,
    actor: Actor,
    event_name: str,
    space: HealthSpace | None = None,
    *,
    target_type: str | None = None,
    target_id: int | None = None,
    category: str | None = None,
    reason: str | None = None,
    notify_kind: str | None = None,
    notify: bool = True,
    confidential: bool = False,
    now: datetime | None = None,
) -> AuditEntry:
    spec = event(event_name)
    given = {"target_id": target_id, "category": category, "reason": reason}
    missing = [name for name in spec.requires if given.get(name) is None]
    if missing:
        raise ValueError(f"audit event {event_name} needs {', '.join(sorted(missing))}")
    moment = now or clock.now()
    entry = append(
        db,
        AuditEntry(
            occurred_at=moment,
            space_id=space.id if space else None,
            event=event_name,
            actor_role=actor.role.value,
            actor_account_id=actor.account_id,
            actor_professional_id=actor.professional.id if actor.professional else None,
            actor_profession_code=(
                actor.professional.profession_code if actor.professional else None
            ),
            target_type=target_type,
            target_id=target_id,
            category=category,
            reason=reason[:REASON_MAX] if reason else None,
        ),
    )
    kind_name = notify_kind or spec.notify
    if (
        notify
        and space is not None
        and kind_name
        and (actor.role not in SELF_ROLES or kind_name in SELF_NOTIFIED)
    ):
        for recipient in recipients(space, confidential):
            notifications.notify(
                db,
                recipient,
                notifications.Notice(
                    kind_name,
                    space_id=space.id,
                    actor_professional_id=entry.actor_professional_id,
                    category=category,
                    target_type=target_type,
                    target_id=target_id,
                    audit_seq=entry.seq,
                ),
                moment,
            )
    return entry


def recipients(space: HealthSpace, confidential: bool = False) -> list[Account]:
    """Who is told about what happens in a space: its holder, when they have an account,
    and a minor's parents — but never of the minor's confidential care."""
    accounts = [space.holder] if space.holder is not None else []
    if not confidential:
        accounts += [account for account in parents_of(space) if account not in accounts]
    return accounts
