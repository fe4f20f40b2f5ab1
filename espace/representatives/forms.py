"""Forms of "Mes proches"."""

from __future__ import annotations

from wtforms import BooleanField, StringField
from wtforms.validators import ValidationError

from espace.representatives.services import SECTIONS
from espace.web.forms import BaseForm, EmailAddress, MaxLength, Required, strip_filter


class InviteCarerForm(BaseForm):
    email = StringField(
        "Adresse e-mail de la personne",
        filters=[strip_filter],
        validators=[
            Required("Saisissez l'adresse e-mail de la personne, par exemple nom@exemple.fr."),
            MaxLength(254, "L'adresse e-mail"),
            EmailAddress(),
        ],
    )
    documents = BooleanField(SECTIONS["documents"])
    profil = BooleanField(SECTIONS["profil"])
    soins = BooleanField(SECTIONS["soins"])
    agenda = BooleanField(SECTIONS["agenda"])
    messagerie = BooleanField(SECTIONS["messagerie"])

    def chosen_sections(self) -> set[str]:
        return {name for name in SECTIONS if getattr(self, name).data}

    def validate_documents(self, field: BooleanField) -> None:
        if not self.chosen_sections():
            raise ValidationError("Cochez au moins une partie de votre espace à partager.")


class InviteParentForm(BaseForm):
    email = StringField(
        "Adresse e-mail de l'autre parent",
        filters=[strip_filter],
        validators=[
            Required("Saisissez l'adresse e-mail de l'autre parent, par exemple nom@exemple.fr."),
            MaxLength(254, "L'adresse e-mail"),
            EmailAddress(),
        ],
    )


class AcceptForm(BaseForm):
    code = StringField(
        "Code d'invitation",
        filters=[strip_filter],
        validators=[
            Required("Saisissez le code reçu par e-mail, par exemple ABCD-EFGH."),
            MaxLength(20, "Le code"),
        ],
    )
