"""Health-data operations of the agenda: each adds exactly one entry to the history; a
professional's appointment tells the holder."""

from __future__ import annotations

from espace import clock
from espace.models import PreventionHidden
from tests.completeness import Operation
from tests.matrix.agenda import appointment_url, feed_url, form, known_feed, space_id
from tests.matrix.pro import GP


def _blood_test_form(db) -> dict:  # type: ignore[no-untyped-def]
    return form(days_ahead=3, at="8:15", title="Prise de sang (HbA1c)")


def _revoke(db) -> str:  # type: ignore[no-untyped-def]
    return f"/agenda/abonnement/{known_feed(db).id}/supprimer"


def _hidden(db) -> str:  # type: ignore[no-untyped-def]
    db.rollback()
    db.add(PreventionHidden(space_id=space_id(db), item_key="zona-65-ans", hidden_at=clock.now()))
    db.commit()
    return "/agenda/prevention/afficher"


OPERATIONS = [
    Operation("agenda.index", "agenda.viewed", url="/agenda"),
    Operation("agenda.past", "agenda.viewed", url="/agenda/passes"),
    Operation("agenda.past", "agenda.viewed", url="/agenda/passes?page=2"),
    Operation("agenda.add", "appointment.added", method="POST", url="/agenda/ajouter",
              data=lambda db: form()),
    Operation("agenda.detail", "appointment.viewed", url=appointment_url()),
    Operation("agenda.change", "appointment.viewed", url=appointment_url("/modifier")),
    Operation("agenda.change", "appointment.changed", method="POST",
              url=appointment_url("/modifier"), data=_blood_test_form),
    Operation("agenda.cancel", "appointment.viewed", url=appointment_url("/annuler")),
    Operation("agenda.cancel", "appointment.cancelled", method="POST",
              url=appointment_url("/annuler")),
    Operation("agenda.export", "appointment.exported", url=appointment_url("/fichier")),
    Operation("agenda.create_feed", "calendar_feed.created", method="POST",
              url="/agenda/abonnement"),
    Operation("agenda.revoke_feed", "calendar_feed.revoked", method="POST", url=_revoke),
    Operation("agenda.feed", "calendar_feed.read", url=feed_url),
    Operation("agenda.prevention_page", "prevention.viewed", url="/agenda/prevention"),
    Operation("agenda.hide_prevention", "prevention.hidden", method="POST",
              url="/agenda/prevention/masquer", data={"item": "zona-65-ans"}),
    Operation("agenda.show_prevention", "prevention.shown", method="POST", url=_hidden,
              data={"item": "zona-65-ans"}),
    Operation("agenda.pro_add", "appointment.added", method="POST",
              url=lambda db: f"/agenda/pro/{space_id(db)}/ajouter",
              data=lambda db: form(professional=""), email=GP, notifies="appointment_added"),
]  # fmt: skip

EXEMPT = {
    "agenda.add": "the GET form is empty (the POST is an operation)",
    "agenda.feeds_page": "lists the creation dates of the subscription links: no health data",
    "agenda.pro_add": "the GET form shows only the patient's name (the POST is an operation)",
}
