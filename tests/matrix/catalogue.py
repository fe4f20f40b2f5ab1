"""Matrix rows of the catalogue de services: holders only. Jeanne has agreed to Glycémie
Facile (the demo); Karim has not, so withdrawing it sends him back to the service's page."""

from sqlalchemy import select

from espace.models import HealthService
from tests.matrix import HOLDERS_ONLY


def service_id(db, slug: str) -> int:  # type: ignore[no-untyped-def]
    return db.scalars(select(HealthService.id).where(HealthService.slug == slug)).one()


URLS = {
    "catalogue.detail": lambda db: f"/catalogue/{service_id(db, 'glycemie-facile')}",
    "catalogue.grant": lambda db: f"/catalogue/{service_id(db, 'tension-suivi')}/autoriser",
    "catalogue.revoke": lambda db: f"/catalogue/{service_id(db, 'glycemie-facile')}/retirer",
}
ROWS = {
    ("catalogue.index", "GET"): HOLDERS_ONLY,
    ("catalogue.detail", "GET"): HOLDERS_ONLY,
    ("catalogue.grant", "GET"): HOLDERS_ONLY,
    ("catalogue.revoke", "GET"): {**HOLDERS_ONLY, "other_holder": 302},
}
POST_ONLY: set[str] = set()
