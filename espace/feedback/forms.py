"""The feedback form: short, plain, nothing about health."""

from __future__ import annotations

from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.validators import ValidationError

from espace.feedback.services import WORKED
from espace.web.forms import BaseForm, MaxLength, Required, choices, strip_filter


class FeedbackForm(BaseForm):
    page = HiddenField()
    trying = TextAreaField(
        "Qu'essayiez-vous de faire ?",
        filters=[strip_filter],
        validators=[
            Required(
                "Dites en quelques mots ce que vous essayiez de faire, par exemple "
                "« trouver mon ordonnance »."
            ),
            MaxLength(1000, "Votre réponse"),
        ],
    )
    worked = RadioField(
        "Avez-vous réussi ?",
        choices=choices(WORKED.items()),
        validate_choice=False,
        validators=[Required("Choisissez oui, en partie ou non.")],
    )
    hard = TextAreaField(
        "Qu'est-ce qui a été difficile ? (facultatif)",
        filters=[strip_filter],
        validators=[MaxLength(1000, "Votre réponse")],
    )
    rating = RadioField(
        "Votre note, de 1 (pas du tout satisfait) à 5 (très satisfait) (facultatif)",
        choices=choices((str(n), str(n)) for n in range(1, 6)),
        validate_choice=False,
    )

    def validate_worked(self, field: RadioField) -> None:
        if field.data not in WORKED:
            raise ValidationError("Choisissez oui, en partie ou non.")

    def validate_rating(self, field: RadioField) -> None:
        if field.data not in (None, "", "None", *map(str, range(1, 6))):
            raise ValidationError("Choisissez une note de 1 à 5, ou aucune.")

    def chosen_rating(self) -> int | None:
        return int(self.rating.data) if self.rating.data in set(map(str, range(1, 6))) else None
