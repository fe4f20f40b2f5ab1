"""Who may read, open, write first, reply and close in the secure messaging, as pure
functions of the facts (DOMAIN.md, "Services" and "Beyond the real service").

- A professional opens a thread with a patient of their care team (or whose GP they are),
  in an open or active space, unless the holder blocked them.
- The holder (or a representative acting for the space) replies; writes again to a
  professional who has already written to them; and, beyond the real service, may write
  first to their GP. Never to a professional they blocked, nor to one who can no longer
  read the space (the message would reach nobody).
- The professional of a thread replies and closes it while the rules let them into the
  space (``professional_access``): a removed or blocked professional, or a closed space,
  ends it. A closed thread takes no reply.
- Nobody else: not another holder, not another professional, not an operator. No
  patient-to-patient messages: every thread has exactly one professional.

Reasons are in French: the person who tried reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from espace.policy.rules import Decision, allow, deny


class Party(StrEnum):
    """Who the actor is to one space and one professional."""

    HOLDER = "holder"  # the holder, or a representative acting for the space
    PROFESSIONAL = "professional"  # the professional concerned (the thread's, or the opener)
    OUTSIDER = "outsider"  # anyone else: another holder, another professional, an operator


@dataclass(frozen=True)
class MessagingFacts:
    """What holds now between the actor, one space and the professional concerned."""

    party: Party
    space_open: bool  # open or active
    is_gp: bool  # the professional concerned is the space's GP
    in_care_team: bool
    blocked: bool  # the holder blocked the professional concerned (never the GP)
    has_access: bool  # professional_access(...) granted, on any basis
    has_written: bool  # the professional concerned already wrote in this space


CLOSED_SPACE = "Cet espace santé n'est pas ouvert : la messagerie n'y est plus possible."
OUTSIDE = "Seuls le titulaire de l'espace et le professionnel de la conversation y écrivent."
CLOSED_THREAD = "Cette conversation est close : il n'est plus possible d'y répondre."
BLOCKED_BY_HOLDER = (
    "Vous avez bloqué ce professionnel : il ne peut pas lire vos messages. Débloquez-le "
    "dans « Confidentialité » pour lui écrire."
)
NO_LONGER_READS = (
    "Ce professionnel n'a plus accès à votre espace : il ne pourrait pas lire votre message."
)
NO_ACCESS = "Vous n'avez plus accès à l'espace santé de ce patient."


def _really_blocked(facts: MessagingFacts) -> bool:
    return facts.blocked and not facts.is_gp


def may_read(facts: MessagingFacts) -> Decision:
    """The holder always reads the threads of their space; the professional while the
    rules let them into it."""
    if facts.party == Party.HOLDER:
        return allow("titulaire de l'espace")
    if facts.party == Party.PROFESSIONAL and facts.has_access:
        return allow("professionnel de la conversation")
    return deny(NO_ACCESS if facts.party == Party.PROFESSIONAL else OUTSIDE)


def may_open(facts: MessagingFacts) -> Decision:
    """A professional starts a thread with a patient of their care team."""
    if facts.party != Party.PROFESSIONAL:
        return deny("Seul un professionnel de santé ouvre une conversation avec un patient.")
    if not facts.space_open:
        return deny(CLOSED_SPACE)
    if _really_blocked(facts):
        return deny("Le patient ne souhaite pas que vous accédiez à son espace.")
    if not (facts.is_gp or facts.in_care_team):
        return deny(
            "Vous écrivez aux patients dont vous êtes le médecin traitant ou dans l'équipe de "
            "soins : déclarez d'abord une prise en charge."
        )
    return allow("médecin traitant" if facts.is_gp else "équipe de soins")


def may_write_first(facts: MessagingFacts) -> Decision:
    """The holder starts a thread: with their GP, or a professional who already wrote."""
    if facts.party != Party.HOLDER:
        return deny("Seul le titulaire de l'espace, ou son représentant, écrit en premier.")
    if not facts.space_open:
        return deny(CLOSED_SPACE)
    if _really_blocked(facts):
        return deny(BLOCKED_BY_HOLDER)
    if not (facts.is_gp or facts.has_written):
        return deny(
            "Vous pouvez écrire à votre médecin traitant, et aux professionnels qui vous ont "
            "déjà écrit."
        )
    if not facts.has_access:
        return deny(NO_LONGER_READS)
    return allow("médecin traitant" if facts.is_gp else "professionnel qui a déjà écrit")


def may_reply(facts: MessagingFacts, thread_closed: bool) -> Decision:
    if facts.party == Party.OUTSIDER:
        return deny(OUTSIDE)
    if thread_closed:
        return deny(CLOSED_THREAD)
    if not facts.space_open:
        return deny(CLOSED_SPACE)
    if facts.party == Party.HOLDER:
        if _really_blocked(facts):
            return deny(BLOCKED_BY_HOLDER)
        if not facts.has_access:
            return deny(NO_LONGER_READS)
        return allow("titulaire de l'espace")
    if not facts.has_access:
        return deny(NO_ACCESS)
    return allow("professionnel de la conversation")


def may_close(facts: MessagingFacts, thread_closed: bool) -> Decision:
    """Only the professional of the thread closes it, with a reason the holder reads."""
    if facts.party != Party.PROFESSIONAL:
        return deny("Seul le professionnel de la conversation peut la clore.")
    if thread_closed:
        return deny("Cette conversation est déjà close.")
    if not facts.space_open:
        return deny(CLOSED_SPACE)
    if not facts.has_access:
        return deny(NO_ACCESS)
    return allow("professionnel de la conversation")


def may_request_renewal(facts: MessagingFacts) -> Decision:
    """The holder asks their GP to renew a prescription (a structured message)."""
    if facts.party != Party.HOLDER:
        return deny(
            "Seul le titulaire de l'espace, ou son représentant, demande un renouvellement."
        )
    if not facts.is_gp:
        return deny(
            "Le renouvellement se demande à votre médecin traitant : déclarez-en un dans "
            "« Confidentialité »."
        )
    return may_write_first(facts)
