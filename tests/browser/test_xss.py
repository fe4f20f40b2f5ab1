"""Stored script payloads, shown in the browser, never run: with the CSP on, and with the
CSP bypassed (so the escaping and sanitising underneath are what is tested)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from espace import clock
from espace.models import AuthorKind, Document, DocumentCategory, HealthSpace, PrivateNote
from tests.browser.helpers import sign_in
from tests.xss import sample

JEANNE = "jeanne.martin@example.org"
SENTINEL = """() => [window, ...Array.from(window.frames)].some(f => {
  try { return typeof f.__xss !== 'undefined'; } catch (e) { return false; }
})"""


@pytest.fixture
def stored_payloads(db):
    """Every fifth payload as a document title and as a private note of Jeanne's."""
    space = db.scalars(select(HealthSpace).where(HealthSpace.nir == "254033155512362")).one()
    template = db.scalars(select(Document).where(Document.space_id == space.id)).first()
    payloads = sample(5)
    for n, payload in enumerate(payloads):
        db.add(
            Document(
                space_id=space.id, title=payload[:200], category=DocumentCategory.COMPTE_RENDU,
                document_date=date(2026, 1, 1), author_kind=AuthorKind.HOLDER,
                file_id=template.file_id, masked=False, created_at=clock.now(),
                updated_at=clock.now(),
            )
        )  # fmt: skip
        db.add(
            PrivateNote(
                space_id=space.id,
                title=f"Note {n}",
                body=payload,
                created_at=clock.now(),
                updated_at=clock.now(),
            )
        )
    db.commit()
    return payloads


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "sans-csp"])
def test_stored_payloads_never_run(live_server, browser, stored_payloads, db, bypass_csp):
    context = browser.new_context(bypass_csp=bypass_csp)
    page = context.new_page()
    sign_in(page, live_server.url, live_server.outbox, JEANNE)
    document_ids = db.scalars(select(Document.id).order_by(Document.id.desc()).limit(6)).all()
    urls = ["/documents", "/documents?page=2", "/documents?page=3", "/documents?page=4",
            "/profil/notes", "/activite"] + [f"/documents/{i}" for i in document_ids]  # fmt: skip
    for path in urls:
        page.goto(live_server(path))
        page.wait_for_load_state("networkidle")
        for _ in range(15):  # focus moves through the page, as a keyboard user would
            page.keyboard.press("Tab")
        page.mouse.move(200, 300)
        assert page.url == live_server(path), f"navigated away from {path}"
        assert page.evaluate(SENTINEL) is False, path
        assert page.evaluate("document.getElementById('__xss') === null"), path
    context.close()
