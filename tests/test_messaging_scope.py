"""The professional's lists hold exactly the threads the rules let them read: the SQL of
``readable_by_professional`` agrees with ``professional_access`` in every situation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from espace import clock
from espace.actors import Actor, ActorRole
from espace.messaging.reading import inbox, unread_count
from espace.messaging.viewer import Viewer, find_thread
from espace.models import (
    Block,
    CareTeamMember,
    ConsultationConsent,
    EmergencyAccess,
    EmergencyMode,
    SpaceStatus,
    ThreadRead,
)
from espace.policy.access import professional_access
from tests.messaging_support import MARC, PAUL, SAMU, SOPHIE, make_thread, professional, space_of


def _emergency(mode: EmergencyMode, minutes: int):  # type: ignore[no-untyped-def]
    def arrange(db, space, who, now):  # type: ignore[no-untyped-def]
        db.add(EmergencyAccess(space_id=space.id, professional_id=who.id, mode=mode,
                               reason_category="malaise", reason_text="Malaise",
                               started_at=now - timedelta(hours=1),
                               expires_at=now + timedelta(minutes=minutes)))  # fmt: skip

    return arrange


def _consent(minutes: int):  # type: ignore[no-untyped-def]
    def arrange(db, space, who, now):  # type: ignore[no-untyped-def]
        db.add(ConsultationConsent(space_id=space.id, professional_id=who.id,
                                   granted_at=now - timedelta(hours=2),
                                   expires_at=now + timedelta(minutes=minutes)))  # fmt: skip

    return arrange


def _nothing(db, space, who, now) -> None:  # type: ignore[no-untyped-def]
    return None


def _block(db, space, who, now) -> None:  # type: ignore[no-untyped-def]
    db.add(Block(space_id=space.id, professional_id=who.id, created_at=now))


def _join(db, space, who, now) -> None:  # type: ignore[no-untyped-def]
    db.add(CareTeamMember(space_id=space.id, professional_id=who.id, joined_at=now))


def _removed(db, space, who, now) -> None:  # type: ignore[no-untyped-def]
    db.add(CareTeamMember(space_id=space.id, professional_id=who.id, joined_at=now,
                          removed_at=now))  # fmt: skip


def _close_space(db, space, who, now) -> None:  # type: ignore[no-untyped-def]
    space.status = SpaceStatus.CLOSED


def _no_samu_consent(db, space, who, now) -> None:  # type: ignore[no-untyped-def]
    space.samu_consent = False
    _emergency(EmergencyMode.SAMU, 30)(db, space, who, now)


def _no_emergency_consent(db, space, who, now) -> None:  # type: ignore[no-untyped-def]
    space.emergency_consent = False
    _emergency(EmergencyMode.EMERGENCY, 30)(db, space, who, now)


SITUATIONS = [
    (SOPHIE, _nothing, True),  # the GP
    (SOPHIE, _block, True),  # the GP cannot be blocked
    (SOPHIE, _close_space, False),
    (PAUL, _nothing, True),  # care team
    (PAUL, _block, False),
    (MARC, _nothing, False),  # Karim's physio, not Jeanne's
    (MARC, _join, True),
    (MARC, _removed, False),
    (MARC, _consent(30), True),  # a share code
    (MARC, _consent(-1), False),  # expired
    (SAMU, _emergency(EmergencyMode.SAMU, 30), True),
    (SAMU, _emergency(EmergencyMode.SAMU, -1), False),
    (SAMU, _no_samu_consent, False),
    (MARC, _emergency(EmergencyMode.EMERGENCY, 30), True),
    (MARC, _no_emergency_consent, False),
]


@pytest.mark.parametrize(("email", "arrange", "readable"), SITUATIONS)
def test_the_sql_scope_agrees_with_professional_access(db, email, arrange, readable):
    space, who, now = space_of(db), professional(db, email), clock.now()
    thread = make_thread(db, space, who)
    arrange(db, space, who, now)
    db.commit()
    granted = professional_access(db, who, space, now).granted
    viewer = Viewer(Actor(ActorRole.PROFESSIONAL, who.account, who), professional=who)
    found = find_thread(db, viewer, thread.id, now)
    assert granted is readable
    assert (found is not None) is granted
    # The inbox and the unread count hold the thread exactly when it can be opened.
    listed = {item.thread.id for item in inbox(db, viewer, 1, now).items}
    assert (thread.id in listed) is granted
    before = unread_count(db, viewer, now)
    db.add(ThreadRead(thread_id=thread.id, account_id=who.account_id, read_at=now))
    db.flush()
    assert before - unread_count(db, viewer, now) == (1 if granted else 0)
