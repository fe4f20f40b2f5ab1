"""Helpers shared by the tests: a client that checks every page, the outbox, sign-in."""

from __future__ import annotations

import email
import email.policy
import html as html_lib
import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from espace.demo.personas import DEMO_PASSWORD
from tests.pagecheck import page_problems

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


class CheckedClient(FlaskClient):
    """A test client that runs the page check on every full HTML page it receives."""

    check_pages = True

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        kwargs.setdefault("buffered", True)  # read and close files sent back (no leaks)
        response = super().open(*args, **kwargs)
        # Werkzeug spools large test bodies to a temporary file it never closes.
        body = response.request.environ.get("wsgi.input")
        if body is not None and hasattr(body, "close"):
            body.close()
        if (
            response.mimetype != "text/html"
            or 300 <= response.status_code < 400
            or "Content-Encoding" in response.headers
        ):
            return response
        body = response.get_data(as_text=True)
        self.last_html = body
        fragment = response.request.headers.get("HX-Request") == "true"
        if self.check_pages and not fragment:
            problems = page_problems(body, response.headers.get("Content-Security-Policy"))
            assert not problems, (
                f"page check failed for {response.request.method} {response.request.path} "
                f"({response.status_code}): {problems}"
            )
        return response

    last_html: str = ""

    def csrf_token(self) -> str:
        for pattern in (CSRF_META, CSRF_INPUT):
            match = pattern.search(self.last_html)
            if match:
                return match.group(1)
        self.get("/accessibilite")
        match = CSRF_META.search(self.last_html)
        assert match, "no CSRF token found on the page"
        return match.group(1)

    def post_form(
        self, url: str, data: dict[str, Any] | None = None, **kwargs: Any
    ) -> TestResponse:
        """POST like a browser submitting the page's form, CSRF token included."""
        fields = {"csrf_token": self.csrf_token(), **(data or {})}
        return self.post(url, data=fields, **kwargs)


class Outbox:
    def __init__(self, instance_path: str | Path) -> None:
        self.folder = Path(instance_path) / "outbox"

    def messages(self) -> list[EmailMessage]:
        if not self.folder.exists():
            return []
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
            for path in sorted(self.folder.glob("*.eml"))
        ]

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages() if m["To"] == address]

    def last_to(self, address: str) -> EmailMessage:
        messages = self.to(address)
        assert messages, f"no e-mail sent to {address}"
        return messages[-1]

    def last_code_for(self, address: str) -> str:
        """The code of the most recent sign-in code e-mail (other e-mails may follow it)."""
        for message in reversed(self.to(address)):
            match = re.search(r"code de connexion est : (\d{6})", message.get_content())
            if match:
                return match.group(1)
        raise AssertionError(f"no sign-in code e-mailed to {address}")


def sign_in(
    client: CheckedClient, outbox: Outbox, email_address: str, password: str = DEMO_PASSWORD
) -> TestResponse:
    """The whole sign-in, as a person does it: password, then the code from the e-mail."""
    client.get("/connexion")
    response = client.post_form("/connexion", {"email": email_address, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    client.get("/connexion/code")
    response = client.post_form("/connexion/code", {"code": outbox.last_code_for(email_address)})
    assert response.status_code == 302 and "/connexion" not in response.headers["Location"]
    client.get(response.headers["Location"])  # like a browser, land on the page
    return response


def error_for(html: str, field_id: str, link: str | None = None) -> str:
    """The error message of a field, checking what a screen reader relies on: the summary
    links to the field (``link``: the box a date's error points to), the message is in the
    field's ``aria-describedby``, and the field is marked invalid."""
    match = re.search(rf'<p class="error-message" id="{field_id}-error">(.*?)</p>', html, re.S)
    assert match, f"no error message for field {field_id}"
    assert f'href="#{link or field_id}"' in html, (
        f"the error summary does not link to #{link or field_id}"
    )
    described = re.search(rf'<[^>]*aria-describedby="[^"]*\b{field_id}-error\b[^"]*"[^>]*>', html)
    assert described, f"{field_id}-error is not in any aria-describedby"
    target = re.search(rf'<[^>]*\bid="{link or field_id}"[^>]*>', html)
    assert target and 'aria-invalid="true"' in target.group(0), f"#{link or field_id} not invalid"
    return html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1))).replace("Erreur :", "").strip()


def text(response: TestResponse) -> str:
    """The page as a person reads it: markup removed, entities decoded, spaces folded."""
    body = re.sub(
        r"<(script|style)[^>]*>.*?</\1>", " ", response.get_data(as_text=True), flags=re.S
    )
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", body))).strip()
