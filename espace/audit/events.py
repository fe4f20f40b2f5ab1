"""Every audited event, declared once: its name, what it must name, how it reads.

``record()`` refuses an event that is not declared here or lacks a required field, so the
history stays complete and uniform (STYLE.md: "every audited event is declared once").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EventType:
    name: str
    label: str  # what the holder reads: "{actor} {label}"
    requires: frozenset[str] = field(default_factory=frozenset)
    notify: str | None = None  # notification kind sent to the holder, if any


def _event(name: str, label: str, *requires: str, notify: str | None = None) -> EventType:
    return EventType(name, label, frozenset(requires), notify)


EVENTS: dict[str, EventType] = {
    e.name: e
    for e in [
        # Signing in and the account
        _event("account.signed_in", "s'est connecté à l'espace"),
        _event("account.signed_out", "s'est déconnecté"),
        # Documents
        _event("document.listed", "a consulté la liste des documents"),
        _event("document.viewed", "a consulté un document", "target_id", "category"),
        _event("document.downloaded", "a téléchargé un document", "target_id", "category"),
        _event(
            "document.added",
            "a ajouté un document",
            "target_id",
            "category",
            notify="document_added",
        ),
        _event(
            "document.changed",
            "a modifié un document",
            "target_id",
            "category",
            notify="document_changed",
        ),
        _event("document.deleted", "a supprimé un document", "target_id", "category"),
        # Profil médical
        _event("profile.viewed", "a consulté le profil médical", "category"),
        _event(
            "profile.item_added",
            "a ajouté une information au profil médical",
            "target_id",
            "category",
        ),
        _event(
            "profile.item_changed",
            "a modifié une information du profil médical",
            "target_id",
            "category",
        ),
        _event(
            "profile.item_deleted",
            "a supprimé une information du profil médical",
            "target_id",
            "category",
        ),
        _event("notes.viewed", "a consulté ses notes personnelles"),
        _event("notes.added", "a ajouté une note personnelle", "target_id"),
        _event("notes.changed", "a modifié une note personnelle", "target_id"),
        _event("notes.deleted", "a supprimé une note personnelle", "target_id"),
        # Historique des soins
        _event("reimbursements.viewed", "a consulté l'historique des soins"),
        _event(
            "reimbursements.imported", "a reçu de nouveaux remboursements de l'Assurance maladie"
        ),
        # The history and notifications themselves
        _event("history.viewed", "a consulté l'historique d'activité"),
        _event("notifications.viewed", "a consulté ses notifications"),
        _event("notifications.settings_changed", "a modifié ses préférences de notification"),
    ]
}


def event(name: str) -> EventType:
    try:
        return EVENTS[name]
    except KeyError:
        raise KeyError(f"audit event {name!r} is not declared in espace/audit/events.py") from None
