"""The rules of DOMAIN.md, "Who may see what", as pure functions of the facts.

A professional P may read a document D of space S only if all hold (CSP R1111-46..49):
1. S is open or active;
2. P's profession may read D's category (the matrix);
3. P is in S's care team, or has the holder's consent for this consultation, or is S's GP,
   or is in a running emergency access whose consent is on;
4. the holder has not blocked P (the GP cannot be blocked);
5. D is not masked, unless P is D's author or S's GP;
6. "mask everything" hides every document from every professional, emergency included.

The functions only read the facts they are given: gathering them is ``facts.py``'s job,
fresh for every request, so a change holds from the very next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def allow(reason: str) -> Decision:
    return Decision(True, reason)


def deny(reason: str) -> Decision:
    return Decision(False, reason)


class Basis(StrEnum):
    """Why a professional may enter a space at all (rule 3)."""

    GP = "gp"
    CARE_TEAM = "care_team"
    CONSENT = "consent"
    EMERGENCY = "emergency"
    SAMU = "samu"


@dataclass(frozen=True)
class SpaceFacts:
    """What holds between one professional and one space, now."""

    space_open: bool
    is_gp: bool
    in_care_team: bool
    has_consent: bool
    emergency: Basis | None  # EMERGENCY or SAMU when an access runs and its consent is on
    blocked: bool
    mask_all: bool


@dataclass(frozen=True)
class DocumentFacts:
    profession_may_read: bool  # the matrix, for this document's category
    masked: bool
    is_author: bool


def basis(facts: SpaceFacts) -> Basis | None:
    if facts.is_gp:
        return Basis.GP
    if facts.in_care_team:
        return Basis.CARE_TEAM
    if facts.has_consent:
        return Basis.CONSENT
    return facts.emergency


def space_decision(facts: SpaceFacts) -> Decision:
    """May the professional enter the space at all (rules 1, 3, 4)."""
    if not facts.space_open:
        return deny("the space is not open")
    if facts.blocked and not facts.is_gp:
        return deny("the holder blocked this professional")
    found = basis(facts)
    if found is None:
        return deny("no care team, consent, GP or emergency access")
    return allow(f"access through {found.value}")


def document_decision(space: SpaceFacts, document: DocumentFacts) -> Decision:
    entry = space_decision(space)
    if not entry:
        return entry
    if space.mask_all:
        return deny("the holder masked everything")
    if not document.profession_may_read:
        return deny("the matrix does not let this profession read this category")
    if document.masked and not (document.is_author or space.is_gp):
        return deny("the holder masked this document")
    return allow(entry.reason)


def volontes_decision(space: SpaceFacts, profession_may_read: bool) -> Decision:
    """Directives anticipées and organ donation: the matrix's ``volontes`` column."""
    entry = space_decision(space)
    if not entry:
        return entry
    if not profession_may_read:
        return deny("the matrix does not let this profession read the volontés")
    return entry


def deposit_decision(space: SpaceFacts) -> Decision:
    """Depositing needs a lasting care relationship: the GP or the care team."""
    entry = space_decision(space)
    if not entry:
        return entry
    if not (space.is_gp or space.in_care_team):
        return deny("only the GP and the care team deposit documents")
    return entry
