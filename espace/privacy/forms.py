"""Forms of /confidentialite. Messages say how to fix the answer (RGAA 11.10)."""

from __future__ import annotations

from typing import Any

from wtforms import RadioField, SelectField, StringField
from wtforms.validators import StopValidation, ValidationError

from espace.models import DocumentCategory
from espace.web.forms import BaseForm, Digits, Required, choice_values, choices, digits_filter
from espace.web.paging import page_number

CATEGORY_VALUES = {c.value for c in DocumentCategory}
YES, NO = "oui", "non"


class Radios(RadioField):
    """Radios checked with a French message; the error summary links to the first one."""

    def __init__(self, label: str, pairs: list[tuple[str, str]], required: str, **kw: Any) -> None:
        super().__init__(
            label, choices=choices(pairs), validators=[Required(required)],
            validate_choice=False, **kw,
        )  # fmt: skip
        self.refusal = required

    @property
    def error_target(self) -> str:
        return f"{self.id}-0"

    def pre_validate(self, form: Any) -> None:
        if self.data is not None and self.data not in choice_values(self):
            raise StopValidation(self.refusal)


class DocumentFilter(BaseForm):
    """The list's category and page, read from the query string (GET: no CSRF)."""

    class Meta:
        csrf = False

    categorie = SelectField(
        "Catégorie",
        choices=choices(
            [("", "Toutes les catégories"), *((c.value, c.label) for c in DocumentCategory)]
        ),
        validate_choice=False,
    )
    page = StringField("Page")

    def validate_categorie(self, field: SelectField) -> None:
        if field.data and field.data not in CATEGORY_VALUES:
            raise ValidationError("Choisissez une catégorie dans la liste.")

    @property
    def page_number(self) -> int:
        """The page asked for; only our own links send it, so a bad one means page 1."""
        return page_number(self.page.data)

    def kept(self) -> dict[str, str]:
        """The filters to come back to after a change (valid values only)."""
        kept = {}
        if self.categorie.data in CATEGORY_VALUES:
            kept["categorie"] = self.categorie.data
        if self.page_number > 1:
            kept["page"] = str(self.page_number)
        return kept


class ConsentsForm(BaseForm):
    """The two emergency consents (CSP R1111-48), both on by default."""

    urgence = Radios(
        "En cas d'urgence, si vous ne pouvez pas dire ce que vous voulez, un professionnel "
        "de santé peut-il consulter votre espace ?",
        [(YES, "Oui, j'accepte"), (NO, "Non, je refuse")],
        "Choisissez « Oui, j'accepte » ou « Non, je refuse » pour l'accès en urgence.",
    )
    samu = Radios(
        "Le médecin régulateur du SAMU peut-il consulter votre espace ?",
        [(YES, "Oui, j'accepte"), (NO, "Non, je refuse")],
        "Choisissez « Oui, j'accepte » ou « Non, je refuse » pour le médecin du SAMU.",
    )


class GpChoiceForm(BaseForm):
    """Declare as GP one of the doctors the holder already knows (set its choices)."""

    medecin = Radios(
        "Choisissez votre médecin traitant parmi les médecins qui vous suivent",
        [],
        "Choisissez un médecin dans la liste.",
    )


class GpRppsForm(BaseForm):
    rpps = StringField(
        "Numéro RPPS du médecin",
        filters=[digits_filter],
        validators=[
            Required("Saisissez le numéro RPPS du médecin : 11 chiffres, par exemple 10012345678."),
            Digits(11, "Le numéro RPPS"),
        ],
    )


RPPS_HINT = "11 chiffres, écrits sur les ordonnances de votre médecin. Par exemple : 10012345678."
