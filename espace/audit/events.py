"""Every audited event, declared once: its name, what it must name, how it reads.

``record()`` refuses an event that is not declared here or lacks a required field, so the
history stays complete and uniform (STYLE.md: "every audited event is declared once").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EventType:
    name: str
    label: str  # what the holder reads in the "Quoi" column: a noun phrase
    requires: frozenset[str] = field(default_factory=frozenset)
    notify: str | None = None  # notification kind sent to the holder, if any


def _event(name: str, label: str, *requires: str, notify: str | None = None) -> EventType:
    return EventType(name, label, frozenset(requires), notify)


EVENTS: dict[str, EventType] = {
    e.name: e
    for e in [
        # Signing in and the account
        _event("account.signed_in", "Connexion"),
        _event("account.signed_out", "Déconnexion"),
        # Documents
        _event("document.listed", "Consultation de la liste des documents"),
        _event("document.viewed", "Consultation d'un document", "target_id", "category"),
        _event(
            "document.downloaded",
            "Ouverture ou téléchargement du fichier d'un document",
            "target_id",
            "category",
        ),
        _event(
            "document.added",
            "Ajout d'un document",
            "target_id",
            "category",
            notify="document_added",
        ),
        _event(
            "document.changed",
            "Modification d'un document",
            "target_id",
            "category",
            notify="document_changed",
        ),
        _event("document.deleted", "Suppression d'un document", "target_id", "category"),
        # Profil médical
        _event("profile.viewed", "Consultation du profil médical", "category"),
        _event(
            "profile.item_added",
            "Ajout d'une information au profil médical",
            "target_id",
            "category",
        ),
        _event(
            "profile.item_changed",
            "Modification d'une information du profil médical",
            "target_id",
            "category",
        ),
        _event(
            "profile.item_deleted",
            "Suppression d'une information du profil médical",
            "target_id",
            "category",
        ),
        _event("notes.viewed", "Consultation des notes personnelles"),
        _event("notes.added", "Ajout d'une note personnelle", "target_id"),
        _event("notes.changed", "Modification d'une note personnelle", "target_id"),
        _event("notes.deleted", "Suppression d'une note personnelle", "target_id"),
        # Historique des soins
        _event("reimbursements.viewed", "Consultation de l'historique des soins"),
        _event("reimbursements.imported", "Réception de nouveaux remboursements"),
        # Professionals' access (DOMAIN.md, "Who may see what")
        _event(
            "patient.found", "Recherche de l'espace par un professionnel (NIR et date de naissance)"
        ),
        _event("access.refused", "Accès refusé", "reason"),
        _event(
            "care_team.joined",
            "Entrée dans l'équipe de soins (prise en charge déclarée)",
            notify="care_team_joined",
        ),
        _event("care_team.removed", "Retrait de l'équipe de soins", "target_id"),
        _event("share_code.created", "Création d'un code de partage"),
        _event("share_code.used", "Utilisation d'un code de partage", notify="professional_access"),
        _event("block.added", "Blocage d'un professionnel", "target_id"),
        _event("block.removed", "Fin du blocage d'un professionnel", "target_id"),
        _event("document.masked", "Masquage d'un document", "target_id", "category"),
        _event("document.unmasked", "Démasquage d'un document", "target_id", "category"),
        _event("mask_all.changed", "Changement du masquage de tous les documents", "reason"),
        _event("consent.changed", "Changement d'un consentement à l'accès en urgence", "reason"),
        _event("gp.declared", "Déclaration du médecin traitant", "target_id"),
        _event("emergency.started", "Accès en urgence", "reason", notify="emergency_access"),
        _event(
            "document.released",
            "Résultat rendu visible",
            "target_id",
            "category",
            notify="document_added",
        ),
        _event("document.held_notice", "Avis : un nouvel élément vous attend", "target_id"),
        # Catalogue de services: the holder's consent to each service (target: the service)
        _event("catalogue.consent_granted", "Accord donné à un service du catalogue", "target_id"),
        _event("catalogue.consent_revoked", "Accord retiré à un service du catalogue", "target_id"),
        # Messagerie
        _event("messages.inbox_viewed", "Consultation de la messagerie"),
        _event("messages.searched", "Recherche dans les messages"),
        _event(
            "messages.thread_opened",
            "Ouverture d'une conversation",
            "target_id",
            notify="new_message",
        ),
        _event("messages.thread_viewed", "Lecture d'une conversation", "target_id"),
        _event("messages.sent", "Envoi d'un message", "target_id", notify="new_message"),
        _event(
            "messages.renewal_requested",
            "Demande de renouvellement d'ordonnance",
            "target_id",
            notify="new_message",
        ),
        _event("messages.thread_closed", "Clôture d'une conversation", "target_id"),
        _event("messages.attachment_downloaded", "Ouverture d'une pièce jointe", "target_id"),
        _event(
            "messages.attachment_saved",
            "Enregistrement d'une pièce jointe dans les documents",
            "target_id",
            "category",
        ),
        # Agenda
        _event("agenda.viewed", "Consultation de l'agenda"),
        _event("appointment.viewed", "Consultation d'un rendez-vous", "target_id"),
        _event(
            "appointment.added", "Ajout d'un rendez-vous", "target_id", notify="appointment_added"
        ),
        _event(
            "appointment.changed",
            "Modification d'un rendez-vous",
            "target_id",
            notify="appointment_added",
        ),
        _event("appointment.cancelled", "Annulation d'un rendez-vous", "target_id"),
        _event("appointment.exported", "Export d'un rendez-vous (fichier .ics)", "target_id"),
        _event("appointment.reminded", "Rappel de rendez-vous", "target_id", notify="reminder"),
        _event("calendar_feed.created", "Création d'un lien d'abonnement à l'agenda"),
        _event("calendar_feed.revoked", "Suppression d'un lien d'abonnement à l'agenda"),
        _event("calendar_feed.read", "Lecture de l'agenda par un lien d'abonnement"),
        _event("prevention.viewed", "Consultation du calendrier de prévention"),
        _event("prevention.hidden", "Masquage d'un rappel de prévention"),
        _event("prevention.shown", "Réaffichage d'un rappel de prévention"),
        # Life of a space (DOMAIN.md, "Lifecycle of a space")
        _event("space.notified", "Envoi de l'avis de création de l'espace"),
        _event("space.opposed", "Opposition à la création de l'espace", "reason"),
        _event("space.opened", "Ouverture de l'espace", notify="space_opened"),
        _event(
            "space.migrated",
            "Reprise de l'ancien dossier médical partagé (DMP)",
            notify="space_opened",
        ),
        _event("space.activated", "Activation de l'espace"),
        _event("activation_code.reissued", "Envoi d'un nouveau code d'activation"),
        _event("space.closed", "Fermeture de l'espace", "reason"),
        _event("space.reopened", "Réouverture de l'espace"),
        _event("space.deletion_requested", "Demande de suppression des données"),
        _event("space.purged", "Suppression des données de l'espace"),
        _event("space.came_of_age", "Majorité : l'espace devient celui de son titulaire"),
        _event("operator.lookup", "Recherche de l'espace par un agent de l'Assurance maladie"),
        _event("export.requested", "Demande de téléchargement des données"),
        _event("export.ready", "Préparation du fichier de données", notify="export_ready"),
        _event("export.downloaded", "Téléchargement des données"),
        _event("representative.added", "Ajout d'un représentant", "target_id"),
        _event("representative.revoked", "Fin de l'accès d'un représentant", "target_id"),
        _event(
            "document.confidential_changed",
            "Changement de confidentialité d'un document",
            "target_id",
            "category",
        ),
        # The history and notifications themselves
        _event("history.viewed", "Consultation de l'historique d'activité"),
        _event("notifications.viewed", "Consultation des notifications"),
        _event("notifications.settings_changed", "Modification des préférences de notification"),
    ]
}


def event(name: str) -> EventType:
    try:
        return EVENTS[name]
    except KeyError:
        raise KeyError(f"audit event {name!r} is not declared in espace/audit/events.py") from None
