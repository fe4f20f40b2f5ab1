"""Sending e-mails: through SMTP when ``ESPACE_SMTP_HOST`` is set, otherwise into
``instance/outbox/`` (and the terminal outside production) so a newcomer can sign in.

E-mails say *that* something happened and invite the person to sign in; they never carry
health data (DOMAIN.md, "Every operation is traced and notified").
"""

from __future__ import annotations

import logging
import re
import smtplib
import sys
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from espace import clock

log = logging.getLogger(__name__)
_HEADER_UNSAFE = re.compile(r"[\r\n]")


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


def _build(email: Email, sender: str) -> EmailMessage:
    if _HEADER_UNSAFE.search(email.to) or _HEADER_UNSAFE.search(email.subject):
        raise ValueError("line break in an e-mail header")
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to
    message["Subject"] = email.subject
    message["Date"] = formatdate(clock.now().timestamp(), localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    message.set_content(email.body + _FOOTER)
    return message


_FOOTER = (
    "\n\n--\nEspace santé. Ce message est envoyé automatiquement : n'y répondez pas.\n"
    "Pour votre sécurité, nous ne vous demanderons jamais votre mot de passe par e-mail.\n"
)


PENDING = "espace.mail.pending"


def send_on_commit(db: Session, email: Email) -> None:
    """Send once the transaction commits, and never if it rolls back: nobody is told of
    something that did not happen (a code for an attempt that was not recorded, a
    notification of a change that failed)."""
    _build(email, current_app.config["MAIL_FROM"])  # refuse bad headers now, not later
    db.info.setdefault(PENDING, []).append((current_app._get_current_object(), email))


@event.listens_for(Session, "after_commit")
def _send_pending(db: Session) -> None:
    for app, email in db.info.pop(PENDING, []):
        with app.app_context():
            send(email)


@event.listens_for(Session, "after_rollback")
def _drop_pending(db: Session) -> None:
    db.info.pop(PENDING, None)


def send(email: Email) -> None:
    """Send now (outside a transaction, or when the caller has committed)."""
    config = current_app.config
    message = _build(email, config["MAIL_FROM"])
    if config.get("SMTP_HOST"):
        # Delivered beside the request, so a slow mail server never tells an observer
        # anything by the response time (no account enumeration through timing).
        threading.Thread(
            target=_deliver_smtp,
            args=(config["SMTP_HOST"], config["SMTP_PORT"], message),
            daemon=True,
        ).start()
        return
    path = _write_outbox(Path(config["INSTANCE_PATH"]) / "outbox", message)
    if config.get("PRINT_EMAILS"):
        print(
            f"\n--- E-mail (aussi dans {path}) ---\nÀ : {email.to}\nObjet : {email.subject}\n\n"
            f"{email.body}\n---",
            file=sys.stderr,
            flush=True,
        )


def _deliver_smtp(host: str, port: int, message: EmailMessage) -> None:
    try:
        with smtplib.SMTP(host, port, timeout=30) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        # The address and content stay out of the logs; the Message-ID finds it again.
        log.error("SMTP delivery failed for %s: %s", message["Message-ID"], type(error).__name__)


def _write_outbox(folder: Path, message: EmailMessage) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = f"{time.time_ns():020d}"  # real time: files sort in the order they were written
    token = message["Message-ID"].strip("<>").split("@")[0].replace(".", "")[-12:]
    path = folder / f"{stamp}-{token}.eml"
    path.write_bytes(bytes(message))
    return path
