"""Enrolling and removing an authenticator app (TOTP, RFC 6238)."""

from __future__ import annotations

from datetime import datetime

import pyotp
import segno
from markupsafe import Markup, escape

from espace.auth.services import matching_totp_step, verify_totp
from espace.models import Account

ISSUER = "Espace santé"


def pending_secret(account: Account) -> str:
    """The secret being enrolled; a new one each time enrolment starts afresh."""
    if account.totp_pending_secret is None:
        account.totp_pending_secret = pyotp.random_base32()
    return account.totp_pending_secret


def provisioning_uri(account: Account, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account.email, issuer_name=ISSUER)


def qr_code_svg(uri: str) -> Markup:
    """Inline SVG generated here from our own URI (safe to mark as markup)."""
    svg = segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    label = escape("QR code à scanner avec votre application d'authentification")
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return Markup(labelled)  # noqa: S704 - SVG drawn by segno from our own URI


def confirm_enrolment(account: Account, code: str, now: datetime) -> bool:
    secret = account.totp_pending_secret
    if secret is None:
        return False
    step = matching_totp_step(secret, code, now, after_step=None)
    if step is None:
        return False
    account.totp_secret = secret
    account.totp_last_step = step
    account.totp_pending_secret = None
    return True


def remove_authenticator(account: Account, code: str, now: datetime) -> bool:
    if not verify_totp(account, code, now):
        return False
    account.totp_secret = None
    account.totp_last_step = None
    return True
