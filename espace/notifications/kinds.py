"""Kinds of notification: how each reads, and whether it always goes by e-mail.

E-mails say *that* something happened, never what: no category, no professional, no
title (a psychiatrist's name alone would say too much).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Kind:
    name: str
    setting_label: str  # on the preferences page
    email_subject: str
    email_text: str
    app_text: str  # shown signed in; may name {who} and {category}
    security: bool = False  # always e-mailed, cannot be turned off
    # Several events of this kind from the same professional within this window make one
    # notification (a consultation opens many documents).
    coalesce: timedelta | None = None


KINDS: dict[str, Kind] = {
    k.name: k
    for k in [
        Kind(
            "sign_in",
            "Connexion à mon espace",
            "Espace santé : nouvelle connexion à votre compte",
            "Une connexion à votre compte Espace santé vient d'avoir lieu. Si ce n'était pas "
            "vous, changez votre mot de passe et prévenez votre caisse d'Assurance maladie.",
            "Nouvelle connexion à votre compte.",
            security=True,
        ),
        Kind(
            "document_added",
            "Nouveau document ajouté par un professionnel",
            "Espace santé : un nouveau document est disponible",
            "Un nouveau document a été ajouté à votre espace santé.",
            "{who} a ajouté un document{category}.",
        ),
        Kind(
            "document_changed",
            "Document modifié par un professionnel",
            "Espace santé : un document a été modifié",
            "Un document de votre espace santé a été modifié.",
            "{who} a modifié un document{category}.",
        ),
        Kind(
            "professional_access",
            "Consultation de mon espace par un professionnel",
            "Espace santé : un professionnel a consulté votre espace",
            "Un professionnel de santé a consulté votre espace santé.",
            "{who} a consulté votre espace.",
            coalesce=timedelta(hours=1),
        ),
        Kind(
            "emergency_access",
            "Accès en urgence à mon espace",
            "Espace santé : accès en urgence à votre espace",
            "Un professionnel de santé a ouvert votre espace santé en urgence.",
            "{who} a ouvert votre espace en urgence.",
            security=True,
        ),
        Kind(
            "care_team_joined",
            "Un professionnel rejoint mon équipe de soins",
            "Espace santé : un professionnel rejoint votre équipe de soins",
            "Un professionnel de santé a déclaré vous prendre en charge et rejoint votre "
            "équipe de soins. Vous pouvez le retirer si vous n'êtes pas d'accord.",
            "{who} a déclaré vous prendre en charge et rejoint votre équipe de soins.",
        ),
        Kind(
            "held_result_waiting",
            "Un nouvel élément m'attend",
            "Espace santé : un nouvel élément vous attend",
            "Un nouvel élément vous attend. Parlez-en avec votre médecin.",
            "Un nouvel élément vous attend : parlez-en avec votre médecin.",
        ),
        Kind(
            "patient_emergency_access",
            "Accès en urgence à l'espace d'un de mes patients",
            "Espace santé : accès en urgence à l'espace d'un de vos patients",
            "Un professionnel de santé a ouvert en urgence l'espace d'un de vos patients.",
            "{who} a ouvert en urgence l'espace d'un de vos patients.",
            security=True,
        ),
        Kind(
            "appointment_added",
            "Rendez-vous ajouté par un professionnel",
            "Espace santé : un rendez-vous a été ajouté à votre agenda",
            "Un rendez-vous a été ajouté ou modifié dans votre agenda.",
            "{who} a ajouté ou modifié un rendez-vous dans votre agenda.",
        ),
        Kind(
            "space_opened",
            "Ouverture de mon espace",
            "Espace santé : votre espace santé est ouvert",
            "Votre espace santé est ouvert. Activez-le avec le code reçu par courrier ou par "
            "e-mail pour le consulter.",
            "Votre espace santé est ouvert.",
        ),
        Kind(
            "export_ready",
            "Mes données sont prêtes à télécharger",
            "Espace santé : vos données sont prêtes",
            "Le fichier de vos données est prêt. Vous pouvez le télécharger pendant 7 jours.",
            "Le fichier de vos données est prêt : téléchargez-le dans les 7 jours.",
        ),
        Kind(
            "representative_added",
            "Un représentant accède à mon espace",
            "Espace santé : une personne peut désormais gérer votre espace",
            "Une personne a reçu l'accès à votre espace santé pour le gérer avec vous.",
            "Une personne a reçu l'accès à votre espace santé.",
            security=True,
        ),
        Kind(
            "new_message",
            "Nouveau message",
            "Espace santé : vous avez un nouveau message",
            "Vous avez reçu un nouveau message dans votre messagerie de santé.",
            "{who} vous a écrit.",
        ),
        Kind(
            "patient_message",
            "Nouveau message d'un patient",
            "Espace santé : un patient vous a écrit",
            "Un patient vous a écrit dans la messagerie de santé.",
            "Un patient vous a écrit.",
        ),
        Kind(
            "reminder",
            "Rappel de rendez-vous",
            "Espace santé : rappel",
            "Un rappel vous attend dans votre espace santé.",
            "Vous avez un rappel de rendez-vous.",
        ),
    ]
}


def kind(name: str) -> Kind:
    return KINDS[name]
