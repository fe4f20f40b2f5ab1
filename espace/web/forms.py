"""The base form and validators whose messages say how to fix the answer (RGAA 11.10)."""

from __future__ import annotations

from typing import Any, ClassVar

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from wtforms import Field, Form
from wtforms.validators import StopValidation, ValidationError

EMAIL_EXAMPLE = "par exemple nom@exemple.fr"


class BaseForm(FlaskForm):
    """Every form: CSRF on, answers kept when re-rendered, errors in field order."""

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, first message) for the error summary, in the order of the page."""
        return [(field.id, field.errors[0]) for field in self if field.errors]

    def fail(self, field: Field, message: str) -> None:
        """Attach an error found by a service (wrong password, expired code...)."""
        field.errors = [*field.errors, message]


class Required:
    """Stops at the first problem, with a message that names what to enter."""

    field_flags: ClassVar[dict[str, bool]] = {"required": True}

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, form: Form, field: Field) -> None:
        data = field.data
        if data is None or (isinstance(data, str) and not data.strip()):
            field.errors[:] = []
            raise StopValidation(self.message)


class MaxLength:
    def __init__(self, maximum: int, what: str) -> None:
        self.maximum = maximum
        self.what = what

    def __call__(self, form: Form, field: Field) -> None:
        if field.data and len(field.data) > self.maximum:
            raise StopValidation(
                f"{self.what} doit faire au plus {self.maximum} caractères "
                f"(vous en avez saisi {len(field.data)})."
            )


class EmailAddress:
    def __call__(self, form: Form, field: Field) -> None:
        try:
            validate_email(field.data or "", check_deliverability=False)
        except EmailNotValidError:
            raise ValidationError(
                f"Saisissez une adresse e-mail au bon format, {EMAIL_EXAMPLE}."
            ) from None


class Digits:
    def __init__(self, count: int, what: str) -> None:
        self.count = count
        self.what = what

    def __call__(self, form: Form, field: Field) -> None:
        value = (field.data or "").replace(" ", "")
        if not value.isdigit() or not value.isascii():
            raise ValidationError(f"{self.what} ne contient que des chiffres, par exemple 123456.")
        if len(value) != self.count:
            raise ValidationError(
                f"{self.what} compte {self.count} chiffres (vous en avez saisi {len(value)})."
            )


def strip_filter(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def digits_filter(value: Any) -> Any:
    return value.replace(" ", "").strip() if isinstance(value, str) else value
