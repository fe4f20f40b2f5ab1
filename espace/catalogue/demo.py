"""Demo data of the catalogue: the referenced services, and Jeanne's consent to the
diabetes coaching service, written in her history like any consent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.catalogue.referenced import ensure_referenced
from espace.catalogue.services import grant
from espace.demo.seed import Seeded


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    services = {service.slug: service for service in ensure_referenced(db)}
    jeanne = Actor(ActorRole.HOLDER, seeded.accounts["jeanne"])
    grant(db, jeanne, seeded.spaces["jeanne"], services["glycemie-facile"], now)
