"""Every route that reads or changes health data adds exactly one history entry, with its
notification when DOMAIN.md asks for one; and no secret or content leaks into the history,
the notifications, the e-mails or the logs."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from espace.audit.events import EVENTS
from espace.models import AuditEntry, Notification
from tests.completeness import HEALTH_BLUEPRINTS, collect
from tests.routes import all_routes

OPERATIONS, EXEMPT = collect()


def test_every_health_data_endpoint_is_covered(app):
    covered = {operation.endpoint for operation in OPERATIONS} | set(EXEMPT)
    endpoints = {
        route.endpoint
        for route in all_routes(app)
        if route.endpoint.partition(".")[0] in HEALTH_BLUEPRINTS
    }
    assert endpoints - covered == set(), "add an Operation or an EXEMPT reason for these"
    assert all(operation.event in EVENTS for operation in OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: f"{o.method} {o.endpoint}")
def test_each_operation_adds_exactly_one_history_entry(login_as, db, operation):
    client = login_as(operation.email)
    url, data = operation.resolve(db)
    db.reload()
    before = db.scalar(select(func.max(AuditEntry.seq))) or 0
    notifications_before = db.scalar(select(func.count()).select_from(Notification))
    if operation.method == "GET":
        response = client.get(url)
    else:
        response = client.post_form(url, data, follow_redirects=operation.follow)
    assert response.status_code < 400, (response.status_code, url)
    db.reload()
    entries = db.scalars(select(AuditEntry).where(AuditEntry.seq > before)).all()
    assert [entry.event for entry in entries] == [operation.event], url
    new_notifications = db.scalar(select(func.count()).select_from(Notification)) - (
        notifications_before
    )
    if operation.notifies:
        assert new_notifications >= 1
        kinds = db.scalars(select(Notification.kind).order_by(Notification.id.desc())).first()
        assert kinds == operation.notifies
