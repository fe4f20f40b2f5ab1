"""Sign-in forms."""

from __future__ import annotations

from wtforms import PasswordField, StringField

from espace.web.forms import (
    BaseForm,
    Digits,
    EmailAddress,
    MaxLength,
    Required,
    digits_filter,
    strip_filter,
)


class SignInForm(BaseForm):
    email = StringField(
        "Adresse e-mail",
        filters=[strip_filter],
        validators=[
            Required("Saisissez votre adresse e-mail, par exemple nom@exemple.fr."),
            MaxLength(254, "L'adresse e-mail"),
            EmailAddress(),
        ],
    )
    password = PasswordField(
        "Mot de passe",
        validators=[
            Required("Saisissez votre mot de passe."),
            MaxLength(200, "Le mot de passe"),
        ],
    )


class CodeForm(BaseForm):
    code = StringField(
        "Code à 6 chiffres",
        filters=[digits_filter],
        validators=[
            Required("Saisissez le code à 6 chiffres, par exemple 123456."),
            MaxLength(20, "Le code"),
            Digits(6, "Le code"),
        ],
    )


class EmptyForm(BaseForm):
    """Buttons that post (sign out, resend a code): CSRF only."""
