"""A new activation code, for a lost or expired one: sent to the e-mail address on file,
or as a letter queued for printing. Earlier unused codes stop working.

Asked online with the NIR and date of birth, the answer is always the same, whether or
not the person exists; requests are limited per NIR and per client address (a silent
limit: beyond it, nothing is sent, and the answer does not change).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.audit import record
from espace.lifecycle.codes import draw_code
from espace.lifecycle.notices import (
    has_postal_address,
    letter_notice,
    send_code_email,
    window_end,
)
from espace.models import HealthSpace, Notice, NoticeChannel, SpaceStatus
from espace.throttle import Limit, record_failure, state

REISSUABLE = {SpaceStatus.NOTIFIED, SpaceStatus.OPEN}
BY_NIR = Limit(
    "nouveau-code-nir", max_failures=3, window=timedelta(days=1), lock_for=timedelta(days=1)
)
BY_ADDRESS = Limit(
    "nouveau-code-adresse", max_failures=10, window=timedelta(hours=1), lock_for=timedelta(hours=1)
)


def request_new_code(db: Session, nir: str, birth_date: date, client: str, now: datetime) -> None:
    """What the public form does; says nothing back."""
    limits = ((BY_NIR, nir), (BY_ADDRESS, client))
    if any(state(db, limit, subject).lock_end(now) for limit, subject in limits):
        return
    for limit, subject in limits:
        record_failure(db, limit, subject, now)  # every request counts, answered or not
    space = db.scalar(select(HealthSpace).where(HealthSpace.nir == nir))
    if space is None or space.birth_date != birth_date or space.status not in REISSUABLE:
        return
    reissue(db, Actor(ActorRole.HOLDER), space, now)


def reissue(db: Session, actor: Actor, space: HealthSpace, now: datetime) -> NoticeChannel | None:
    """Send a new code the way the notice went; None when there is nowhere to send it."""
    if space.status not in REISSUABLE:
        return None
    if space.email_on_file:
        code = draw_code(db, space, now)
        send_code_email(db, space, code, now, window_end(db, space), replaced=True)
        channel = NoticeChannel.EMAIL
    elif has_postal_address(space):
        waiting = db.scalar(
            select(Notice.id).where(
                Notice.space_id == space.id,
                Notice.channel == NoticeChannel.LETTER,
                Notice.printed_at.is_(None),
            )
        )
        if waiting is None:  # a letter still to print will carry a fresh code anyway
            letter_notice(db, space, now)
        channel = NoticeChannel.LETTER
    else:
        return None
    record(db, actor, "activation_code.reissued", space, now=now)
    return channel
