"""Forms of /activation (and of /opposition, which asks the same questions)."""

from __future__ import annotations

from datetime import date

from wtforms import Field, Form, PasswordField, StringField
from wtforms.validators import ValidationError

from espace.lifecycle.codes import format_problem, normalize_code
from espace.nir import NirError, validate_nir
from espace.web.forms import (
    BaseForm,
    DatePartsField,
    Digits,
    EmailAddress,
    MaxLength,
    NotBefore,
    NotInFuture,
    Required,
    digits_filter,
    strip_filter,
)

PASSWORD_MIN = 12


class ActivationCodeForm(BaseForm):
    code = StringField("Code d'activation", filters=[strip_filter])

    def validate_code(self, field: Field) -> None:
        if problem := format_problem(field.data):
            raise ValidationError(problem)

    @property
    def normalized(self) -> str:
        return normalize_code(self.code.data)


class NirField(StringField):
    def pre_validate(self, form: Form) -> None:
        try:
            self.data = validate_nir(self.data or "")
        except NirError as error:
            raise ValidationError(str(error)) from None


class IdentityForm(BaseForm):
    nir = NirField("Numéro de sécurité sociale", filters=[strip_filter])
    birth_date = DatePartsField(
        "Date de naissance",
        validators=[
            Required("Saisissez votre date de naissance, par exemple 12 3 1954."),
            NotInFuture("La date de naissance"),
            NotBefore(date(1900, 1, 1), "La date de naissance"),
        ],
    )


class EmailForm(BaseForm):
    email = StringField(
        "Adresse e-mail",
        filters=[strip_filter],
        validators=[
            Required("Saisissez votre adresse e-mail, par exemple nom@exemple.fr."),
            MaxLength(254, "L'adresse e-mail"),
            EmailAddress(),
        ],
    )


class PasswordForm(BaseForm):
    password = PasswordField(
        "Mot de passe",
        validators=[
            Required(f"Choisissez un mot de passe d'au moins {PASSWORD_MIN} caractères."),
            MaxLength(200, "Le mot de passe"),
        ],
    )
    confirmation = PasswordField(
        "Le même mot de passe, une seconde fois",
        validators=[Required("Saisissez de nouveau le mot de passe, à l'identique.")],
    )

    def __init__(self, *args: object, email: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def validate_password(self, field: Field) -> None:
        value = field.data or ""
        if len(value) < PASSWORD_MIN:
            raise ValidationError(
                f"Le mot de passe doit compter au moins {PASSWORD_MIN} caractères (vous en "
                f"avez saisi {len(value)}). Par exemple, une courte phrase facile à retenir."
            )
        if not value.strip():
            raise ValidationError("Le mot de passe ne peut pas être fait que d'espaces.")
        if self.email and value.strip().lower() == self.email.lower():
            raise ValidationError("Choisissez un mot de passe différent de votre adresse e-mail.")

    def validate_confirmation(self, field: Field) -> None:
        if self.password.data and field.data != self.password.data:
            raise ValidationError(
                "Les deux mots de passe ne sont pas identiques. Saisissez-les de nouveau."
            )


class ConfirmationCodeForm(BaseForm):
    code = StringField(
        "Code à 6 chiffres",
        filters=[digits_filter],
        validators=[
            Required("Saisissez le code à 6 chiffres reçu par e-mail, par exemple 123456."),
            MaxLength(20, "Le code"),
            Digits(6, "Le code"),
        ],
    )


class EmptyForm(BaseForm):
    """Buttons that post: CSRF only."""
