"""Opposition (CSP R1111-28): during the window, a person refuses the creation of their
space, online (code + NIR + date of birth) or by post (recorded by an operator).

An opposed space is never created: of it we keep only what proves the opposition and
stops a new notice (the NIR, the date of birth, the département for the counts, the
dates of the notice and of the opposition). Names, addresses, e-mail, the parent's NIR,
codes and representations are erased.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from espace import mail
from espace.actors import Actor
from espace.audit import record
from espace.lifecycle import LifecycleError
from espace.models import (
    ActivationCode,
    HealthSpace,
    Opposition,
    OppositionChannel,
    Representation,
    SpaceStatus,
)
from espace.web.filters import date_fr

WINDOW_PASSED = (
    "Le délai d'opposition est passé : cet espace est déjà ouvert. La personne peut le "
    "fermer à tout moment (une fois connectée, dans « Mon espace », ou par courrier)."
)


def oppose(
    db: Session,
    actor: Actor,
    space: HealthSpace,
    channel: OppositionChannel,
    now: datetime,
    letter_date: date | None = None,
) -> Opposition:
    """Raises LifecycleError when the space is no longer ``notified`` (opened meanwhile,
    or already opposed)."""
    email = space.email_on_file
    claimed = db.execute(
        update(HealthSpace)
        .where(HealthSpace.id == space.id, HealthSpace.status == SpaceStatus.NOTIFIED)
        .values(
            status=SpaceStatus.OPPOSED,
            given_name="",
            family_name="",
            email_on_file=None,
            address_line=None,
            postcode=None,
            town=None,
            insured_parent_nir=None,
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.refresh(space)
        if space.status == SpaceStatus.OPPOSED:
            raise LifecycleError("L'opposition de cette personne est déjà enregistrée.")
        raise LifecycleError(WINDOW_PASSED)
    db.refresh(space)
    db.execute(delete(ActivationCode).where(ActivationCode.space_id == space.id))
    db.execute(delete(Representation).where(Representation.space_id == space.id))
    opposition = Opposition(
        space_id=space.id,
        recorded_at=now,
        channel=channel,
        recorded_by_account_id=actor.account_id if channel == OppositionChannel.POST else None,
    )
    db.add(opposition)
    db.flush()
    reason = "en ligne"
    if channel == OppositionChannel.POST:
        reason = f"courrier du {date_fr(letter_date)}" if letter_date else "courrier"
    record(
        db,
        actor,
        "space.opposed",
        space,
        target_type="opposition",
        target_id=opposition.id,
        reason=reason,
        now=now,
    )
    if email:
        _confirm(db, email, now)
    return opposition


def _confirm(db: Session, email: str, now: datetime) -> None:
    """A last e-mail to the address on file, then it is forgotten."""
    mail.send_on_commit(
        db,
        mail.Email(
            to=email,
            subject="Votre opposition à la création de votre espace santé est enregistrée",
            body=(
                "Bonjour,\n\n"
                f"Votre opposition est enregistrée le {date_fr(now)}. Votre espace santé ne "
                "sera pas créé, et rien de vos données de santé n'est gardé.\n\n"
                "Vous avez changé d'avis ? Contactez votre caisse d'Assurance maladie : elle "
                "pourra créer votre espace."
            ),
        ),
    )
