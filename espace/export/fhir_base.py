"""What every FHIR resource of an export shares: the Builder that gives each one its
``fullUrl`` and collects the Bundle's entries, and the rules for text (FHIR strings are
never empty)."""

from __future__ import annotations

import uuid
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.resource import Resource

from espace.export.gather import SpaceData

NAMESPACE = uuid.UUID("6f1c52f4-3a39-4c5e-9a51-2f1f5a1c0e77")  # ours, fixed forever
UNSAID = "Non précisé"
UNTITLED = "Sans titre"


class Builder:
    """Resources of one export, with references between them inside the Bundle."""

    def __init__(self, data: SpaceData, files: dict[tuple[str, int], str]) -> None:
        self.data = data
        self.files = files  # ("document" | "attachment", id) -> path inside the ZIP
        self.entries: list[dict[str, Any]] = []
        self.patient = {"reference": self.url("patient", data.space.id)}

    def url(self, kind: str, row_id: int) -> str:
        """A UUID derived from the space and the row: two exports of one space name the
        same things the same way."""
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{self.data.space.id}/{kind}/{row_id}')}"

    def add(self, kind: str, row_id: int, resource: Resource) -> None:
        self.entries.append({"fullUrl": self.url(kind, row_id), "resource": resource})

    def bundle(self) -> Bundle:
        return Bundle(
            type="collection",
            identifier={"system": "urn:ietf:rfc:3986", "value": self.url("export", 0)},
            timestamp=self.data.generated_at,
            entry=self.entries,
        )


def text(value: str | None, fallback: str | None = None) -> str | None:
    """A FHIR string is never empty: blank text is left out (or replaced by ``fallback``
    where FHIR requires a value)."""
    return value if value and value.strip() else fallback


def notes(*texts: str | None) -> list[dict[str, str]] | None:
    kept = [{"text": value} for value in texts if value and text(value)]
    return kept or None
