"""Forms of the profile. Each field is named like its model column, so ``values()`` gives
the columns to write; lengths come from the model (espace/models/profile.py)."""

from __future__ import annotations

from typing import Any, Self

from wtforms import Field, StringField
from wtforms.validators import ValidationError

from espace.models import ContactKind, HistoryKind, OrganDonation, Severity
from espace.profile.fields import Choices, blank_to_none, check_phone, past_date, text
from espace.web.forms import BaseForm, Digits, EmailAddress, MaxLength, Required, digits_filter

LONG_TEXT = 10_000  # Text columns: a limit all the same, so a huge post gets a clear 422
UNKNOWN = ""  # the "je ne sais pas" radio: no value in the database


class ItemForm(BaseForm):
    """A form whose fields map one to one onto the columns of a profile item."""

    def values(self) -> dict[str, Any]:
        return {f.name: blank_to_none(f.data) for f in self if f.name != "csrf_token"}

    @classmethod
    def for_item(cls, item: Any) -> Self:
        return cls(obj=item)


class ConfirmForm(BaseForm):
    """A confirmation button (delete): CSRF only."""


class AntecedentForm(ItemForm):
    kind = Choices(
        "De qui s'agit-il ?",
        [
            (HistoryKind.PERSONAL.value, "De moi"),
            (HistoryKind.FAMILY.value, "D'un membre de ma famille"),
        ],
        required="Choisissez s'il s'agit de vous ou d'un membre de votre famille.",
    )
    label = text(
        "Maladie, opération ou problème de santé",
        200,
        "L'antécédent",
        required="Saisissez l'antécédent, par exemple « diabète de type 2 » ou « opération "
        "de l'appendicite ».",
    )
    relative = text(
        "Membre de la famille concerné (pour un antécédent familial)",
        60,
        "Le membre de la famille",
        hint="Par exemple : mère, frère, grand-père.",
    )
    since = past_date("Depuis quand ou à quelle date (facultatif)", "La date")
    note = text("Précisions (facultatif)", 1000, "Les précisions", area=True)

    def validate_relative(self, field: Field) -> None:
        if self.kind.data == HistoryKind.FAMILY.value and not field.data:
            raise ValidationError(
                "Indiquez le membre de la famille concerné, par exemple « père » ou « sœur »."
            )

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["kind"] = HistoryKind(values["kind"])
        if values["kind"] == HistoryKind.PERSONAL:
            values["relative"] = None
        return values


class AllergyForm(ItemForm):
    substance = text(
        "Ce qui provoque l'allergie",
        200,
        "Ce qui provoque l'allergie",
        required="Saisissez ce qui provoque l'allergie, par exemple « pénicilline » ou "
        "« arachide ».",
        hint="Un médicament, un aliment, un produit…",
    )
    reaction = text(
        "Réaction (facultatif)",
        300,
        "La réaction",
        hint="Par exemple : plaques rouges, gonflement, gêne pour respirer.",
    )
    severity = Choices(
        "Gravité",
        [
            (UNKNOWN, "Je ne sais pas"),
            (Severity.MILD.value, "Légère"),
            (Severity.MODERATE.value, "Modérée"),
            (Severity.SEVERE.value, "Grave : malaise, gêne pour respirer ou hospitalisation"),
        ],
        default=UNKNOWN,
    )
    noted_on = past_date("Date où l'allergie a été découverte (facultatif)", "La date")

    @classmethod
    def for_item(cls, item: Any) -> Self:
        form = cls(obj=item)
        if item.severity is None:
            form.severity.data = UNKNOWN
        return form

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["severity"] = Severity(values["severity"]) if values["severity"] else None
        return values


class TreatmentForm(ItemForm):
    name = text(
        "Nom du médicament ou du traitement",
        200,
        "Le nom du traitement",
        required="Saisissez le nom du traitement, par exemple « metformine ».",
    )
    dosage = text(
        "Dose et rythme (facultatif)",
        300,
        "La dose",
        hint="Par exemple : 1000 mg matin et soir.",
    )
    started_on = past_date("Date de début (facultatif)", "La date de début")
    ended_on = past_date("Date d'arrêt (facultatif, si vous l'avez arrêté)", "La date d'arrêt")
    prescriber = text(
        "Prescrit par (facultatif)", 200, "Le nom du prescripteur", hint="Par exemple : Dr Durand."
    )

    def validate_ended_on(self, field: Field) -> None:
        started = self.started_on.data
        if field.data and started and field.data < started:
            field.bad_parts = set(field.PARTS)  # type: ignore[attr-defined]
            raise ValidationError(
                "La date d'arrêt doit être après la date de début : vérifiez les deux dates."
            )


