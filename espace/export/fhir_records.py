"""What the space holds beyond the profile, as FHIR resources: DocumentReference (each
document, pointing at its file inside the ZIP), Appointment, Communication (messages)."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.appointment import Appointment
from fhir.resources.R4B.communication import Communication
from fhir.resources.R4B.documentreference import DocumentReference

from espace.export.fhir_base import UNSAID, UNTITLED, Builder, text
from espace.models import AuthorKind, Side

CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"


def document(b: Builder, document: Any) -> DocumentReference:
    if document.author_kind == AuthorKind.HOLDER:
        author = b.patient
    else:
        author = {"display": text(document.author_name, UNSAID)}
    attachment: dict[str, Any] = {
        "contentType": document.file.media_type,
        "title": text(document.title, UNTITLED),
        "creation": document.document_date,
        "size": document.file.size,
    }
    if path := b.files.get(("document", document.id)):
        attachment["url"] = path
    return DocumentReference(
        id=f"document-{document.id}",
        status="current",
        type={"text": document.category.label},
        subject=b.patient,
        date=document.created_at,
        author=[author],
        description=text(document.title, UNTITLED),
        securityLabel=(
            [{"coding": [{"system": CONFIDENTIALITY, "code": "R"}]}]
            if document.confidential
            else None
        ),
        content=[{"attachment": attachment}],
    )


def appointment(b: Builder, appointment: Any) -> Appointment:
    participants = [{"actor": b.patient, "status": "accepted"}]
    with_whom = (
        appointment.professional.display_name
        if appointment.professional
        else text(appointment.professional_text)
    )
    if with_whom:
        participants.append(
            {"actor": {"type": "Practitioner", "display": with_whom}, "status": "accepted"}
        )
    if text(appointment.place):
        participants.append(
            {"actor": {"type": "Location", "display": appointment.place}, "status": "accepted"}
        )
    # No end time is kept: a booked appointment needs one (FHIR app-2, app-3), so it ends
    # when it starts.
    return Appointment(
        id=f"appointment-{appointment.id}",
        status="cancelled" if appointment.cancelled_at else "booked",
        description=text(appointment.title, UNTITLED),
        start=appointment.starts_at,
        end=appointment.starts_at,
        created=appointment.created_at,
        comment=text(appointment.note),
        participant=participants,
    )


def communication(b: Builder, thread: Any, posted: Any) -> Communication:
    message = posted.message
    professional = {"type": "Practitioner", "display": thread.professional.display_name}
    by_holder = message.side == Side.HOLDER
    payload: list[dict[str, Any]] = [{"contentString": text(message.body, "(message vide)")}]
    for attachment in posted.attachments:
        content: dict[str, Any] = {
            "contentType": attachment.file.media_type,
            "title": text(attachment.file.original_name, UNTITLED),
            "size": attachment.file.size,
        }
        if path := b.files.get(("attachment", attachment.id)):
            content["url"] = path
        payload.append({"contentAttachment": content})
    return Communication(
        id=f"message-{message.id}",
        status="completed",
        subject=b.patient,
        topic={"text": text(thread.subject, UNTITLED)},
        sent=message.created_at,
        sender=b.patient if by_holder else professional,
        recipient=[professional if by_holder else b.patient],
        payload=payload,
    )
