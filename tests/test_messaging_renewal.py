"""Asking the GP to renew a prescription, from the prescription itself: a structured
message in the thread "Renouvellement d'ordonnance" (the open one, or a new one)."""

from __future__ import annotations

from sqlalchemy import func, select

from espace.messaging.renewal import RENEWAL_SUBJECT
from espace.models import (
    AuditEntry,
    Document,
    DocumentCategory,
    HealthSpace,
    Message,
    MessageKind,
    Notification,
    Thread,
)
from tests.messaging_support import JEANNE, KARIM, SOPHIE, professional, space_of
from tests.support import error_for, text

BUTTON = "Demander le renouvellement à mon médecin traitant"


def prescription(db) -> Document:  # type: ignore[no-untyped-def]
    return db.scalars(
        select(Document)
        .where(
            Document.space_id == space_of(db).id,
            Document.category == DocumentCategory.PRESCRIPTION,
        )
        .order_by(Document.id)
    ).first()


def renewal_threads(db) -> list[Thread]:  # type: ignore[no-untyped-def]
    db.reload()
    return list(
        db.scalars(select(Thread).where(Thread.subject == RENEWAL_SUBJECT).order_by(Thread.id))
    )


def test_the_prescription_page_offers_the_renewal_and_other_documents_do_not(login_as, db):
    client = login_as(JEANNE)
    document = prescription(db)
    page = client.get(f"/documents/{document.id}")
    assert BUTTON in text(page) and "Dr Sophie Durand" in text(page)
    assert f'action="/messagerie/renouvellement/{document.id}"' in page.get_data(as_text=True)
    other = db.scalars(select(Document).where(
        Document.space_id == space_of(db).id,
        Document.category == DocumentCategory.COMPTE_RENDU)).first()  # fmt: skip
    assert BUTTON not in text(client.get(f"/documents/{other.id}"))


def test_the_request_joins_the_open_renewal_thread_and_the_gp_is_told(login_as, db, outbox):
    document = prescription(db)
    threads = renewal_threads(db)
    assert len(threads) == 1  # the demo's, still open
    client = login_as(JEANNE)
    client.get(f"/documents/{document.id}")
    db.reload()
    before = db.scalar(select(func.max(AuditEntry.seq)))
    response = client.post_form(f"/messagerie/renouvellement/{document.id}",
                                {"note": "Plus que **3 jours** de traitement."})  # fmt: skip
    assert response.status_code == 302
    assert response.headers["Location"] == f"/messagerie/{threads[0].id}"
    db.reload()
    assert list(db.scalars(select(AuditEntry.event).where(AuditEntry.seq > before))) == [
        "messages.renewal_requested"
    ]
    message = db.scalars(select(Message).order_by(Message.id.desc())).first()
    assert (message.kind, message.document_id, message.thread_id) == (
        MessageKind.RENEWAL_REQUEST, document.id, threads[0].id,
    )  # fmt: skip
    notice = db.scalars(select(Notification).order_by(Notification.id.desc())).first()
    assert notice.account_id == professional(db, SOPHIE).account_id
    email = outbox.last_to(SOPHIE)
    assert document.title not in email.get_content() and "3 jours" not in email.get_content()
    shown = login_as(SOPHIE).get(f"/messagerie/{threads[0].id}")
    assert "Demande de renouvellement d'ordonnance : " + document.title in text(shown)
    space = space_of(db)
    assert f'href="/pro/patients/{space.id}/documents/{document.id}"' in shown.get_data(
        as_text=True
    )
    assert "<strong>3 jours</strong>" in shown.get_data(as_text=True)


def test_a_closed_renewal_thread_gives_a_new_one(login_as, db):
    from espace import clock

    thread = renewal_threads(db)[0]
    thread.closed_at, thread.closed_reason = clock.now(), "Ordonnance renouvelée."
    db.commit()
    document = prescription(db)
    client = login_as(JEANNE)
    client.get(f"/documents/{document.id}")
    response = client.post_form(f"/messagerie/renouvellement/{document.id}", {"note": ""})
    assert response.status_code == 302
    threads = renewal_threads(db)
    assert len(threads) == 2 and response.headers["Location"] == f"/messagerie/{threads[1].id}"


def test_a_note_too_long_is_told_and_kept(login_as, db):
    document = prescription(db)
    client = login_as(JEANNE)
    assert client.get(f"/messagerie/renouvellement/{document.id}").status_code == 200
    response = client.post_form(f"/messagerie/renouvellement/{document.id}", {"note": "a" * 1001})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "au plus 1000 caractères" in error_for(html, "note")
    assert "a" * 1001 in html


def test_without_a_gp_there_is_no_button_and_the_request_is_refused(login_as, db):
    space = space_of(db)
    space.gp_professional_id = None
    db.commit()
    document = prescription(db)
    client = login_as(JEANNE)
    assert BUTTON not in text(client.get(f"/documents/{document.id}"))
    count = db.scalar(select(func.count()).select_from(Message))
    response = client.post_form(f"/messagerie/renouvellement/{document.id}", {"note": ""})
    assert response.status_code == 409
    assert "Vous n'avez pas déclaré de médecin traitant" in text(response)
    db.reload()
    assert db.scalar(select(func.count()).select_from(Message)) == count


def test_only_the_holders_own_prescriptions_can_be_renewed(login_as, db):
    document = prescription(db)
    report = db.scalars(select(Document).where(
        Document.space_id == space_of(db).id,
        Document.category == DocumentCategory.COMPTE_RENDU)).first()  # fmt: skip
    karim = login_as(KARIM)
    karim.get("/messagerie")
    assert karim.get(f"/messagerie/renouvellement/{document.id}").status_code == 404
    assert karim.post_form(f"/messagerie/renouvellement/{document.id}").status_code == 404
    jeanne = login_as(JEANNE)
    assert jeanne.get(f"/messagerie/renouvellement/{report.id}").status_code == 404
    sophie = login_as(SOPHIE)
    sophie.get("/messagerie")
    assert sophie.post_form(f"/messagerie/renouvellement/{document.id}").status_code == 404
    assert db.get(HealthSpace, document.space_id) is not None
