"""The base form and validators whose messages say how to fix the answer (RGAA 11.10)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import Field, Form, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import Select

from espace import clock

EMAIL_EXAMPLE = "par exemple nom@exemple.fr"


def drop_nul(value: Any) -> Any:
    """No one types a NUL, and no text column can keep one (PostgreSQL refuses it)."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class BaseForm(FlaskForm):
    """Every form: CSRF on, answers kept when re-rendered, errors in field order, and NUL
    characters dropped from every field before anything else looks at it."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Field:
            filters = [drop_nul, *unbound_field.kwargs.get("filters", ())]
            return unbound_field.bind(form=form, **{**options, "filters": filters})

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, first message) for the error summary, in the order of the page."""
        listed: list[tuple[str, str]] = []
        for field in self:
            if field.errors:
                message = str(field.errors[0])
                if any(message == seen for _, seen in listed):  # say which field (RGAA 6.1)
                    message = f"{field.label.text} : {message}"
                listed.append((_error_target(field), message))
        return listed

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


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """Options for SelectField/RadioField (WTForms 3.3 deprecates plain tuples)."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]


class ListSelect(Select):
    """WTForms' ``<select>`` with each ``<option>`` written in one step, the same markup:
    the directory's lists hold a few hundred options, 0.5 ms a page the general way."""

    @classmethod
    def render_option(cls, choice: SelectChoice, **kwargs: Any) -> Markup:
        if kwargs or choice.render_kw or not isinstance(choice.value, str):
            return super().render_option(choice, **kwargs)
        selected = " selected" if choice.selected else ""
        value, label = escape(choice.value), escape(choice.label or choice.value)
        return Markup(f'<option{selected} value="{value}">{label}</option>')  # noqa: S704 - escaped


def list_select(label: str, **kwargs: Any) -> SelectField:
    """A list of options, possibly long (see ``ListSelect``)."""
    return SelectField(label, widget=ListSelect(), **kwargs)


def choice_values(field: Field) -> set[str]:
    return {choice.value for choice in field.choices}


def strip_filter(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def digits_filter(value: Any) -> Any:
    return value.replace(" ", "").strip() if isinstance(value, str) else value


class DatePartsField(Field):
    """A date typed as day, month and year in three boxes (the GOV.UK date pattern):
    easy with a keyboard and a screen reader, no calendar widget to fight with.

    The form data carries ``<name>-jour``, ``<name>-mois`` and ``<name>-annee``.
    """

    PARTS = ("jour", "mois", "annee")

    def __init__(self, label: str | None = None, validators: Any = None, **kwargs: Any) -> None:
        super().__init__(label, validators, **kwargs)
        self.parts: dict[str, str] = dict.fromkeys(self.PARTS, "")
        self.bad_parts: set[str] = set()

    @property
    def error_target(self) -> str:
        """The box the error summary links to: the first one that is wrong."""
        for part in self.PARTS:
            if part in self.bad_parts:
                return f"{self.id}-{part}"
        return f"{self.id}-jour"

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        self.process_errors = []
        # WTForms passes ``unset_value`` when the form has no object: that is "no date".
        self.data = data if isinstance(data, date) else None
        if isinstance(self.data, date):
            self.parts = {
                "jour": str(self.data.day),
                "mois": str(self.data.month),
                "annee": str(self.data.year),
            }
        if formdata is not None and any(f"{self.name}-{p}" in formdata for p in self.PARTS):
            self.parts = {p: (formdata.get(f"{self.name}-{p}") or "").strip() for p in self.PARTS}
            self.data = self._parse()

    def _parse(self) -> date | None:
        self.bad_parts = set()
        values = self.parts
        if not any(values.values()):
            return None
        missing = [p for p in self.PARTS if not values[p]]
        if missing:
            self.bad_parts = set(missing)
            names = {"jour": "un jour", "mois": "un mois", "annee": "une année"}
            self.process_errors.append(
                f"La date doit comporter {' et '.join(names[p] for p in missing)}, "
                "par exemple 27 3 2024."
            )
            return None
        if (
            not all(v.isdigit() and v.isascii() for v in values.values())
            or len(values["annee"]) != 4
        ):
            self.bad_parts = {p for p in self.PARTS if not values[p].isdigit()} or {"annee"}
            self.process_errors.append(
                "Saisissez la date en chiffres, avec l'année sur 4 chiffres, par exemple 27 3 2024."
            )
            return None
        try:
            return date(int(values["annee"]), int(values["mois"]), int(values["jour"]))
        except (ValueError, OverflowError):  # a day of twenty digits overflows, too
            self.bad_parts = set(self.PARTS)
            self.process_errors.append(
                "Cette date n'existe pas : vérifiez le jour et le mois, par exemple 27 3 2024."
            )
            return None

    def pre_validate(self, form: Form) -> None:
        if self.process_errors:
            raise StopValidation(self.process_errors[0])

    def _value(self) -> str:
        return ""


class NotInFuture:
    def __init__(self, what: str = "La date") -> None:
        self.what = what

    def __call__(self, form: Form, field: Field) -> None:
        if isinstance(field.data, date) and field.data > clock.today_in_paris():
            field.bad_parts = set(DatePartsField.PARTS)  # type: ignore[attr-defined]
            raise ValidationError(
                f"{self.what} ne peut pas être dans le futur : saisissez une date passée ou "
                "celle d'aujourd'hui."
            )


class NotBefore:
    def __init__(self, earliest: date, what: str = "La date") -> None:
        self.earliest = earliest
        self.what = what

    def __call__(self, form: Form, field: Field) -> None:
        if isinstance(field.data, date) and field.data < self.earliest:
            field.bad_parts = {"annee"}  # type: ignore[attr-defined]
            raise ValidationError(
                f"{self.what} doit être après le {self.earliest.day}/{self.earliest.month}/"
                f"{self.earliest.year} : vérifiez l'année."
            )


def _error_target(field: Field) -> str:
    """The element the error summary links to: a radio group's first button, a date's first
    wrong box, or the field itself."""
    if hasattr(field, "error_target"):
        return str(field.error_target)
    if isinstance(field, RadioField):
        return f"{field.id}-0"
    return str(field.id)
