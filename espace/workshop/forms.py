"""Forms of the workshop pages."""

from __future__ import annotations

from datetime import date

from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import ValidationError

from espace.web.forms import (
    BaseForm,
    DatePartsField,
    MaxLength,
    NotBefore,
    Required,
    choices,
    strip_filter,
)

JUMPS = {
    "1j": ("1 jour", 1),
    "7j": ("1 semaine", 7),
    "15j": ("15 jours", 15),
    "30j": ("1 mois (30 jours)", 30),
    "43j": ("43 jours (la fin du délai d'opposition)", 43),
}


class SessionForm(BaseForm):
    name = StringField(
        "Nom de la séance",
        filters=[strip_filter],
        validators=[
            Required("Donnez un nom à la séance, par exemple « Atelier Toulouse, patients »."),
            MaxLength(120, "Le nom"),
        ],
    )
    held_on = DatePartsField(
        "Date de la séance",
        validators=[
            Required("Saisissez la date de la séance, par exemple 27 11 2026."),
            NotBefore(date(2020, 1, 1), "La date de la séance"),
        ],
    )
    scenario = TextAreaField(
        "Scénario montré aux participants (facultatif)",
        filters=[strip_filter],
        validators=[MaxLength(2000, "Le scénario")],
    )


class JumpForm(BaseForm):
    ahead = RadioField(
        "Avancer la date de",
        choices=choices((k, v[0]) for k, v in JUMPS.items()),
        validate_choice=False,
        validators=[Required("Choisissez de combien avancer la date.")],
    )

    def validate_ahead(self, field: RadioField) -> None:
        if field.data not in JUMPS:
            raise ValidationError("Choisissez de combien avancer la date dans la liste.")


class JoinForm(BaseForm):
    code = StringField(
        "Code de la séance",
        filters=[strip_filter],
        validators=[
            Required(
                "Saisissez le code donné par l'animatrice ou l'animateur, 6 lettres ou chiffres."
            ),
            MaxLength(20, "Le code"),
        ],
    )
