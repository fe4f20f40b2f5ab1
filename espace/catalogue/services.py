"""The holder's consents to the services of the catalogue. Granting needs an activated
space (as every choice about sharing does, DOMAIN.md "Activation"); revoking is always
possible. Each change writes its history entry in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.models import HealthService, HealthSpace, ServiceConsent, SpaceStatus

MAX_ID = 2**63 - 1  # larger ids cannot exist (and must not reach SQL)


class CatalogueError(Exception):
    """A change the rules refuse; ``message`` is for the person, in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Offer:
    """A service and the holder's consent in force, if any."""

    service: HealthService
    consent: ServiceConsent | None


def catalogue(db: Session, space: HealthSpace) -> list[Offer]:
    in_force = {
        consent.service_id: consent
        for consent in db.scalars(
            select(ServiceConsent).where(
                ServiceConsent.space_id == space.id, ServiceConsent.revoked_at.is_(None)
            )
        )
    }
    services = db.scalars(select(HealthService).order_by(HealthService.position, HealthService.id))
    return [Offer(service, in_force.get(service.id)) for service in services]


def find(db: Session, service_id: int) -> HealthService | None:
    if not 0 < service_id <= MAX_ID:
        return None
    return db.get(HealthService, service_id)


def consents(db: Session, space: HealthSpace, service: HealthService) -> list[ServiceConsent]:
    """Every consent to this service, the latest first (the one in force, if any, first)."""
    return list(
        db.scalars(
            select(ServiceConsent)
            .where(ServiceConsent.space_id == space.id, ServiceConsent.service_id == service.id)
            .order_by(ServiceConsent.granted_at.desc(), ServiceConsent.id.desc())
        )
    )


def in_force(db: Session, space: HealthSpace, service: HealthService) -> ServiceConsent | None:
    return db.scalar(
        select(ServiceConsent).where(
            ServiceConsent.space_id == space.id,
            ServiceConsent.service_id == service.id,
            ServiceConsent.revoked_at.is_(None),
        )
    )


def grant(
    db: Session, actor: Actor, space: HealthSpace, service: HealthService, now: datetime
) -> ServiceConsent:
    if space.status != SpaceStatus.ACTIVE:
        raise CatalogueError(
            "Pour autoriser un service, activez d'abord votre espace santé avec le code reçu "
            "par courrier ou par e-mail."
        )
    current = in_force(db, space, service)
    if current is not None:
        raise CatalogueError("Vous avez déjà autorisé ce service.")
    consent = ServiceConsent(space_id=space.id, service_id=service.id, granted_at=now)
    db.add(consent)
    db.flush()
    record(db, actor, "catalogue.consent_granted", space, target_type="health_service",
           target_id=service.id, now=now)  # fmt: skip
    return consent


def revoke(
    db: Session, actor: Actor, space: HealthSpace, service: HealthService, now: datetime
) -> None:
    current = in_force(db, space, service)
    if current is None:
        raise CatalogueError("Vous n'avez pas autorisé ce service : il n'y a rien à retirer.")
    current.revoked_at = now
    db.flush()
    record(db, actor, "catalogue.consent_revoked", space, target_type="health_service",
           target_id=service.id, now=now)  # fmt: skip
