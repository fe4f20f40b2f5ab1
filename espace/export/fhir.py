"""The export as a FHIR R4 Bundle (``fhir/bundle.json``), for another health software.

FHIR R4B (4.3.0) is the current release of the R4 line; ``fhir.resources.R4B`` builds each
resource and validates it as it is built (a wrong field raises, and the export fails).
Codes: LOINC for measurements, with UCUM units; identifiers: the NIR under the INS OID.
Each resource's ``fullUrl`` is a UUID derived from the space and the row, so two exports of
the same space name the same things the same way.
"""

from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle

from espace.export import fhir_profile as profile
from espace.export import fhir_records as records
from espace.export.fhir_base import Builder
from espace.export.gather import SpaceData
from espace.models import HistoryKind


def build_bundle(data: SpaceData, files: dict[tuple[str, int], str]) -> Bundle:
    b = Builder(data, files)
    b.add("patient", data.space.id, profile.patient(data))
    for item in data.items["allergies"]:
        b.add("allergy", item.id, profile.allergy(b, item))
    for item in data.items["antecedents"]:
        if item.kind == HistoryKind.FAMILY:
            b.add("family", item.id, profile.family_history(b, item))
        else:
            b.add("condition", item.id, profile.condition(b, item))
    today = data.generated_at.date()
    for item in data.items["traitements"]:
        b.add("treatment", item.id, profile.treatment(b, item, today))
    for item in data.items["vaccinations"]:
        b.add("vaccination", item.id, profile.immunization(b, item))
    for item in data.measurements:
        b.add("measurement", item.id, profile.observation(b, item))
    for document in data.documents:
        b.add("document", document.id, records.document(b, document))
    for appointment in data.appointments:
        b.add("appointment", appointment.id, records.appointment(b, appointment))
    for conversation in data.conversations:
        for posted in conversation.messages:
            b.add(
                "message", posted.message.id, records.communication(b, conversation.thread, posted)
            )
    return b.bundle()
