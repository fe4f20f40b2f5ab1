"""The rules of DOMAIN.md, "Who may see what", as pure functions of the facts.

A professional P may read a document D of space S only if all hold (CSP R1111-46..49):
1. S is open or active;
2. P's profession may read D's category (the matrix);
3. P is in S's care team, or has the holder's consent for this consultation, or is S's GP,
   or is in a running emergency access whose consent is on;
4. the holder has not blocked P (the GP cannot be blocked);
5. D is not masked, unless P is D's author or S's GP;
6. "mask everything" hides every document from every professional, emergency included.

Reasons are in French: they are shown to the holder in the history of refused accesses.
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


BASIS_LABELS = {
    Basis.GP: "médecin traitant",
    Basis.CARE_TEAM: "équipe de soins",
    Basis.CONSENT: "consentement du titulaire pour cette consultation",
    Basis.EMERGENCY: "accès en urgence",
    Basis.SAMU: "régulation SAMU",
}


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
        return deny("l'espace n'est pas ouvert")
    if facts.blocked and not facts.is_gp:
        return deny("le titulaire a bloqué ce professionnel")
    found = basis(facts)
    if found is None:
        return deny("ni équipe de soins, ni consentement, ni médecin traitant, ni accès en urgence")
    return allow(f"accès : {BASIS_LABELS[found]}")


def document_decision(space: SpaceFacts, document: DocumentFacts) -> Decision:
    entry = space_decision(space)
    if not entry:
        return entry
    if space.mask_all:
        return deny("le titulaire a tout masqué")
    if not document.profession_may_read:
        return deny(
            "la matrice d'habilitation ne permet pas à cette profession de lire cette catégorie"
        )
    if document.masked and not (document.is_author or space.is_gp):
        return deny("le titulaire a masqué ce document")
    return allow(entry.reason)


def volontes_decision(space: SpaceFacts, profession_may_read: bool) -> Decision:
    """Directives anticipées and organ donation: the matrix's ``volontes`` column."""
    entry = space_decision(space)
    if not entry:
        return entry
    if not profession_may_read:
        return deny(
            "la matrice d'habilitation ne permet pas à cette profession de lire les volontés"
        )
    return entry


def deposit_decision(space: SpaceFacts) -> Decision:
    """Depositing needs a lasting care relationship: the GP or the care team."""
    entry = space_decision(space)
    if not entry:
        return entry
    if not (space.is_gp or space.in_care_team):
        return deny("seuls le médecin traitant et l'équipe de soins déposent des documents")
    return entry
