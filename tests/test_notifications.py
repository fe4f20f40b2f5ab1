"""Notifications: in the app always, by e-mail unless turned off, never with health data."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from espace import clock
from espace.actors import Actor, ActorRole
from espace.audit import record
from espace.models import Account, HealthSpace, Notification, NotificationPreference, Professional
from espace.notifications.services import unread_count
from tests.matrix.record import jeanne_document
from tests.support import text

JEANNE = "jeanne.martin@example.org"


def jeanne(db) -> tuple[Account, HealthSpace]:
    account = db.scalars(select(Account).where(Account.email == JEANNE)).one()
    space = db.scalars(select(HealthSpace).where(HealthSpace.holder_account_id == account.id)).one()
    return account, space


def durand(db) -> Actor:
    professional = db.scalars(
        select(Professional).where(Professional.family_name == "Durand")
    ).one()
    return Actor(ActorRole.PROFESSIONAL, professional.account, professional)


def professional_adds_a_document(app, db) -> None:
    _, space = jeanne(db)
    with app.app_context():
        record(db, durand(db), "document.added", space, target_type="document",
               target_id=jeanne_document(db), category="prescription")  # fmt: skip
    db.commit()


def test_every_sign_in_is_notified_by_email_as_a_security_event(login_as, outbox, db):
    login_as(JEANNE)
    notices = [m for m in outbox.to(JEANNE) if "nouvelle connexion" in m["Subject"]]
    assert len(notices) == 1
    assert "Si ce n'était pas vous" in notices[0].get_content()
    db.reload()
    account, _ = jeanne(db)
    kinds = db.scalars(select(Notification.kind).where(Notification.account_id == account.id))
    assert "sign_in" in set(kinds)


def test_a_document_added_by_a_professional_is_notified_in_the_app_and_by_email(
    app, login_as, outbox, db
):
    client = login_as(JEANNE)
    professional_adds_a_document(app, db)
    email = outbox.last_to(JEANNE)
    assert email["Subject"] == "Espace santé : un nouveau document est disponible"
    body = email.get_content()
    assert "Durand" not in body and "Ordonnance" not in body and "metformine" not in body
    assert "/connexion" in body
    page = text(client.get("/notifications"))
    assert "Dr Sophie Durand (Médecin) a ajouté un document (Ordonnance)." in page
    assert "Nouveau" in page


def test_the_holders_own_actions_do_not_notify_her(app, login_as, db):
    client = login_as(JEANNE)
    db.reload()
    before = db.scalar(select(func.count()).select_from(Notification))
    client.get("/documents")
    client.get(f"/documents/{jeanne_document(db)}")
    db.reload()
    assert db.scalar(select(func.count()).select_from(Notification)) == before


def test_turning_off_an_email_keeps_the_notification_in_the_app(app, login_as, outbox, db):
    client = login_as(JEANNE)
    client.get("/notifications/preferences")
    response = client.post_form("/notifications/preferences", {"new_message": "y"})
    assert response.headers["Location"] == "/notifications"
    db.reload()
    account, _ = jeanne(db)
    assert db.get(NotificationPreference, (account.id, "document_added")).email is False
    emails_before = len(outbox.to(JEANNE))
    professional_adds_a_document(app, db)
    assert len(outbox.to(JEANNE)) == emails_before
    assert "a ajouté un document" in text(client.get("/notifications"))
    page = client.get("/notifications/preferences").get_data(as_text=True)
    assert '<input checked id="new_message"' in page
    assert '<input id="document_added"' in page
    assert 'id="sign_in"' not in page  # security e-mails cannot be turned off


def test_security_emails_cannot_be_turned_off(login_as, outbox, db, app):
    client = login_as(JEANNE)
    client.get("/notifications/preferences")
    client.post_form("/notifications/preferences", {"sign_in": ""})
    login_as(JEANNE)
    notices = [m for m in outbox.to(JEANNE) if "nouvelle connexion" in m["Subject"]]
    assert len(notices) == 2


def test_the_unread_count_is_in_the_menu_for_screen_readers_too(app, login_as, db):
    client = login_as(JEANNE)
    db.reload()
    account, _ = jeanne(db)
    unread = db.scalar(
        select(func.count()).where(
            Notification.account_id == account.id, Notification.read_at.is_(None)
        )
    )
    html = client.get("/tableau-de-bord").get_data(as_text=True)
    assert f'<span class="badge">{unread}<span class="visually-hidden"> non lues</span>' in html


def test_marking_one_then_all_as_read(app, login_as, db):
    client = login_as(JEANNE)
    db.reload()
    account, _ = jeanne(db)
    first = db.scalar(
        select(Notification.id).where(
            Notification.account_id == account.id, Notification.read_at.is_(None)
        )
    )
    client.get("/notifications")
    assert client.post_form(f"/notifications/{first}/lue").headers["Location"] == "/notifications"
    db.reload()
    assert db.get(Notification, first).read_at is not None
    client.get("/notifications")
    client.post_form("/notifications/tout-marquer-lu")
    assert "Vous avez tout lu" in text(client.get("/notifications"))
    assert 'Notifications <span class="badge">' not in client.get("/tableau-de-bord").get_data(
        as_text=True
    )


def test_accesses_by_one_professional_within_an_hour_make_one_notification(app, db):
    _, space = jeanne(db)
    with app.app_context():
        for _ in range(5):
            record(db, durand(db), "profile.viewed", space, category="profil",
                   notify_kind="professional_access")  # fmt: skip
    db.commit()
    count = db.scalar(
        select(func.count()).where(Notification.kind == "professional_access",
                                   Notification.created_at > clock.now() - timedelta(minutes=5))
    )  # fmt: skip
    assert count == 1


def test_a_new_notification_after_the_hour_after_reading_or_from_someone_else(app, db):
    account, space = jeanne(db)
    other = db.scalars(
        select(Professional).where(
            Professional.family_name != "Durand", Professional.account_id.is_not(None)
        )
    ).first()

    def access(actor: Actor) -> None:
        record(db, actor, "profile.viewed", space, category="profil",
               notify_kind="professional_access")  # fmt: skip

    def accesses() -> list[Notification]:
        return db.scalars(
            select(Notification).where(
                Notification.account_id == account.id,
                Notification.kind == "professional_access",
                Notification.created_at >= start,
            )
        ).all()

    start = clock.now() + timedelta(days=1)  # after anything the demo data holds
    with app.app_context(), clock.frozen_at(start) as frozen:
        access(durand(db))
        access(Actor(ActorRole.PROFESSIONAL, other.account, other))  # another professional
        assert len(accesses()) == 2
        frozen.advance(minutes=59)
        access(durand(db))  # folded into the first
        assert len(accesses()) == 2
        frozen.advance(minutes=2)
        access(durand(db))  # more than an hour after the first
        assert len(accesses()) == 3
        for notification in accesses():
            notification.read_at = clock.now()
        access(durand(db))  # the unread one it could fold into is read
        assert len(accesses()) == 4
    db.rollback()


def test_the_menu_count_sees_what_the_request_has_not_written_yet(db):
    """The count runs a statement built once on the connection: it must still see a
    notification added (or read) a moment earlier in the same transaction, as the ORM did."""
    jeanne = db.scalar(select(Account).where(Account.email == JEANNE))
    before = unread_count(db, jeanne.id)
    db.add(Notification(account_id=jeanne.id, kind="new_document"))
    assert unread_count(db, jeanne.id) == before + 1
    for notification in db.scalars(
        select(Notification).where(Notification.account_id == jeanne.id)
    ):
        notification.read_at = clock.now()
    assert unread_count(db, jeanne.id) == 0
    db.rollback()
    assert unread_count(db, jeanne.id) == before
