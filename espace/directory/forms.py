"""The search form: a GET form (it changes nothing, and its URL can be kept); every field
may stay empty; a value that is not in a list, or a postcode that is not digits, gets a
message that says how to write it (RGAA 11.10)."""

from __future__ import annotations

from typing import Any

from wtforms import Field, Form, SelectField, StringField
from wtforms.validators import ValidationError

from espace.directory.search import Choices, SearchRequest
from espace.web.forms import (
    BaseForm,
    MaxLength,
    choices,
    digits_filter,
    list_select,
    strip_filter,
)

FILTERS = ("name", "profession", "specialty", "town", "postcode", "department")


class Postcode:
    def __call__(self, form: Form, field: Field) -> None:
        value = field.data or ""
        if value and (not value.isascii() or not value.isdigit() or not 2 <= len(value) <= 5):
            raise ValidationError(
                "Saisissez le code postal en chiffres, par exemple 31000, ou seulement son "
                "début, par exemple 31."
            )


def _select(label: str, everything: str, example: str) -> SelectField:
    return list_select(
        label,
        default="",
        choices=[],
        invalid_choice_message=(
            f"Choisissez dans la liste, par exemple « {example} », ou « {everything} »."
        ),
    )


class SearchForm(BaseForm):
    class Meta:
        csrf = False  # a GET form changes nothing

    name = StringField("Nom", filters=[strip_filter], validators=[MaxLength(100, "Le nom")])
    profession = _select("Profession", "Toutes les professions", "Médecin")
    specialty = _select("Spécialité", "Toutes les spécialités", "Pédiatrie")
    town = StringField("Ville", filters=[strip_filter], validators=[MaxLength(100, "La ville")])
    postcode = StringField("Code postal", filters=[digits_filter], validators=[Postcode()])
    department = _select("Département", "Tous les départements", "31 – Haute-Garonne")

    def __init__(self, formdata: Any, lists: Choices) -> None:
        super().__init__(formdata=formdata)
        self.profession.choices = choices([("", "Toutes les professions"), *lists.professions])
        self.specialty.choices = choices([("", "Toutes les spécialités"), *lists.specialties])
        self.department.choices = choices([("", "Tous les départements"), *lists.departments])

    def request(self, page: int) -> SearchRequest:
        return SearchRequest(**{name: self[name].data or "" for name in FILTERS}, page=page)

    def url_filters(self) -> dict[str, str]:
        """The criteria given, to keep them across pages."""
        return {name: self[name].data for name in FILTERS if self[name].data}
