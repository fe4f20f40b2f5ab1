"""Attachments: the upload rules of the record (type by content, 5 MB), shown with their
format and size, opened safely; and the holder saving one into her documents in one
action, the document keeping its professional author."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from espace.models import (
    AuditEntry,
    AuthorKind,
    Document,
    DocumentCategory,
    Message,
    MessageAttachment,
    StoredFile,
    Thread,
)
from tests.messaging_support import (
    AMINA,
    JEANNE,
    PAUL,
    account,
    make_thread,
    professional,
    space_of,
)
from tests.support import error_for, text
from tests.upload_samples import PDF, PNG, REFUSED


def upload(content: bytes, name: str) -> dict:
    return {"file": (io.BytesIO(content), name)}


def count(db, model) -> int:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalar(select(func.count()).select_from(model))


def last_events(db, seq: int) -> list[str]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(db.scalars(select(AuditEntry.event).where(AuditEntry.seq > seq)))


def seq(db) -> int:  # type: ignore[no-untyped-def]
    db.reload()
    return db.scalar(select(func.max(AuditEntry.seq))) or 0


def test_a_reply_with_a_file_shows_it_with_format_and_size_and_opens_safely(login_as, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    client = login_as(JEANNE)
    client.get(f"/messagerie/{thread.id}")
    response = client.post_form(f"/messagerie/{thread.id}/repondre", {
        "body": "Voici ma photo", **upload(PNG, "../../ma photo.png")})  # fmt: skip
    assert response.status_code == 302
    db.reload()
    attachment = db.scalars(select(MessageAttachment).order_by(MessageAttachment.id.desc())).first()
    assert attachment.file.original_name == "ma photo.png"
    assert attachment.file.media_type == "image/png"
    page = login_as(PAUL).get(f"/messagerie/{thread.id}")
    assert "Ouvrir la pièce jointe « ma photo.png » (image PNG, 1 Ko)" in text(page)
    paul = login_as(PAUL)
    paul.get(f"/messagerie/{thread.id}")
    before = seq(db)
    served = paul.get(f"/messagerie/pieces-jointes/{attachment.id}/fichier")
    assert served.status_code == 200 and served.data == PNG
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert last_events(db, before) == ["messages.attachment_downloaded"]
    assert "Enregistrer dans mes documents" not in text(page)  # professionals have no such list


def test_a_professional_opens_a_thread_with_a_file(login_as, db):
    space = space_of(db)
    client = login_as(AMINA)
    client.get("/messagerie/nouvelle")
    response = client.post_form("/messagerie/nouvelle", {
        "recipient": str(space.id), "subject": "Votre plan de soins", "body": "Ci-joint.",
        **upload(PDF, "plan.pdf")})  # fmt: skip
    assert response.status_code == 302
    db.reload()
    thread = db.scalars(select(Thread).order_by(Thread.id.desc())).first()
    message = db.scalars(select(Message).where(Message.thread_id == thread.id)).one()
    assert db.scalars(select(MessageAttachment).filter_by(message_id=message.id)).one()


@pytest.mark.parametrize(("name", "content", "says"), REFUSED[:3] + REFUSED[9:14])
def test_a_refused_file_gets_a_message_and_nothing_is_stored(login_as, db, name, content, says):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    client = login_as(JEANNE)
    client.get(f"/messagerie/{thread.id}")
    files, messages = count(db, StoredFile), count(db, Message)
    response = client.post_form(f"/messagerie/{thread.id}/repondre", {
        "body": "Mon texte gardé", **upload(content, name)})  # fmt: skip
    assert response.status_code in (413, 422)
    if response.status_code == 422:
        html = response.get_data(as_text=True)
        assert says in error_for(html, "file")
        assert "Mon texte gardé" in html
    assert (count(db, StoredFile), count(db, Message)) == (files, messages)


def amina_attachment(db) -> MessageAttachment:  # type: ignore[no-untyped-def]
    """The demo's PDF sent by Amina Diallo to Jeanne."""
    return db.scalars(
        select(MessageAttachment)
        .join(Message, Message.id == MessageAttachment.message_id)
        .join(Thread, Thread.id == Message.thread_id)
        .where(Thread.professional_id == professional(db, AMINA).id)
    ).one()


