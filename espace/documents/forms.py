"""Forms of /documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_wtf.file import FileField
from wtforms import SelectField, StringField
from wtforms.validators import ValidationError

from espace.files.sniffing import ACCEPTED_TEXT, RefusedFile, sniff
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
    list_select,
    strip_filter,
)
from espace.web.paging import whole_number

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

    def validate_with_file(self, files: Any, verb: str) -> ChosenFile | None:
        """The fields and the file checked together, so every problem is reported at once;
        the file's bytes and name when everything is right (``verb``: "ajouter"...)."""
        valid = self.validate()
        upload = files.get("file")
        if upload is None or not upload.filename:
            self.fail(self.file, f"Choisissez le fichier à {verb} : un fichier {ACCEPTED_TEXT}.")
            return None
        content = upload.read()
        try:
            sniff(content)
        except RefusedFile as refused:
            self.fail(self.file, f"{refused} Choisissez de nouveau le fichier.")
            return None
        return ChosenFile(content, upload.filename) if valid else None


@dataclass(frozen=True)
class ChosenFile:
    content: bytes
    name: str


class FilterForm(BaseForm):
    """The filters of the list, read from the query string (GET: no CSRF)."""

    class Meta:
        csrf = False

    categorie = list_select("Catégorie", validate_choice=False)
    auteur = list_select("Auteur", validate_choice=False)
    page = StringField("Page")

    def validate_categorie(self, field: SelectField) -> None:
        if field.data and field.data not in CATEGORY_VALUES:
            raise ValidationError("Choisissez une catégorie dans la liste.")

    def validate_auteur(self, field: SelectField) -> None:
        if field.data and field.data not in choice_values(field):
            raise ValidationError("Choisissez un auteur dans la liste.")

    def validate_page(self, field: StringField) -> None:
        if field.data and whole_number(field.data) is None:
            raise ValidationError("Le numéro de page est un nombre entier, par exemple 2.")


FILE_HINT = f"Un fichier {ACCEPTED_TEXT}. Il reste privé : vous choisirez qui peut le voir."
