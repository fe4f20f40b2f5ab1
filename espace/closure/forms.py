"""The confirmation of closing a space, or of asking for its deletion: the password typed
again, so that a session left open on a shared computer cannot do it (ASVS 2.3 / 4.3)."""

from __future__ import annotations

from wtforms import PasswordField

from espace.web.forms import BaseForm, MaxLength, Required


class PasswordConfirmForm(BaseForm):
    password = PasswordField(
        "Votre mot de passe",
        validators=[
            Required("Saisissez votre mot de passe pour confirmer."),
            MaxLength(200, "Le mot de passe"),
        ],
    )
