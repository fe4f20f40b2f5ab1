"""The messaging rules as a table: who may open a thread, write first, reply and close, for
each person, each state of the space and of the thread — every cell.

The first test checks ``rules.py`` on the facts of each row; the second gathers those facts
on real rows (demo personas, the space put in each state) and checks the same cells, so the
table holds for what the application really computes.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from espace import clock
from espace.actors import Actor, ActorRole
from espace.messaging import facts as gathering
from espace.messaging.rules import (
    MessagingFacts,
    Party,
    may_close,
    may_open,
    may_read,
    may_reply,
    may_request_renewal,
    may_write_first,
)
from espace.models import (
    Account,
    Block,
    CareTeamMember,
    HealthSpace,
    Professional,
    SpaceStatus,
)
from tests.matrix.privacy import JEANNE_NIR, MARC_RPPS, SAMU_RPPS, SOPHIE_RPPS

LEA_NIR = "218064410911273"
PAUL_RPPS = "10100000029"

ROLES = [
    "holder",  # Jeanne, on her space; the thread is with her GP
    "representative",  # Karim acting for his daughter Léa; the thread is with her GP
    "gp",  # Dr Durand, Jeanne's GP, on her own thread
    "care_team",  # Paul Leroy, in Jeanne's care team, on his own thread
    "outside",  # the SAMU doctor, in no care team, on an old thread of his
    "blocked",  # Marc Roux, in Jeanne's care team but blocked by her, on his own thread
    "other_holder",  # Karim, on Jeanne's space
    "operator",  # an agent of the Assurance maladie
]
SPACE_STATES = ["open", "active", "closed"]
THREAD_STATES = ["open", "closed"]
ACTIONS = ["open", "write_first", "reply", "close"]

# Who may do what in an open or active space on an open thread; a closed space allows
# nothing, and a closed thread takes neither a reply nor a second closing.
ALLOWED = {
    "holder": {"write_first", "reply"},
    "representative": {"write_first", "reply"},
    "gp": {"open", "reply", "close"},
    "care_team": {"open", "reply", "close"},
    "outside": set(),
    "blocked": set(),
    "other_holder": set(),
    "operator": set(),
}


def expected(role: str, action: str, space: str, thread: str) -> bool:
    if space == "closed" or action not in ALLOWED[role]:
        return False
    if action in {"reply", "close"}:
        return thread == "open"
    return True  # opening and writing first make a new thread: its state does not apply


def facts_of(role: str, space: str) -> MessagingFacts:
    """The facts as the application gathers them (checked by the second test)."""
    space_open = space != "closed"
    holder_side = {"is_gp": True, "in_care_team": True, "blocked": False,
                   "has_access": space_open, "has_written": True}  # fmt: skip
    rows = {
        "holder": (Party.HOLDER, holder_side),
        "representative": (Party.HOLDER, {**holder_side, "in_care_team": False}),
        "other_holder": (Party.OUTSIDER, holder_side),
        "operator": (Party.OUTSIDER, holder_side),
        "gp": (Party.PROFESSIONAL, holder_side),
        "care_team": (Party.PROFESSIONAL, {**holder_side, "is_gp": False}),
        "outside": (Party.PROFESSIONAL, {"is_gp": False, "in_care_team": False,
                                         "blocked": False, "has_access": False,
                                         "has_written": True}),
        "blocked": (Party.PROFESSIONAL, {"is_gp": False, "in_care_team": True, "blocked": True,
                                         "has_access": False, "has_written": True}),
    }  # fmt: skip
    party, values = rows[role]
    return MessagingFacts(party=party, space_open=space_open, **values)


def decide(action: str, facts: MessagingFacts, thread: str) -> bool:
    closed = thread == "closed"
    return {
        "open": lambda: may_open(facts),
        "write_first": lambda: may_write_first(facts),
        "reply": lambda: may_reply(facts, closed),
        "close": lambda: may_close(facts, closed),
    }[action]().allowed


CELLS = [
    (role, action, space, thread)
    for role in ROLES
    for action in ACTIONS
    for space in SPACE_STATES
    for thread in THREAD_STATES
]


@pytest.mark.parametrize(("role", "action", "space", "thread"), CELLS)
def test_the_rules_table(role, action, space, thread):
    decision = decide(action, facts_of(role, space), thread)
    assert decision == expected(role, action, space, thread)


def test_every_refusal_says_why_in_french():
    for role, _action, space, thread in CELLS:
        facts, closed = facts_of(role, space), thread == "closed"
        for decision in (may_open(facts), may_write_first(facts), may_reply(facts, closed),
                         may_close(facts, closed)):  # fmt: skip
            assert (decision.reason and decision.reason[0].isupper()) or decision.allowed


# --- The same table on real rows -----------------------------------------------------------


def _one(db, model, **where):  # type: ignore[no-untyped-def]
    return db.scalars(select(model).filter_by(**where)).one()


def situation(db, role: str, status: str):  # type: ignore[no-untyped-def]
    """(actor, space, professional concerned) for a role, the space put in ``status``."""
    jeanne = _one(db, HealthSpace, nir=JEANNE_NIR)
    lea = _one(db, HealthSpace, nir=LEA_NIR)
    sophie = _one(db, Professional, rpps=SOPHIE_RPPS)
    lea.gp_professional_id = sophie.id
    marc = _one(db, Professional, rpps=MARC_RPPS)
    db.add(CareTeamMember(space_id=jeanne.id, professional_id=marc.id, joined_at=clock.now()))
    db.add(Block(space_id=jeanne.id, professional_id=marc.id, created_at=clock.now()))
    karim = _one(db, Account, email="karim.benali@example.org")
    space = lea if role == "representative" else jeanne
    space.status = SpaceStatus(status)
    db.flush()

    def pro(rpps: str) -> tuple[Actor, Professional]:
        professional = _one(db, Professional, rpps=rpps)
        return Actor(ActorRole.PROFESSIONAL, professional.account, professional), professional

    if role in {"gp", "care_team", "outside", "blocked"}:
        rpps = {"gp": SOPHIE_RPPS, "care_team": PAUL_RPPS, "outside": SAMU_RPPS,
                "blocked": MARC_RPPS}[role]  # fmt: skip
        actor, professional = pro(rpps)
    else:
        account = {
            "holder": _one(db, Account, email="jeanne.martin@example.org"),
            "representative": karim,
            "other_holder": karim,
            "operator": _one(db, Account, email="agent.cpam@example.org"),
        }[role]
        kind = {"representative": ActorRole.REPRESENTATIVE, "operator": ActorRole.OPERATOR}
        actor, professional = Actor(kind.get(role, ActorRole.HOLDER), account), sophie
    return actor, space, professional


@pytest.mark.parametrize("status", SPACE_STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_table_holds_on_real_rows(db, role, status):
    actor, space, professional = situation(db, role, status)
    gathered = gathering.gather(db, actor, space, professional, clock.now())
    table = facts_of(role, status)
    # Whether the professional wrote before matters only to the holder writing first to
    # someone other than the GP (tested below): the cells of this table hold either way.
    assert replace(gathered, has_written=table.has_written) == table
    for action in ACTIONS:
        for thread in THREAD_STATES:
            assert decide(action, gathered, thread) == expected(role, action, status, thread)


# --- Writing first to someone other than the GP, and the renewal --------------------------


def holder_facts(**changes) -> MessagingFacts:  # type: ignore[no-untyped-def]
    values = {"party": Party.HOLDER, "space_open": True, "is_gp": False, "in_care_team": True,
              "blocked": False, "has_access": True, "has_written": True}  # fmt: skip
    return MessagingFacts(**{**values, **changes})


@pytest.mark.parametrize(
    ("changes", "allowed", "why"),
    [
        ({}, True, ""),  # a care-team professional who already wrote
        ({"has_written": False}, False, "déjà écrit"),  # never wrote: the GP only
        ({"has_written": False, "is_gp": True}, True, ""),  # beyond the real service
        ({"blocked": True, "has_access": False}, False, "bloqué"),
        ({"in_care_team": False, "has_access": False}, False, "plus accès"),  # removed
        ({"space_open": False}, False, "pas ouvert"),
    ],
)
def test_the_holder_writes_first_to_the_gp_or_to_who_already_wrote(changes, allowed, why):
    decision = may_write_first(holder_facts(**changes))
    assert decision.allowed is allowed
    assert why in decision.reason


def test_the_holder_cannot_reply_to_a_professional_she_blocked():
    decision = may_reply(holder_facts(blocked=True, has_access=False), thread_closed=False)
    assert not decision and "bloqué" in decision.reason


def test_the_gp_cannot_be_blocked_so_the_holder_always_reaches_them():
    facts = holder_facts(is_gp=True, blocked=True, has_access=True, has_written=False)
    assert may_write_first(facts) and may_reply(facts, thread_closed=False)


@pytest.mark.parametrize(
    ("changes", "allowed"),
    [
        ({"is_gp": True}, True),
        ({"is_gp": False}, False),
        ({"is_gp": True, "space_open": False}, False),
        ({"is_gp": True, "party": Party.OUTSIDER}, False),
        ({"is_gp": True, "party": Party.PROFESSIONAL}, False),
    ],
)
def test_a_renewal_goes_to_the_gp_only(changes, allowed):
    assert may_request_renewal(holder_facts(**changes)).allowed is allowed


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_a_thread(role):
    readers = {"holder", "representative", "gp", "care_team"}
    assert may_read(facts_of(role, "active")).allowed is (role in readers)
