"""Views of /notifications."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select, update
from wtforms import BooleanField

from espace import clock
from espace.actors import Actor
from espace.audit import record
from espace.db import get_session
from espace.models import Document, Notification, NotificationPreference, Professional, Role
from espace.notifications import bp
from espace.notifications.kinds import KINDS
from espace.notifications.services import describe
from espace.policy import Area
from espace.web.access import requires
from espace.web.forms import BaseForm
from espace.web.htmx import render
from espace.web.spaces import own_space

SHOWN = 100  # the most recent ones; older ones stay in the history of activity


@bp.get("")
@requires(Area.NOTIFICATIONS)
def index() -> ResponseReturnValue:
    db = get_session()
    notifications = db.scalars(
        select(Notification)
        .where(Notification.account_id == current_user.id)
        .order_by(Notification.id.desc())
        .limit(SHOWN)
    ).all()
    ids = {n.actor_professional_id for n in notifications if n.actor_professional_id}
    professionals = {
        p.id: p for p in db.scalars(select(Professional).where(Professional.id.in_(ids)))
    }
    space = own_space() if current_user.role == Role.HOLDER else None
    documents: set[int] = set()
    if space is not None:  # links to the holder's own documents, when she can open them
        document_ids = {n.target_id for n in notifications if n.target_type == "document"}
        documents = set(
            db.scalars(
                select(Document.id).where(
                    Document.id.in_(document_ids),
                    Document.space_id == space.id,
                    Document.held.is_(False),
                )
            )
        )
    items = [
        (n, describe(n, professionals.get(n.actor_professional_id)), n.target_id in documents)
        for n in notifications
    ]
    record(
        db, Actor.for_account(db, current_user._get_current_object()), "notifications.viewed", space
    )
    unread = sum(1 for n in notifications if n.read_at is None)
    return render("notifications/index.html", items=items, unread=unread)


def _own(notification_id: int) -> Notification:
    notification = get_session().get(Notification, notification_id)
    if notification is None or notification.account_id != current_user.id:
        abort(404)
    return notification


@bp.post("/<int:notification_id>/lue")
@requires(Area.NOTIFICATIONS)
def mark_read(notification_id: int) -> ResponseReturnValue:
    notification = _own(notification_id)
    if notification.read_at is None:
        notification.read_at = clock.now()
    flash("La notification est marquée comme lue.", "success")
    return redirect(url_for("notifications.index"))


@bp.post("/tout-marquer-lu")
@requires(Area.NOTIFICATIONS)
def mark_all_read() -> ResponseReturnValue:
    get_session().execute(
        update(Notification)
        .where(Notification.account_id == current_user.id, Notification.read_at.is_(None))
        .values(read_at=clock.now())
    )
    flash("Toutes les notifications sont marquées comme lues.", "success")
    return redirect(url_for("notifications.index"))


def _preferences_form(formdata=None):  # type: ignore[no-untyped-def]
    """One checkbox per kind the person may turn off (security kinds always go)."""

    class PreferencesForm(BaseForm):
        pass

    db = get_session()
    saved = {
        p.kind: p.email
        for p in db.scalars(
            select(NotificationPreference).where(
                NotificationPreference.account_id == current_user.id
            )
        )
    }
    for kind in KINDS.values():
        if not kind.security:
            setattr(
                PreferencesForm,
                kind.name,
                BooleanField(kind.setting_label, default=saved.get(kind.name, True)),
            )
    return PreferencesForm(formdata)


@bp.route("/preferences", methods=["GET", "POST"])
@requires(Area.NOTIFICATIONS)
def preferences() -> ResponseReturnValue:
    form = _preferences_form(request.form if request.method == "POST" else None)
    security = [kind for kind in KINDS.values() if kind.security]
    if request.method == "GET" or not form.validate():
        status = 200 if request.method == "GET" else 422
        return render("notifications/preferences.html", form=form, security=security, status=status)
    db = get_session()
    for kind in KINDS.values():
        if kind.security:
            continue
        wanted = bool(getattr(form, kind.name).data)
        preference = db.get(NotificationPreference, (current_user.id, kind.name))
        if preference is None:
            db.add(NotificationPreference(account_id=current_user.id, kind=kind.name, email=wanted))
        else:
            preference.email = wanted
    space = own_space() if current_user.role == Role.HOLDER else None
    account = current_user._get_current_object()
    record(db, Actor.for_account(db, account), "notifications.settings_changed", space)
    flash("Vos préférences sont enregistrées.", "success")
    return redirect(url_for("notifications.index"))
