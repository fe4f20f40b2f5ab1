"""Field builders for the profile forms: one line per field, French messages included."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import StopValidation, ValidationError

from espace.web.forms import (
    DatePartsField,
    MaxLength,
    NotBefore,
    NotInFuture,
    Required,
    choice_values,
    choices,
    strip_filter,
)

EARLIEST = date(1900, 1, 1)
DATE_HINT = "Par exemple 27 3 2024."
OPTIONAL_DATE_HINT = "Par exemple 27 3 2024. Laissez vide si vous ne savez pas."
PHONE = re.compile(r"^\+?[0-9 .()\-]+$")


class Choices(RadioField):
    """Radios checked with a French message; the error summary links to the first one."""

    def __init__(
        self, label: str, pairs: list[tuple[str, str]], required: str | None = None, **kw: Any
    ) -> None:
        validators = [Required(required)] if required else []
        options = choices(pairs)
        super().__init__(label, choices=options, validators=validators, validate_choice=False, **kw)
        self.refusal = required or "Choisissez une des réponses proposées."

    @property
    def error_target(self) -> str:
        return f"{self.id}-0"

    def pre_validate(self, form: Any) -> None:
        if self.data is not None and self.data not in choice_values(self):
            raise StopValidation(self.refusal)


def text(
    label: str,
    limit: int,
    what: str,
    *,
    required: str | None = None,
    hint: str = "",
    area: bool = False,
    **render_kw: str,
) -> Any:
    """A text box (or area), stripped, with its length limit from the model column."""
    validators: list[Any] = [Required(required)] if required else []
    validators.append(MaxLength(limit, what))
    kind = TextAreaField if area else StringField
    return kind(
        label,
        filters=[strip_filter],
        validators=validators,
        description=hint,
        render_kw=render_kw or None,
    )


def past_date(label: str, what: str, *, required: str | None = None) -> Any:
    """A date in three boxes: not in the future, not before 1900."""
    validators: list[Any] = []
    if required:
        validators.append(Required(required))
    validators += [NotInFuture(what), NotBefore(EARLIEST, what)]
    return DatePartsField(
        label, validators=validators, description=DATE_HINT if required else OPTIONAL_DATE_HINT
    )


def check_phone(value: str | None) -> None:
    if not value:
        return
    digits = re.sub(r"\D", "", value)
    if not PHONE.match(value) or not 6 <= len(digits) <= 15:
        raise ValidationError(
            "Saisissez le numéro de téléphone en chiffres, par exemple 06 12 34 56 78 ou "
            "+33 6 12 34 56 78."
        )


def blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value
