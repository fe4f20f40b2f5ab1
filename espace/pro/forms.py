"""Forms of /pro: finding a patient, the ways into a space, emergency access, deposits."""

from __future__ import annotations

from datetime import date
from typing import Any

from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import StopValidation, ValidationError

from espace import nir as nir_rules
from espace.access.emergency import MIN_REASON, REASONS
from espace.documents.forms import UploadForm
from espace.files.sniffing import ACCEPTED_TEXT
from espace.models import DocumentCategory, EmergencyMode
from espace.policy import matrix
from espace.profile.fields import Choices
from espace.web.forms import (
    BaseForm,
    DatePartsField,
    MaxLength,
    NotBefore,
    NotInFuture,
    Required,
    choice_values,
    choices,
    strip_filter,
)

NIR_EXAMPLE = "par exemple 2 54 03 31 555 123 62"
FILE_HINT = f"Un fichier {ACCEPTED_TEXT}."
HELD_HINT = (
    "Pour un résultat à expliquer de vive voix. Vous le rendrez visible après la "
    "consultation. Au bout de 14 jours, le patient reçoit un simple avis « un nouvel élément "
    "vous attend » ; au bout d'un mois, le document devient visible de lui-même."
)


class SearchForm(BaseForm):
    nir = StringField(
        "Numéro de sécurité sociale du patient",
        filters=[strip_filter],
        validators=[
            Required(
                "Saisissez le numéro de sécurité sociale du patient (15 caractères, clé "
                f"comprise), {NIR_EXAMPLE}."
            ),
            MaxLength(30, "Le numéro de sécurité sociale"),
        ],
    )
    birth_date = DatePartsField(
        "Date de naissance du patient",
        validators=[
            Required("Saisissez la date de naissance du patient, par exemple 12 3 1954."),
            NotInFuture("La date de naissance"),
            NotBefore(date(1900, 1, 1), "La date de naissance"),
        ],
    )

    def validate_nir(self, field: StringField) -> None:
        try:
            field.data = nir_rules.validate_nir(field.data or "")
        except nir_rules.NirError as error:
            raise ValidationError(str(error)) from None


class ShareCodeForm(BaseForm):
    code = StringField(
        "Code de partage donné par le patient",
        filters=[strip_filter],
        validators=[
            Required(
                "Saisissez le code de partage que le patient vous a donné : 8 lettres et "
                "chiffres, par exemple ABCD-EF23."
            ),
            MaxLength(20, "Le code de partage"),
        ],
    )


class MinReason:
    """At least a sentence: counted as ``emergency.start`` counts, spaces folded."""

    def __call__(self, form: Any, field: Any) -> None:
        typed = len(" ".join((field.data or "").split()))
        if typed < MIN_REASON:
            raise StopValidation(
                f"Expliquez la situation en une phrase d'au moins {MIN_REASON} caractères "
                f"(vous en avez saisi {typed}), par exemple « Patiente inconsciente après "
                "une chute, amenée aux urgences »."
            )


MODES = [
    (EmergencyMode.EMERGENCY.value, "Urgence : le patient ne peut pas exprimer sa volonté"),
    (EmergencyMode.SAMU.value, "Régulation SAMU : je suis médecin régulateur"),
]


class EmergencyForm(BaseForm):
    mode = Choices("Type d'accès", MODES, required="Choisissez le type d'accès.")
    reason_category = Choices("Motif", [], required="Choisissez le motif de l'accès en urgence.")
    reason_text = TextAreaField(
        "Expliquez la situation",
        filters=[strip_filter],
        validators=[
            Required(
                f"Expliquez la situation en une phrase d'au moins {MIN_REASON} caractères, "
                "par exemple « Patiente inconsciente après une chute, amenée aux urgences »."
            ),
            MaxLength(500, "L'explication"),
            MinReason(),
        ],
    )

    @classmethod
    def for_professional(cls, samu_regulator: bool, **kwargs: Any) -> EmergencyForm:
        """The SAMU mode and the "regulation" reason only for regulating doctors."""
        form = cls(**kwargs)
        reasons = [
            (value, label)
            for value, label in REASONS.items()
            if samu_regulator or value != "regulation"
        ]
        form.reason_category.choices = choices(reasons)
        if not samu_regulator:
            del form.mode
        return form

    @property
    def chosen_mode(self) -> EmergencyMode:
        mode = getattr(self, "mode", None)
        return EmergencyMode(mode.data) if mode is not None else EmergencyMode.EMERGENCY


class DepositForm(UploadForm):
    """The holder's upload form, with the categories this profession may read, and "à
    annoncer" (CSP R1111-53)."""

    held = BooleanField("À annoncer lors d'une consultation (le patient ne le verra pas avant)")
    # Offered for a minor only (CSP R1111-33): the parents never see it.
    confidential = BooleanField(
        "Soins confidentiels : ne pas montrer aux parents de ce patient mineur"
    )

    @classmethod
    def for_profession(cls, profession_code: str, **kwargs: Any) -> DepositForm:
        form = cls(**kwargs)
        readable = matrix.readable(profession_code)
        form.category.choices = choices(
            [
                ("", "Choisissez une catégorie"),
                *(
                    (c.value, c.label)
                    for c in DocumentCategory
                    if c.value in readable and c != DocumentCategory.DOCUMENT_PATIENT
                ),
            ]
        )
        return form

    def validate_category(self, field: SelectField) -> None:
        if field.data not in choice_values(field) or not field.data:
            raise ValidationError("Choisissez une catégorie dans la liste.")