def test_the_holder_saves_an_attachment_into_her_documents_in_one_action(login_as, db):
    attachment = amina_attachment(db)
    thread_id = db.get(Message, attachment.message_id).thread_id
    client = login_as(JEANNE)
    page = client.get(f"/messagerie/{thread_id}")
    assert "Fiche de surveillance" not in text(page)  # the file name, not its content
    assert "« fiche-glycemies.pdf » (PDF, " in text(page)
    field = f"pj{attachment.id}-categorie"
    documents = count(db, Document)
    response = client.post_form(f"/messagerie/pieces-jointes/{attachment.id}/enregistrer",
                                {field: ""})  # fmt: skip
    assert response.status_code == 422
    assert "Choisissez la catégorie" in error_for(response.get_data(as_text=True), field)
    assert count(db, Document) == documents
    before = seq(db)
    response = client.post_form(f"/messagerie/pieces-jointes/{attachment.id}/enregistrer",
                                {field: "plan_de_soins"})  # fmt: skip
    assert response.status_code == 302
    assert last_events(db, before) == ["messages.attachment_saved"]
    document = db.scalars(select(Document).order_by(Document.id.desc())).first()
    assert response.headers["Location"] == f"/documents/{document.id}"
    assert document.category == DocumentCategory.PLAN_DE_SOINS
    assert (document.author_kind, document.author_professional_id) == (
        AuthorKind.PROFESSIONAL, professional(db, AMINA).id,
    )  # fmt: skip
    assert document.title == "fiche-glycemies"
    assert document.file_id != attachment.file_id
    assert document.file.sha256 == attachment.file.sha256
    shown = client.get(response.headers["Location"])
    assert "Amina Diallo" in text(shown) and "enregistrée dans vos documents" in text(shown)
    # Saving again makes no second document, and writes nothing.
    before = seq(db)
    again = client.post_form(f"/messagerie/pieces-jointes/{attachment.id}/enregistrer",
                             {field: "compte_rendu"})  # fmt: skip
    assert again.headers["Location"] == f"/documents/{document.id}"
    assert count(db, Document) == documents + 1 and last_events(db, before) == []


def test_her_own_attachment_is_saved_as_hers(login_as, db):
    thread = make_thread(db, space_of(db), professional(db, PAUL))
    client = login_as(JEANNE)
    client.get(f"/messagerie/{thread.id}")
    client.post_form(f"/messagerie/{thread.id}/repondre", {"body": "Photo",
                                                           **upload(PNG, "carte.png")})  # fmt: skip
    db.reload()
    attachment = db.scalars(select(MessageAttachment).order_by(MessageAttachment.id.desc())).first()
    client.get(f"/messagerie/{thread.id}")
    response = client.post_form(f"/messagerie/pieces-jointes/{attachment.id}/enregistrer",
                                {f"pj{attachment.id}-categorie": "document_patient"})  # fmt: skip
    assert response.status_code == 302
    db.reload()
    document = db.scalars(select(Document).order_by(Document.id.desc())).first()
    assert document.author_kind == AuthorKind.HOLDER and document.author_professional_id is None
    assert document.added_by_account_id == account(db, JEANNE).id
    # The document has its own copy: deleting it leaves the conversation whole.
    client.get(f"/documents/{document.id}/supprimer")
    assert client.post_form(f"/documents/{document.id}/supprimer").status_code == 302
    served = client.get(f"/messagerie/pieces-jointes/{attachment.id}/fichier")
    assert served.status_code == 200 and served.data == PNG


def test_a_professional_cannot_save_an_attachment_into_documents(login_as, db):
    attachment = amina_attachment(db)
    client = login_as(AMINA)
    client.get("/messagerie")
    documents = count(db, Document)
    response = client.post_form(f"/messagerie/pieces-jointes/{attachment.id}/enregistrer",
                                {f"pj{attachment.id}-categorie": "plan_de_soins"})  # fmt: skip
    assert response.status_code == 404
    assert count(db, Document) == documents
