"""The record's security: no access to someone else's objects (IDOR), no script from user
content (XSS), and no secret or content leaking into the history, notifications, e-mails
or logs."""

from __future__ import annotations

import io
import logging

import pytest
from sqlalchemy import func, select

from espace.models import Account, AuditEntry, AuthorKind, Document, Notification, StoredFile
from tests.matrix.record import jeanne_document
from tests.support import text
from tests.upload_samples import PDF
from tests.xss import injected, nonce_of, payloads, sample

JEANNE = "jeanne.martin@example.org"
KARIM = "karim.benali@example.org"


def snapshot(db) -> tuple:
    db.reload()
    return (
        db.scalar(select(func.count()).select_from(Document)),
        db.scalar(select(func.count()).select_from(StoredFile)),
        tuple(db.scalars(select(Notification.read_at).order_by(Notification.id))),
        tuple(db.scalars(select(Document.title).order_by(Document.id))),
    )


def test_karim_gets_the_same_404_on_every_url_naming_jeannes_objects(login_as, db):
    document = jeanne_document(db)
    own_upload = jeanne_document(db, author_kind=AuthorKind.HOLDER)
    jeanne_notification = db.scalar(
        select(Notification.id)
        .join(Account, Account.id == Notification.account_id)
        .where(Account.email == JEANNE)
    )
    assert document and own_upload and jeanne_notification
    karim = login_as(KARIM)
    before = snapshot(db)
    missing = karim.get("/documents/999999").get_data(as_text=True)
    gets = [
        f"/documents/{document}",
        f"/documents/{document}/fichier",
        f"/documents/{document}/fichier?telecharger=1",
        f"/documents/{own_upload}/supprimer",
    ]
    posts = [f"/documents/{own_upload}/supprimer", f"/notifications/{jeanne_notification}/lue"]
    for url in gets:
        response = karim.get(url)
        assert response.status_code == 404, url
        assert _visible(response.get_data(as_text=True)) == _visible(missing), url
    for url in posts:
        assert karim.post_form(url).status_code == 404, url
    assert snapshot(db) == before


def _visible(html: str) -> str:
    import re

    return re.sub(r'(nonce|content|value)="[^"]*"', "", html)


def test_a_professional_and_an_operator_get_nothing_from_the_holder_pages(login_as, db):
    document = jeanne_document(db)
    holder_pages = ["/documents", f"/documents/{document}", f"/documents/{document}/fichier",
                    "/activite"]  # fmt: skip
    for email in ("sophie.durand@example.org", "agent.cpam@example.org", "animation@example.org"):
        client = login_as(email)
        for url in holder_pages:
            assert client.get(url).status_code == 404, (email, url)
    # The operator and the facilitator have no notifications page either.
    assert login_as("agent.cpam@example.org").get("/notifications").status_code == 404


def upload(client, title: str, filename: str = "analyse.pdf"):
    client.get("/documents/ajouter")
    return client.post_form(
        "/documents/ajouter",
        {"title": title, "category": "compte_rendu", "document_date-jour": "1",
         "document_date-mois": "2", "document_date-annee": "2025",
         "file": (io.BytesIO(PDF), filename)},
    )  # fmt: skip


@pytest.mark.parametrize("payload", sample(4))
def test_script_payloads_in_titles_and_file_names_never_come_back_as_markup(login_as, payload):
    client = login_as(JEANNE)
    response = upload(client, payload[:200], filename=f"{payload[:80]}.pdf")
    if response.status_code == 422:  # refused cleanly (too long for the title, say)
        assert "Il y a un problème" in response.get_data(as_text=True)
        return
    assert response.status_code == 302
    baseline = client.get("/documents/ajouter")  # a page without the payload
    for url in (response.headers["Location"], "/documents", "/activite"):
        page = client.get(url)
        html = page.get_data(as_text=True)
        assert injected(html, nonce_of(page), baseline=baseline.get_data(as_text=True)) == [], url
    detail = client.get(response.headers["Location"])
    if "{{" in payload or "{%" in payload:
        assert payload[:200].strip() in text(detail)  # template probes come back literally


def test_every_payload_is_accepted_or_refused_cleanly(login_as):
    client = login_as(JEANNE)
    for payload in payloads():
        response = upload(client, payload)
        assert response.status_code in (302, 422), payload[:60]


def test_canary_values_never_reach_the_history_notifications_emails_or_logs(
    app, login_as, outbox, db, caplog
):
    caplog.set_level(logging.DEBUG)
    canary_title = "CANARI-titre-7Q2"
    canary_text = b"CANARI-contenu-9Z4"
    client = login_as(JEANNE)
    code = outbox.last_code_for(JEANNE)
    client.get("/documents/ajouter")
    from espace.demo import samples

    client.post_form(
        "/documents/ajouter",
        {"title": canary_title, "category": "compte_rendu", "document_date-jour": "1",
         "document_date-mois": "2", "document_date-annee": "2025",
         "file": (io.BytesIO(samples.pdf("x", [canary_text.decode()])), "canari.pdf")},
    )  # fmt: skip
    client.get("/documents")
    document = db.scalar(select(Document).where(Document.title == canary_title))
    client.get(f"/documents/{document.id}")
    client.get(f"/documents/{document.id}/fichier")
    secrets = [canary_title, canary_text.decode(), "Espace-Demo-2026", code]
    db.reload()
    for entry in db.scalars(select(AuditEntry)):
        row = repr([getattr(entry, c.name) for c in AuditEntry.__table__.columns])
        assert not any(secret in row for secret in secrets), row
    for notification in db.scalars(select(Notification)):
        row = repr([getattr(notification, c.name) for c in Notification.__table__.columns])
        assert not any(secret in row for secret in secrets[:2]), row
    for message in outbox.messages():
        body = message.get_content()
        assert canary_title not in body and canary_text.decode() not in body
        assert "Espace-Demo-2026" not in body
    logged = caplog.text
    assert not any(secret in logged for secret in secrets)
    with client.session_transaction() as cookie:  # flash messages travel in the cookie
        assert canary_title not in repr(dict(cookie))
