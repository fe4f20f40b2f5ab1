"""Forms of /agenda: an appointment (day in three boxes, a clock time, what, where, with
whom, a note), and the buttons that only need CSRF. Messages say how to fix the answer."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import StopValidation, ValidationError

from espace.agenda.times import Instant, TimeError, paris_instant, parse_clock, years_later
from espace.clock import PARIS
from espace.web.forms import BaseForm, DatePartsField, MaxLength, Required, choice_values

FURTHEST_YEARS = 10
EARLIEST = date(1900, 1, 1)
# Control characters, and the invisible byte-order mark (some phones paste it).
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ufeff]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\ufeff]")


def one_line(value: Any) -> Any:
    """Strip, and turn line breaks and other control characters into spaces."""
    return _CONTROL.sub(" ", value).strip() if isinstance(value, str) else value


def several_lines(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return _CONTROL_BUT_NEWLINE.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


class ProfessionalChoice(RadioField):
    """The professionals of the directory that match the typed name; options set per
    request. The error summary links to the first radio."""

    def __init__(self, label: str, **kw: Any) -> None:
        kw.setdefault("choices", [])
        super().__init__(label, validate_choice=False, **kw)

    @property
    def error_target(self) -> str:
        return f"{self.id}-0"

    def pre_validate(self, form: Any) -> None:
        if self.data and self.choices and self.data not in choice_values(self):
            raise StopValidation("Choisissez un des professionnels proposés.")


class AppointmentForm(BaseForm):
    day = DatePartsField(
        "Date du rendez-vous",
        validators=[Required("Saisissez la date du rendez-vous, par exemple 27 3 2027.")],
    )
    time = StringField(
        "Heure",
        filters=[one_line],
        validators=[Required("Saisissez l'heure du rendez-vous, par exemple 14:30 ou 14 h 30.")],
    )
    title = StringField(
        "Objet du rendez-vous",
        filters=[one_line],
        validators=[
            Required(
                "Saisissez l'objet du rendez-vous, par exemple « Consultation de suivi » ou "
                "« Prise de sang »."
            ),
            MaxLength(200, "L'objet du rendez-vous"),
        ],
    )
    place = StringField(
        "Lieu (facultatif)", filters=[one_line], validators=[MaxLength(300, "Le lieu")]
    )
    professional = StringField(
        "Professionnel de santé (facultatif)",
        filters=[one_line],
        validators=[MaxLength(200, "Le nom du professionnel")],
    )
    professional_choice = ProfessionalChoice("Lequel de ces professionnels de l'annuaire ?")
    searched = HiddenField(filters=[one_line])
    note = TextAreaField("Note (facultatif)", filters=[several_lines],
                         validators=[MaxLength(1000, "La note")])  # fmt: skip
    remind_same_day = BooleanField("Me rappeler aussi le jour même")

    def validate_time(self, field: StringField) -> None:
        try:
            parse_clock(field.data or "")
        except TimeError as error:
            raise ValidationError(error.message) from None

    def instant(self, now: datetime, unchanged: datetime | None = None) -> Instant | None:
        """The appointment's instant, or None with the reason on the right field. A new
        time must be to come; ``unchanged`` (the saved time, when changing an appointment)
        is accepted as it is, even past, so a note can be corrected afterwards."""
        if self.day.errors or self.time.errors or self.day.data is None:
            return None
        today = now.astimezone(PARIS).date()
        if self.day.data < EARLIEST:  # no appointment then (and no time zone to apply)
            self._fail_day(_past_message(today))
            return None
        try:
            found = paris_instant(self.day.data, parse_clock(self.time.data or ""))
        except TimeError as error:
            self.fail(self.time, error.message)
            return None
        if unchanged is not None and found.utc == unchanged:
            return found
        if self.day.data < today:
            self._fail_day(_past_message(today))
            return None
        if found.utc <= now:
            self.fail(
                self.time,
                "Cette heure est déjà passée aujourd'hui : choisissez une heure à venir, ou "
                "une autre date.",
            )
            return None
        if self.day.data > years_later(today, FURTHEST_YEARS):
            self._fail_day(
                f"Choisissez une date dans les {FURTHEST_YEARS} prochaines années : vérifiez "
                "l'année."
            )
            return None
        return found

    def _fail_day(self, message: str) -> None:
        self.day.bad_parts = set(DatePartsField.PARTS)
        self.fail(self.day, message)


def _past_message(today: date) -> str:
    return (
        "Choisissez une date à venir : un rendez-vous ne peut pas être ajouté ou déplacé "
        f"dans le passé (aujourd'hui, nous sommes le {today.day}/{today.month}/{today.year})."
    )


class ConfirmForm(BaseForm):
    """A button that changes something: CSRF only."""


class PreventionForm(BaseForm):
    """Hide or show one item of the prevention calendar."""

    item = HiddenField()
