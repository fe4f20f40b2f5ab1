"""Notifying people: always in the app, by e-mail unless they turned the kind off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import Integer, String, bindparam, func, select
from sqlalchemy.orm import Session

from espace import mail
from espace.db import prebuilt_count, run_prebuilt
from espace.models import Account, Notification, NotificationPreference, Professional
from espace.models.base import UTCDateTime
from espace.models.document import DocumentCategory
from espace.notifications.kinds import kind

CATEGORY_VALUES = {category.value for category in DocumentCategory}


@dataclass(frozen=True)
class Notice:
    """What to notify: a kind and references, never content."""

    kind: str
    space_id: int | None = None
    actor_professional_id: int | None = None
    category: str | None = None
    target_type: str | None = None
    target_id: int | None = None
    audit_seq: int | None = None


def email_wanted(db: Session, account: Account, kind_name: str) -> bool:
    if kind(kind_name).security:
        return True
    preference = db.get(NotificationPreference, (account.id, kind_name))
    return preference is None or preference.email


def notify(db: Session, recipient: Account, notice: Notice, now: datetime) -> Notification | None:
    """Create the notification (or fold it into a recent one of the same kind)."""
    spec = kind(notice.kind)
    if spec.coalesce is not None:
        values = {
            "recipient": recipient.id,
            "kind": notice.kind,
            "space_id": notice.space_id,
            "professional_id": notice.actor_professional_id,
            "since": now - spec.coalesce,
        }
        if run_prebuilt(db, _RECENT, values).first() is not None:
            return None
    notification = Notification(
        account_id=recipient.id,
        space_id=notice.space_id,
        kind=notice.kind,
        actor_professional_id=notice.actor_professional_id,
        category=notice.category,
        target_type=notice.target_type,
        target_id=notice.target_id,
        audit_seq=notice.audit_seq,
        created_at=now,
        emailed=False,
    )
    db.add(notification)
    if recipient.is_active and email_wanted(db, recipient, notice.kind):
        _email(db, recipient, notice.kind)
        notification.emailed = True
    db.flush()
    return notification


# An unread notification of the same kind, space and professional, recent enough to fold
# a new one into (every page a professional opens of a record asks): built once. The IS
# comparisons match NULL to NULL, as the folding wants (an access without professional).
_RECENT = (
    select(Notification.id)
    .where(
        Notification.account_id == bindparam("recipient", type_=Integer),
        Notification.kind == bindparam("kind", type_=String),
        Notification.space_id.is_not_distinct_from(bindparam("space_id", type_=Integer)),
        Notification.actor_professional_id.is_not_distinct_from(
            bindparam("professional_id", type_=Integer)
        ),
        Notification.read_at.is_(None),
        Notification.created_at > bindparam("since", type_=UTCDateTime),
    )
    .limit(1)
)


def _email(db: Session, recipient: Account, kind_name: str) -> None:
    spec = kind(kind_name)
    base = current_app.config["PUBLIC_URL"]
    mail.send_on_commit(
        db,
        mail.Email(
            to=recipient.email,
            subject=spec.email_subject,
            body=(
                f"Bonjour,\n\n{spec.email_text}\n\n"
                f"Connectez-vous pour en savoir plus : {base}/connexion\n\n"
                "Vous pouvez choisir les e-mails que vous recevez dans la page "
                "« Notifications » de votre espace."
            ),
        ),
    )


def unread_count(db: Session, account_id: int) -> int:
    """The menu's badge, on every page of a holder: one statement built once."""
    return prebuilt_count(db, _UNREAD, {"account_id": account_id})


_UNREAD = (
    select(func.count())
    .select_from(Notification)
    .where(
        Notification.account_id == bindparam("account_id", type_=Integer),
        Notification.read_at.is_(None),
    )
)


def describe(notification: Notification, professional: Professional | None) -> str:
    """The sentence shown in the app (the person is signed in: details may be given)."""
    who = (
        f"{professional.display_name} ({professional.profession})"
        if professional
        else "Un professionnel de santé"
    )
    category = ""
    if notification.category in CATEGORY_VALUES:
        category = f" ({DocumentCategory(notification.category).label})"
    return kind(notification.kind).app_text.format(who=who, category=category)
