"""Forms of /messagerie: a message (text and an optional file), a new thread, closing a
thread, a renewal request, saving an attachment, searching."""

from __future__ import annotations

from typing import Any

from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError

from espace.documents.forms import CATEGORY_CHOICES, CATEGORY_VALUES, ChosenFile
from espace.files.sniffing import ACCEPTED_TEXT, RefusedFile, sniff
from espace.messaging.renewal import NOTE_MAX
from espace.messaging.search import QUERY_MAX
from espace.messaging.services import BODY_MAX, REASON_MAX, SUBJECT_MAX
from espace.web.forms import BaseForm, MaxLength, Required, choice_values, strip_filter

# RGAA 11.10: say how to format before the person types, not after.
BODY_HINT = (
    "Pour mettre en forme : **gras**, *italique*, une ligne qui commence par « - » pour une "
    "liste, une ligne vide entre deux paragraphes ; les adresses de sites (https://…) "
    "deviennent des liens. 5 000 caractères au plus."
)
FILE_HINT = f"Facultatif. Un seul fichier {ACCEPTED_TEXT}."


def drop_nul(value: Any) -> Any:
    """A NUL character is nothing a person types, and PostgreSQL refuses it in text."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def _body() -> TextAreaField:
    return TextAreaField(
        "Votre message",
        filters=[drop_nul],
        validators=[
            Required("Écrivez votre message avant de l'envoyer."),
            MaxLength(BODY_MAX, "Le message"),
        ],
    )


class _WithFile:
    """The fields and the optional file checked together, so every problem is told at once."""

    def validate_with_file(self, files: Any) -> tuple[bool, ChosenFile | None]:
        """(everything is right, the file or None)."""
        valid = self.validate()  # type: ignore[attr-defined]
        upload = files.get("file")
        if upload is None or not upload.filename:
            return valid, None
        content = upload.read()
        try:
            sniff(content)
        except RefusedFile as refused:
            self.fail(  # type: ignore[attr-defined]
                self.file,  # type: ignore[attr-defined]
                f"{refused} Choisissez de nouveau le fichier, ou envoyez le message sans "
                "pièce jointe.",
            )
            return False, None
        return valid, ChosenFile(content, upload.filename)


class MessageForm(_WithFile, BaseForm):
    body = _body()
    file = FileField("Pièce jointe")


class ThreadForm(_WithFile, BaseForm):
    """A new thread. ``recipient``: the professional (holder's side) or the patient's space
    (professional's side), among choices the view sets."""

    recipient = SelectField("Destinataire", validate_choice=False)
    subject = StringField(
        "Objet",
        filters=[drop_nul, strip_filter],
        validators=[
            Required("Saisissez l'objet du message, par exemple « Question sur mon traitement »."),
            MaxLength(SUBJECT_MAX, "L'objet"),
        ],
    )
    body = _body()
    file = FileField("Pièce jointe")
    confidential = BooleanField(
        "Conversation confidentielle : les parents de ce patient mineur ne la verront pas"
    )

    def validate_recipient(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choisissez à qui vous écrivez, dans la liste.")
        if field.data not in choice_values(field):
            raise ValidationError("Choisissez le destinataire dans la liste.")


class CloseForm(BaseForm):
    reason = TextAreaField(
        "Motif de la clôture",
        filters=[drop_nul, strip_filter],
        validators=[
            Required(
                "Indiquez pourquoi vous closez la conversation, par exemple « Question traitée "
                "en consultation »."
            ),
            MaxLength(REASON_MAX, "Le motif"),
        ],
    )


class RenewalForm(BaseForm):
    note = TextAreaField(
        "Message pour votre médecin (facultatif)",
        filters=[drop_nul],
        validators=[MaxLength(NOTE_MAX, "Le message")],
    )


class SaveForm(BaseForm):
    """One per attachment on the thread page (the view gives each its own prefix)."""

    categorie = SelectField(
        "Catégorie du document", choices=CATEGORY_CHOICES, validate_choice=False
    )

    def validate_categorie(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError(
                "Choisissez la catégorie du document, par exemple « Compte rendu »."
            )
        if field.data not in CATEGORY_VALUES:
            raise ValidationError("Choisissez une catégorie dans la liste.")


class SearchForm(BaseForm):
    """Sent by POST: the words may say something of one's health, so they never go in the
    address (see ``routes.find``)."""

    q = StringField(
        "Rechercher dans mes messages",
        filters=[drop_nul, strip_filter],
        validators=[
            Required("Saisissez un ou plusieurs mots à chercher, par exemple « ordonnance »."),
            MaxLength(QUERY_MAX, "La recherche"),
        ],
    )
