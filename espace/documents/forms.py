"""Forms of /documents."""

from __future__ import annotations

from datetime import date

from flask_wtf.file import FileField
from wtforms import SelectField, StringField
from wtforms.validators import ValidationError

from espace.files.sniffing import ACCEPTED_TEXT
from espace.models import DocumentCategory
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

CATEGORY_VALUES = {c.value for c in DocumentCategory}
CATEGORY_CHOICES = choices(
    [("", "Choisissez une catégorie"), *((c.value, c.label) for c in DocumentCategory)]
)


class UploadForm(BaseForm):
    file = FileField("Fichier")
    title = StringField(
        "Titre du document",
        filters=[strip_filter],
        validators=[
            Required("Saisissez un titre, par exemple « Ordonnance du Dr Martin »."),
            MaxLength(200, "Le titre"),
        ],
    )
    category = SelectField(
        "Catégorie",
        choices=CATEGORY_CHOICES,
        validate_choice=False,  # checked below, with a French message
        validators=[Required("Choisissez la catégorie qui correspond le mieux au document.")],
    )
    document_date = DatePartsField(
        "Date du document",
        validators=[
            Required("Saisissez la date du document, par exemple 27 3 2024."),
            NotInFuture("La date du document"),
            NotBefore(date(1900, 1, 1), "La date du document"),
        ],
    )

    def validate_category(self, field: SelectField) -> None:
        if field.data not in CATEGORY_VALUES:
            raise ValidationError("Choisissez une catégorie dans la liste.")


class FilterForm(BaseForm):
    """The filters of the list, read from the query string (GET: no CSRF)."""

    class Meta:
        csrf = False

    categorie = SelectField("Catégorie", validate_choice=False)
    auteur = SelectField("Auteur", validate_choice=False)
    page = StringField("Page")

    def validate_categorie(self, field: SelectField) -> None:
        if field.data and field.data not in CATEGORY_VALUES:
            raise ValidationError("Choisissez une catégorie dans la liste.")

    def validate_auteur(self, field: SelectField) -> None:
        if field.data and field.data not in choice_values(field):
            raise ValidationError("Choisissez un auteur dans la liste.")

    def validate_page(self, field: StringField) -> None:
        if field.data and not (field.data.isdigit() and 0 < int(field.data) < 100_000):
            raise ValidationError("Le numéro de page est un nombre entier, par exemple 2.")


FILE_HINT = f"Un fichier {ACCEPTED_TEXT}. Il reste privé : vous choisirez qui peut le voir."
