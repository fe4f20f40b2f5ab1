"""The catalogue de services: each consent given or withdrawn is one history entry.
Reading the catalogue shows the referenced services and the holder's own choices, no
health data."""

from tests.completeness import Operation
from tests.matrix.catalogue import service_id

OPERATIONS = [
    Operation(
        "catalogue.grant",
        "catalogue.consent_granted",
        "POST",
        lambda db: f"/catalogue/{service_id(db, 'tension-suivi')}/autoriser",
    ),
    Operation(
        "catalogue.revoke",
        "catalogue.consent_revoked",
        "POST",
        lambda db: f"/catalogue/{service_id(db, 'glycemie-facile')}/retirer",
    ),
]
EXEMPT = {
    "catalogue.index": "lists the referenced services and whether the holder agreed to "
    "each: no health data (each change of consent is recorded)",
    "catalogue.detail": "one referenced service and the holder's own consents to it: no "
    "health data (each change of consent is recorded)",
}
