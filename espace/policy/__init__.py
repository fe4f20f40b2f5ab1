"""The one place where access is decided (STYLE.md, "Security in the shape of the code").

Each decision says whether the actor may do something and why. Nothing is cached across
requests: a change (blocking, closing a space...) holds from the very next request.
"""

from __future__ import annotations

from enum import StrEnum

from espace.models import Account, Role
from espace.policy.rules import Decision


class Area(StrEnum):
    """Parts of the service, each open to some roles."""

    DASHBOARD = "dashboard"
    ACCOUNT = "account"
    RECORD = "record"  # the holder's own record: documents, profile, care, history
    NOTIFICATIONS = "notifications"
    PRIVACY = "privacy"  # the holder's controls over who sees what
    PRO = "pro"  # the professional's side
    DIRECTORY = "directory"  # the directory of professionals: public, behind sign-in
    CATALOGUE = "catalogue"  # the catalogue of services and the holder's consents
    AGENDA = "agenda"  # the holder's appointments, calendar links and prevention calendar
    CLOSURE = "closure"  # the space's state: closing, reopening, asking for deletion
    EXPORT = "export"  # "Télécharger mes données"
    MESSAGING = "messaging"  # threads between a holder and professionals (never operators)
    DESK = "desk"  # the operators' desk: the life of spaces, never health data
    WORKSHOP = "workshop"  # co-construction sessions and the sandbox (demo mode only)
    FEEDBACK = "feedback"  # reading the feedback given on the pages


AREA_ROLES: dict[Area, frozenset[Role]] = {
    Area.DASHBOARD: frozenset(Role),
    Area.ACCOUNT: frozenset(Role),
    Area.RECORD: frozenset({Role.HOLDER}),
    Area.NOTIFICATIONS: frozenset({Role.HOLDER, Role.PROFESSIONAL}),
    Area.PRIVACY: frozenset({Role.HOLDER}),
    Area.PRO: frozenset({Role.PROFESSIONAL}),
    Area.DIRECTORY: frozenset({Role.HOLDER, Role.PROFESSIONAL}),
    Area.CATALOGUE: frozenset({Role.HOLDER}),
    Area.AGENDA: frozenset({Role.HOLDER}),
    Area.CLOSURE: frozenset({Role.HOLDER}),
    Area.EXPORT: frozenset({Role.HOLDER}),
    Area.MESSAGING: frozenset({Role.HOLDER, Role.PROFESSIONAL}),
    Area.DESK: frozenset({Role.OPERATOR}),
    Area.WORKSHOP: frozenset({Role.FACILITATOR}),
    Area.FEEDBACK: frozenset({Role.FACILITATOR}),
}


def may_use(actor: Account | None, area: Area) -> Decision:
    if actor is None:
        return Decision(False, "not signed in")
    if not actor.is_active:
        return Decision(False, "account disabled")
    if actor.role not in AREA_ROLES[area]:
        return Decision(False, f"role {actor.role} has no access to {area}")
    return Decision(True, f"role {actor.role} may use {area}")