class VaccinationForm(ItemForm):
    vaccine = text(
        "Vaccin",
        200,
        "Le nom du vaccin",
        required="Saisissez le vaccin ou la maladie contre laquelle il protège, par exemple "
        "« grippe ».",
        hint="Le nom du vaccin ou la maladie contre laquelle il protège.",
    )
    given_on = past_date(
        "Date de la vaccination",
        "La date de la vaccination",
        required="Saisissez la date de la vaccination, par exemple 15 10 2024.",
    )
    batch = text(
        "Numéro de lot (facultatif)",
        60,
        "Le numéro de lot",
        hint="Il figure sur le carnet de vaccination.",
        spellcheck="false",
    )
    note = text("Remarque (facultatif)", 500, "La remarque")


class ContactForm(ItemForm):
    kind = Choices(
        "Rôle de cette personne",
        [
            (
                ContactKind.TRUSTED_PERSON.value,
                "Personne de confiance : elle vous accompagne, et les médecins la consultent "
                "si vous ne pouvez plus vous exprimer",
            ),
            (ContactKind.EMERGENCY.value, "Personne à prévenir en cas d'urgence"),
        ],
        required="Choisissez le rôle de cette personne.",
    )
    name = text(
        "Prénom et nom",
        200,
        "Le nom",
        required="Saisissez le prénom et le nom de la personne, par exemple « Claire Martin ».",
        autocomplete="off",
    )
    relation = text(
        "Lien avec vous (facultatif)", 100, "Le lien", hint="Par exemple : fille, voisin, amie."
    )
    phone = text(
        "Téléphone",
        30,
        "Le numéro de téléphone",
        hint="Par exemple 06 12 34 56 78.",
        type="tel",
        autocomplete="off",
    )
    email = text(
        "Adresse e-mail (facultatif)",
        254,
        "L'adresse e-mail",
        hint="Par exemple nom@exemple.fr.",
        type="email",
        autocomplete="off",
        spellcheck="false",
    )

    def validate_phone(self, field: Field) -> None:
        check_phone(field.data)
        if not field.data and not self.email.data:
            raise ValidationError(
                "Saisissez un numéro de téléphone (ou au moins une adresse e-mail) pour "
                "pouvoir joindre cette personne, par exemple 06 12 34 56 78."
            )

    def validate_email(self, field: Field) -> None:
        if field.data:
            EmailAddress()(self, field)

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["kind"] = ContactKind(values["kind"])
        return values


class WishesForm(ItemForm):
    advance_directives = text(
        "Mes directives anticipées (facultatif)",
        LONG_TEXT,
        "Le texte des directives",
        hint="Ce que vous voulez pour la fin de votre vie si vous ne pouvez plus vous "
        "exprimer : les soins que vous acceptez ou refusez, le soulagement de la douleur…",
        area=True,
    )
    directives_written_on = past_date("Date où vous les avez écrites (facultatif)", "La date")
    organ_donation = Choices(
        "Don d'organes",
        [
            (OrganDonation.NOT_SAID.value, "Je ne souhaite pas le dire ici"),
            (OrganDonation.AGREES.value, "J'accepte de donner mes organes après mon décès"),
            (
                OrganDonation.REFUSES.value,
                "Je refuse, et je suis inscrit(e) au registre national des refus",
            ),
        ],
        required="Choisissez une réponse pour le don d'organes.",
        default=OrganDonation.NOT_SAID.value,
    )
    organ_donation_note = text(
        "Précisions sur le don d'organes (facultatif)",
        500,
        "Les précisions",
        hint="Par exemple : j'en ai parlé à ma fille.",
    )

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["organ_donation"] = OrganDonation(values["organ_donation"])
        return values


class ProfessionalForm(BaseForm):
    rpps = StringField(
        "Numéro RPPS du professionnel",
        filters=[digits_filter],
        validators=[
            Required(
                "Saisissez le numéro RPPS du professionnel : 11 chiffres, par exemple 10101234567."
            ),
            MaxLength(30, "Le numéro RPPS"),
            Digits(11, "Le numéro RPPS"),
        ],
        description="11 chiffres, écrits sur ses ordonnances. Par exemple 10101234567.",
        render_kw={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"},
    )


class NoteForm(ItemForm):
    title = text(
        "Titre",
        200,
        "Le titre",
        required="Saisissez un titre, par exemple « Questions pour ma prochaine visite ».",
    )
    body = text(
        "Texte de la note",
        LONG_TEXT,
        "Le texte",
        required="Saisissez le texte de la note.",
        area=True,
    )
