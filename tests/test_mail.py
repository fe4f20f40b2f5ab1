"""E-mails: to the outbox (and terminal) by default, through SMTP when configured."""

from __future__ import annotations

import time

import pytest

from espace import mail
from tests.smtp_server import SmtpServer
from tests.support import Outbox


def test_without_smtp_emails_go_to_the_outbox_and_the_terminal(make_app, capsys):
    app = make_app(PRINT_EMAILS=True)
    with app.app_context():
        mail.send(mail.Email("a@example.org", "Objet de test", "Corps du message"))
    message = Outbox(app.instance_path).last_to("a@example.org")
    assert message["Subject"] == "Objet de test"
    assert message["From"] == "ne-pas-repondre@example.org"
    assert "Corps du message" in message.get_content()
    assert "Objet de test" in capsys.readouterr().err


def test_in_production_codes_are_not_printed_to_the_terminal(make_app, capsys):
    app = make_app(PRINT_EMAILS=False)
    with app.app_context():
        mail.send(mail.Email("a@example.org", "Code", "123456"))
    assert "123456" not in capsys.readouterr().err


def test_with_smtp_host_set_sign_in_codes_go_through_the_smtp_server(make_app):
    with SmtpServer() as server:
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, MAIL_FROM="envoi@example.org")
        client = app.test_client()
        client.get("/connexion")
        client.post_form(
            "/connexion", {"email": "jeanne.martin@example.org", "password": "Espace-Demo-2026"}
        )
        deadline = time.monotonic() + 5
        while not server.received and time.monotonic() < deadline:
            time.sleep(0.02)
    assert len(server.received) == 1
    message = server.received[0]
    assert message["To"] == "jeanne.martin@example.org"
    assert message["From"] == "envoi@example.org"
    assert "code de connexion" in message.get_content()
    assert not Outbox(app.instance_path).messages()


@pytest.mark.parametrize("field", ["to", "subject"])
def test_a_line_break_cannot_be_injected_into_an_email_header(make_app, field):
    app = make_app()
    values = {"to": "a@example.org", "subject": "Objet", "body": "x"}
    values[field] += "\r\nBcc: pirate@example.org"
    with app.app_context(), pytest.raises(ValueError, match="line break"):
        mail.send(mail.Email(**values))
