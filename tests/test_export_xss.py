"""What people typed stays text in the export: every injection of the corpus, put in
document titles, the profile, notes, messages and appointments, adds no markup to the
summary (index.html, opened from the disk with no CSP to help), and the FHIR Bundle still
validates (blank optional text is left out, never written as an empty FHIR string)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from espace import clock
from espace.models import (
    Allergy,
    Appointment,
    AuthorKind,
    Document,
    DocumentCategory,
    Message,
    PrivateNote,
    Professional,
    Side,
    Thread,
    Vaccination,
)
from tests.closure_support import JEANNE, jeanne
from tests.export_support import bundle_of, prepared
from tests.xss import injected, sample


def fill_with(db, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Each text as a document title, an allergy, a note, a message and an appointment."""
    db.commit()
    space = jeanne(db)
    now = clock.now()
    file_id = db.scalar(select(Document.file_id).where(Document.space_id == space.id))
    durand = db.scalars(select(Professional).where(Professional.family_name == "Durand")).one()
    thread = Thread(space_id=space.id, professional_id=durand.id, subject=texts[0][:200],
                    opened_by=Side.HOLDER, created_at=now, last_message_at=now)  # fmt: skip
    db.add(thread)
    db.flush()
    for text in texts:
        db.add_all([
            Document(space_id=space.id, title=text[:200], category=DocumentCategory.COMPTE_RENDU,
                     document_date=date(2026, 1, 2), author_kind=AuthorKind.HOLDER,
                     file_id=file_id, created_at=now, updated_at=now),
            Allergy(space_id=space.id, substance=text[:200], reaction=text[:300],
                    created_at=now, updated_at=now),
            PrivateNote(space_id=space.id, title=text[:200], body=text, created_at=now,
                        updated_at=now),
            Message(thread_id=thread.id, side=Side.HOLDER, body=text, created_at=now),
            Appointment(space_id=space.id, starts_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
                        title=text[:200], place=text[:300], note=text[:1000],
                        created_at=now, updated_at=now),
        ])  # fmt: skip
    # Blank optional text, as an older form could have saved it.
    db.add(Vaccination(space_id=space.id, vaccine="Vaccin aux champs vides",
                       given_on=date(2025, 10, 20), batch="", note="   ", created_at=now,
                       updated_at=now))  # fmt: skip
    db.commit()


def test_injections_stay_text_in_the_summary_and_the_bundle_validates(app, login_as, db):
    fill_with(db, ["Texte ordinaire"])
    baseline = prepared(app, login_as(JEANNE)).read("index.html").decode()
    ours = sorted(injected(baseline, None))  # the summary's own <style> and <meta>

    texts = list(sample(5))
    fill_with(db, texts)
    archive = prepared(app, login_as(JEANNE))
    summary = archive.read("index.html").decode()
    assert sorted(injected(summary, None)) == ours
    bundle = bundle_of(archive)  # validates
    titles = {
        entry.resource.description
        for entry in bundle.entry
        if entry.resource.get_resource_type() == "DocumentReference"
    }
    assert {text[:200] for text in texts if text[:200].strip()} <= titles
    vaccine = next(
        e.resource
        for e in bundle.entry
        if e.resource.get_resource_type() == "Immunization"
        and e.resource.vaccineCode.text == "Vaccin aux champs vides"
    )
    assert vaccine.lotNumber is None and vaccine.note is None
