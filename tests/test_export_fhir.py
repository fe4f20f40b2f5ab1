"""The export's FHIR R4 Bundle validates with fhir.resources and holds each kind of data
as its FHIR resource; a minor's confidential care reaches the minor's own export only."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime

from sqlalchemy import select

from espace import clock
from espace.actors import Actor, ActorRole
from espace.closure.services import may_decide
from espace.export.services import request_export
from espace.files import file_store
from espace.models import (
    Appointment,
    Document,
    DocumentCategory,
    Export,
    Measurement,
    MeasurementKind,
    Message,
    MessageAttachment,
    Professional,
    Reimbursement,
    Representation,
    RepresentationKind,
    Side,
    Thread,
)
from tests.closure_support import JEANNE, files_folder, jeanne, run_jobs
from tests.export_support import bundle_of, prepared, resources
from tests.factories import make_account, make_holder
from tests.upload_samples import PDF, PNG

REQUIRED = {
    "Patient", "AllergyIntolerance", "Condition", "MedicationStatement", "Immunization",
    "Observation", "DocumentReference", "Appointment", "Communication",
}  # fmt: skip
UCUM = {
    MeasurementKind.WEIGHT: ("kg", "29463-7"),
    MeasurementKind.HEIGHT: ("cm", "8302-2"),
    MeasurementKind.BLOOD_PRESSURE: ("mm[Hg]", "85354-9"),
    MeasurementKind.GLYCAEMIA: ("g/L", "2339-0"),
    MeasurementKind.HEART_RATE: ("/min", "8867-4"),
    MeasurementKind.TEMPERATURE: ("Cel", "8310-5"),
}
VALUES = {
    MeasurementKind.WEIGHT: (72.5, None),
    MeasurementKind.HEIGHT: (162, None),
    MeasurementKind.BLOOD_PRESSURE: (135, 82),
    MeasurementKind.GLYCAEMIA: (1.05, None),
    MeasurementKind.HEART_RATE: (72, None),
    MeasurementKind.TEMPERATURE: (37.2, None),
}


def add_one_of_everything(app, db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """An appointment, a message with an attachment and a measurement of each kind, so
    the Bundle has every resource type whatever the demo holds."""
    db.commit()
    space = jeanne(db)
    now = clock.now()
    durand = db.scalars(select(Professional).where(Professional.family_name == "Durand")).one()
    for kind, (value, second) in VALUES.items():
        db.add(Measurement(space_id=space.id, kind=kind, value=value, second_value=second,
                           measured_on=date(2026, 1, 15), created_at=now,
                           updated_at=now))  # fmt: skip
    appointment = Appointment(
        space_id=space.id, starts_at=datetime(2026, 12, 3, 9, 30, tzinfo=UTC),
        title="Consultation de suivi", place="Cabinet, 3 rue des Lilas, Toulouse",
        professional_id=durand.id, created_at=now, updated_at=now,
    )  # fmt: skip
    thread = Thread(space_id=space.id, professional_id=durand.id, subject="Votre bilan",
                    opened_by=Side.PROFESSIONAL, created_at=now, last_message_at=now)  # fmt: skip
    db.add_all([appointment, thread])
    db.flush()
    message = Message(thread_id=thread.id, side=Side.PROFESSIONAL, body="Voici le compte rendu.",
                      created_at=now)  # fmt: skip
    db.add(message)
    db.flush()
    with app.app_context():
        stored = file_store().save(db, PNG, "radio.png")
    attachment = MessageAttachment(message_id=message.id, file_id=stored.id)
    db.add(attachment)
    db.commit()
    return {"appointment": appointment.id, "message": message.id, "attachment": attachment.id}


def test_the_bundle_validates_and_holds_every_resource_type(app, login_as, db):
    add_one_of_everything(app, db)
    archive = prepared(app, login_as(JEANNE))
    bundle = bundle_of(archive)  # parsing it back is the validation
    assert bundle.type == "collection"
    types = {entry.resource.get_resource_type() for entry in bundle.entry}
    assert types >= REQUIRED, REQUIRED - types
    full_urls = [entry.fullUrl for entry in bundle.entry]
    assert len(set(full_urls)) == len(full_urls)
    assert all(url.startswith("urn:uuid:") for url in full_urls)
    # Every reference inside the Bundle points at one of its entries.
    text = archive.read("fhir/bundle.json").decode()

    def references(node):  # type: ignore[no-untyped-def]
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "reference":
                    yield value
                else:
                    yield from references(value)
        elif isinstance(node, list):
            for item in node:
                yield from references(item)

    found = set(references(json.loads(text)))
    assert found and found <= set(full_urls)
    [patient] = resources(bundle, "Patient")
    assert patient.identifier[0].system == "urn:oid:1.2.250.1.213.1.4.8"
    assert patient.identifier[0].value == "254033155512362"
    assert str(patient.birthDate) == "1954-03-12"


def test_measurements_are_observations_with_loinc_codes_and_ucum_units(app, login_as, db):
    add_one_of_everything(app, db)
    bundle = bundle_of(prepared(app, login_as(JEANNE)))
    seen = {}
    for observation in resources(bundle, "Observation"):
        assert observation.status == "final"
        loinc = observation.code.coding[0]
        assert loinc.system == "http://loinc.org"
        quantities = (
            [c.valueQuantity for c in observation.component]
            if observation.component
            else [observation.valueQuantity]
        )
        for quantity in quantities:
            assert quantity.system == "http://unitsofmeasure.org"
            seen.setdefault(loinc.code, set()).add(quantity.code)
    assert seen == {code: {unit} for unit, code in UCUM.values()}
    pressure = next(
        o for o in resources(bundle, "Observation") if o.code.coding[0].code == "85354-9"
    )
    assert [c.code.coding[0].code for c in pressure.component] == ["8480-6", "8462-4"]


def test_appointments_messages_and_attachments_travel_with_their_files(app, login_as, db):
    ids = add_one_of_everything(app, db)
    archive = prepared(app, login_as(JEANNE))
    bundle = bundle_of(archive)
    appointment = next(
        a for a in resources(bundle, "Appointment") if a.id == f"appointment-{ids['appointment']}"
    )
    assert appointment.status == "booked" and appointment.start == appointment.end
    assert {p.actor.display for p in appointment.participant if p.actor.display} == {
        "Dr Sophie Durand", "Cabinet, 3 rue des Lilas, Toulouse",
    }  # fmt: skip
    communication = next(
        c for c in resources(bundle, "Communication") if c.id == f"message-{ids['message']}"
    )
    assert communication.status == "completed"
    assert communication.payload[0].contentString == "Voici le compte rendu."
    attached = communication.payload[1].contentAttachment
    assert attached.contentType == "image/png"
    assert archive.read(attached.url) == PNG
    summary = archive.read("index.html").decode()
    assert "Votre bilan" in summary and f'href="{attached.url}"' in summary
    statuses = {
        "AllergyIntolerance": None, "MedicationStatement": {"active", "completed"},
        "Immunization": {"completed"}, "DocumentReference": {"current"},
        "Appointment": {"booked", "cancelled"}, "Communication": {"completed"},
    }  # fmt: skip
    for resource_type, allowed in statuses.items():
        for resource in resources(bundle, resource_type):
            if allowed:
                assert resource.status in allowed, (resource_type, resource.status)
            else:  # ait-1: a clinical status is required
                assert resource.clinicalStatus.coding[0].code == "active"


def minor_with_a_parent(app, db):  # type: ignore[no-untyped-def]
    """Lucas-like: 16, his own account; his mother represents him. One ordinary document,
    one confidential (CSP R1111-50), and a confidential reimbursement."""
    minor = make_holder(db, given_name="Théo", birth_date=date(2010, 4, 2))
    parent = make_account(db)
    db.add(Representation(space_id=minor.id, account_id=parent.id, kind=RepresentationKind.PARENT,
                          created_at=clock.now()))  # fmt: skip
    with app.app_context():
        store = file_store()
        for title, confidential in (("Vaccin DTP", False), ("Consultation confidentielle", True)):
            stored = store.save(db, PDF, "document.pdf")
            db.add(Document(space_id=minor.id, title=title, category=DocumentCategory.COMPTE_RENDU,
                            document_date=date(2026, 2, 1), author_kind="professional",
                            author_label="Centre de santé", file_id=stored.id,
                            confidential=confidential))  # fmt: skip
    db.add(Reimbursement(space_id=minor.id, care_date=date(2026, 2, 1), act_code="G",
                         care_type="consultation", label="Consultation en centre de planification",
                         amount_cents=2650, reimbursed_cents=2650, line_key="théo-1",
                         confidential=True))  # fmt: skip
    db.commit()
    return minor, parent


def open_export(db, export_id: int) -> zipfile.ZipFile:  # type: ignore[no-untyped-def]
    db.reload()
    stored = db.get(Export, export_id).file
    return zipfile.ZipFile(files_folder(db) / stored.storage_name[:2] / stored.storage_name)


def test_a_minors_confidential_care_goes_to_the_minor_and_never_to_a_parent(app, db):
    minor, parent = minor_with_a_parent(app, db)
    as_minor = Actor(ActorRole.HOLDER, minor.holder)
    as_parent = Actor(ActorRole.REPRESENTATIVE, parent)
    assert may_decide(db, as_minor, minor) and may_decide(db, as_parent, minor)
    with app.app_context():
        own, _ = request_export(db, as_minor, minor, clock.now())
        theirs, _ = request_export(db, as_parent, minor, clock.now())
        db.commit()
    run_jobs(app, clock.now())
    with open_export(db, own.id) as archive:
        titles = {r.description for r in resources(bundle_of(archive), "DocumentReference")}
        assert titles == {"Vaccin DTP", "Consultation confidentielle"}
        assert "centre de planification" in archive.read("index.html").decode()
    with open_export(db, theirs.id) as archive:
        titles = {r.description for r in resources(bundle_of(archive), "DocumentReference")}
        assert titles == {"Vaccin DTP"}
        summary = archive.read("index.html").decode()
        assert "confidentielle" not in summary and "planification" not in summary
        assert len([n for n in archive.namelist() if n.startswith("documents/")]) == 1


def test_a_carer_or_another_holder_decides_nothing_about_a_space(db):
    space = make_holder(db)
    carer, stranger = make_account(db), make_account(db)
    db.add(Representation(space_id=space.id, account_id=carer.id, kind=RepresentationKind.CARER,
                          sections="documents", created_at=clock.now()))  # fmt: skip
    db.flush()
    assert may_decide(db, Actor(ActorRole.HOLDER, space.holder), space)
    assert not may_decide(db, Actor(ActorRole.REPRESENTATIVE, carer), space)
    assert not may_decide(db, Actor(ActorRole.HOLDER, stranger), space)
    assert not may_decide(db, Actor(ActorRole.REPRESENTATIVE, stranger), space)
    db.rollback()


def test_what_the_holder_added_is_authored_by_the_patient(app, login_as, db):
    bundle = bundle_of(prepared(app, login_as(JEANNE)))
    [patient_url] = [e.fullUrl for e in bundle.entry if e.resource.get_resource_type() == "Patient"]
    holder_documents = db.scalars(
        select(Document.id).where(
            Document.space_id == jeanne(db).id, Document.author_kind == "holder"
        )
    ).all()
    assert holder_documents
    for reference in resources(bundle, "DocumentReference"):
        if int(reference.id.removeprefix("document-")) in holder_documents:
            assert reference.author[0].reference == patient_url
        else:
            assert reference.author[0].display
