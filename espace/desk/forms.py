"""Forms of /gestion."""

from __future__ import annotations

from datetime import date

from wtforms import StringField

from espace.activation.forms import IdentityForm
from espace.web.forms import BaseForm, DatePartsField, NotBefore, NotInFuture, Required


class PersonForm(IdentityForm):
    """The person, by NIR and date of birth (NIRs travel in POST bodies, never in URLs)."""


class PaperOppositionForm(IdentityForm):
    letter_date = DatePartsField(
        "Date du courrier d'opposition",
        validators=[
            Required("Saisissez la date écrite sur le courrier, par exemple 3 2 2026."),
            NotInFuture("La date du courrier"),
            NotBefore(date(2020, 1, 1), "La date du courrier"),
        ],
    )


class DeathForm(IdentityForm):
    death_date = DatePartsField(
        "Date du décès",
        validators=[
            Required("Saisissez la date du décès, par exemple 3 2 2026."),
            NotInFuture("La date du décès"),
            NotBefore(date(1900, 1, 1), "La date du décès"),
        ],
    )


class PrintForm(BaseForm):
    """Which letters to print: a batch (its number, or "hors-lot"), and for a reprint the
    moment of the earlier run."""

    lot = StringField("Lot")
    impression = StringField("Impression")


class SpaceForm(BaseForm):
    space = StringField("Espace")
