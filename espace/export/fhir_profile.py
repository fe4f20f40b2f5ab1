"""The patient and their profil médical as FHIR resources: Patient, AllergyIntolerance,
Condition (personal antécédents), FamilyMemberHistory (a relative's), MedicationStatement,
Immunization, Observation (LOINC codes, UCUM units)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fhir.resources.R4B.allergyintolerance import AllergyIntolerance
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.familymemberhistory import FamilyMemberHistory
from fhir.resources.R4B.immunization import Immunization
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient

from espace.export.fhir_base import UNSAID, Builder, notes, text
from espace.export.gather import SpaceData
from espace.models import ContactKind, MeasurementKind
from espace.profile.measures import BY_KIND

NIR_SYSTEM = "urn:oid:1.2.250.1.213.1.4.8"  # INS-NIR (Agence du numérique en santé)
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"

# kind -> (LOINC code, LOINC name, UCUM code, category)
OBSERVATION_CODES = {
    MeasurementKind.WEIGHT: ("29463-7", "Body weight", "kg", "vital-signs"),
    MeasurementKind.HEIGHT: ("8302-2", "Body height", "cm", "vital-signs"),
    MeasurementKind.BLOOD_PRESSURE: (
        "85354-9", "Blood pressure panel with all children optional", "mm[Hg]", "vital-signs",
    ),
    MeasurementKind.GLYCAEMIA: ("2339-0", "Glucose [Mass/volume] in Blood", "g/L", "laboratory"),
    MeasurementKind.HEART_RATE: ("8867-4", "Heart rate", "/min", "vital-signs"),
    MeasurementKind.TEMPERATURE: ("8310-5", "Body temperature", "Cel", "vital-signs"),
}  # fmt: skip
SYSTOLIC = ("8480-6", "Systolic blood pressure")
DIASTOLIC = ("8462-4", "Diastolic blood pressure")


def patient(data: SpaceData) -> Patient:
    space = data.space
    contacts = []
    for person in data.items["entourage"]:
        telecom = [
            {"system": system, "value": value}
            for system, value in (("phone", person.phone), ("email", person.email))
            if text(value)
        ]
        relationship = (
            "Personne de confiance"
            if person.kind == ContactKind.TRUSTED_PERSON
            else "Personne à prévenir en cas d'urgence"
        )
        contacts.append(
            {
                "relationship": [{"text": relationship}],
                "name": {"text": text(person.name, UNSAID)},
                "telecom": telecom or None,
            }
        )
    return Patient(
        id="patient",
        identifier=[{"system": NIR_SYSTEM, "value": space.nir, "type": {"text": "NIR"}}],
        name=[{"text": space.full_name, "family": space.family_name, "given": [space.given_name]}],
        birthDate=space.birth_date,
        generalPractitioner=[{"display": space.gp.display_name}] if space.gp else None,
        contact=contacts or None,
    )


def allergy(b: Builder, item: Any) -> AllergyIntolerance:
    reaction = None
    if text(item.reaction) or item.severity:
        reaction = [
            {
                "manifestation": [{"text": text(item.reaction, "Réaction non précisée")}],
                "severity": item.severity.value if item.severity else None,
            }
        ]
    return AllergyIntolerance(
        id=f"allergy-{item.id}",
        clinicalStatus={"coding": [{"system": ALLERGY_CLINICAL, "code": "active"}]},
        code={"text": text(item.substance, UNSAID)},
        patient=b.patient,
        onsetDateTime=item.noted_on,
        recordedDate=item.created_at,
        reaction=reaction,
    )


def condition(b: Builder, item: Any) -> Condition:
    return Condition(
        id=f"condition-{item.id}",
        code={"text": text(item.label, UNSAID)},
        subject=b.patient,
        onsetDateTime=item.since,
        recordedDate=item.created_at,
        note=notes(item.note),
    )


def family_history(b: Builder, item: Any) -> FamilyMemberHistory:
    """A relative's condition is not the patient's: FHIR has its own resource for it."""
    return FamilyMemberHistory(
        id=f"family-{item.id}",
        status="completed",
        patient=b.patient,
        date=item.created_at,
        relationship={"text": text(item.relative, "Membre de la famille")},
        condition=[{"code": {"text": text(item.label, UNSAID)}, "note": notes(item.note)}],
    )


def treatment(b: Builder, item: Any, today: date) -> MedicationStatement:
    stopped = item.ended_on is not None and item.ended_on <= today
    period = None
    if item.started_on or item.ended_on:
        period = {"start": item.started_on, "end": item.ended_on}
    return MedicationStatement(
        id=f"treatment-{item.id}",
        status="completed" if stopped else "active",
        medicationCodeableConcept={"text": text(item.name, UNSAID)},
        subject=b.patient,
        effectivePeriod=period,
        dateAsserted=item.created_at,
        dosage=[{"text": item.dosage}] if text(item.dosage) else None,
        note=notes(f"Prescrit par {item.prescriber}" if text(item.prescriber) else None),
    )


def immunization(b: Builder, item: Any) -> Immunization:
    return Immunization(
        id=f"immunization-{item.id}",
        status="completed",
        vaccineCode={"text": text(item.vaccine, UNSAID)},
        patient=b.patient,
        occurrenceDateTime=item.given_on,
        recorded=item.created_at,
        lotNumber=text(item.batch),
        note=notes(item.note),
    )


def quantity(value: float, ucum: str, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": ucum}


def observation(b: Builder, item: Any) -> Observation:
    spec = BY_KIND[item.kind]
    code, name, ucum, category = OBSERVATION_CODES[item.kind]
    fields: dict[str, Any] = {}
    if item.kind == MeasurementKind.BLOOD_PRESSURE:
        fields["component"] = [
            {
                "code": {"coding": [{"system": LOINC, "code": c, "display": n}]},
                "valueQuantity": quantity(v, ucum, "mmHg"),
            }
            for (c, n), v in ((SYSTOLIC, item.value), (DIASTOLIC, item.second_value))
            if v is not None
        ]
    else:
        fields["valueQuantity"] = quantity(item.value, ucum, spec.unit)
    return Observation(
        id=f"observation-{item.id}",
        status="final",
        category=[{"coding": [{"system": OBSERVATION_CATEGORY, "code": category}]}],
        code={"coding": [{"system": LOINC, "code": code, "display": name}], "text": spec.label},
        subject=b.patient,
        effectiveDateTime=item.measured_on,
        note=notes(item.note),
        **fields,
    )
