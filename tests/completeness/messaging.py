"""The messaging: every read and every write of a message adds exactly one history entry,
and a new message tells the other side (the holder through the history, the professional
directly)."""

from sqlalchemy import select

from espace.models import HealthSpace
from tests.completeness import Operation
from tests.matrix.messaging import amina_attachment, amina_thread, jeanne_prescription
from tests.matrix.privacy import JEANNE_NIR, SOPHIE_RPPS, professional

AMINA = "amina.diallo@example.org"


def _thread(suffix: str = ""):  # type: ignore[no-untyped-def]
    return lambda db: f"/messagerie/{amina_thread(db)}{suffix}"


def _jeanne(db) -> dict:  # type: ignore[no-untyped-def]
    space = db.scalars(select(HealthSpace).where(HealthSpace.nir == JEANNE_NIR)).one()
    return {"recipient": str(space.id), "subject": "Votre pansement", "body": "Bonjour"}


def _gp(db) -> dict:  # type: ignore[no-untyped-def]
    return {"recipient": str(professional(db, SOPHIE_RPPS).id), "subject": "Question",
            "body": "Bonjour Docteur"}  # fmt: skip


def _attachment(suffix: str):  # type: ignore[no-untyped-def]
    return lambda db: f"/messagerie/pieces-jointes/{amina_attachment(db)}/{suffix}"


def _save(db) -> dict:  # type: ignore[no-untyped-def]
    return {f"pj{amina_attachment(db)}-categorie": "plan_de_soins"}


def _renew(db) -> str:  # type: ignore[no-untyped-def]
    return f"/messagerie/renouvellement/{jeanne_prescription(db)}"


OPERATIONS = [
    Operation("messaging.inbox", "messages.inbox_viewed", url="/messagerie"),
    Operation("messaging.inbox", "messages.inbox_viewed", url="/messagerie?page=2", email=AMINA),
    Operation("messaging.find", "messages.searched", method="POST", url="/messagerie/recherche",
              data={"q": "HbA1c"}, follow=True),
    Operation("messaging.find", "messages.searched", method="POST", url="/messagerie/recherche",
              data={"q": "fiche"}, email=AMINA, follow=True),
    Operation("messaging.thread", "messages.thread_viewed", url=_thread()),
    Operation("messaging.thread", "messages.thread_viewed", url=_thread("?page=1"), email=AMINA),
    Operation("messaging.reply", "messages.sent", method="POST", url=_thread("/repondre"),
              data={"body": "Merci"}, notifies="patient_message"),
    Operation("messaging.reply", "messages.sent", method="POST", url=_thread("/repondre"),
              data={"body": "Avec plaisir"}, email=AMINA, notifies="new_message"),
    Operation("messaging.new", "messages.thread_opened", method="POST", url="/messagerie/nouvelle",
              data=_gp, notifies="patient_message"),
    Operation("messaging.new", "messages.thread_opened", method="POST", url="/messagerie/nouvelle",
              data=_jeanne, email=AMINA, notifies="new_message"),
    Operation("messaging.close", "messages.thread_viewed", url=_thread("/clore"), email=AMINA),
    Operation("messaging.close", "messages.thread_closed", method="POST", url=_thread("/clore"),
              data={"reason": "Question réglée."}, email=AMINA),
    Operation("messaging.attachment", "messages.attachment_downloaded", url=_attachment("fichier")),
    Operation("messaging.attachment", "messages.attachment_downloaded",
              url=lambda db: _attachment("fichier")(db) + "?telecharger=1", email=AMINA),
    Operation("messaging.save", "messages.attachment_saved", method="POST",
              url=_attachment("enregistrer"), data=_save),
    Operation("messaging.renew", "document.viewed", url=_renew),
    Operation("messaging.renew", "messages.renewal_requested", method="POST", url=_renew,
              data={"note": "Merci"}, notifies="patient_message"),
]  # fmt: skip

EXEMPT = {
    "messaging.unread": "the count of unread threads only: it names nothing and nobody",
    "messaging.new": "the GET form lists the person's own GP and professionals who wrote, or "
    "the professional's own patients (like pro.index); the POST is an operation",
}
