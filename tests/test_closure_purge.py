"""The purge, with a frozen clock: 10 years after closure, or within 90 days of the
holder's request; the data and its files are gone, the space row and the history stay
(and the history still verifies); two runs purge once."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from espace.actors import Actor, ActorRole
from espace.closure.services import request_deletion
from espace.db import database
from espace.jobs import run_all
from espace.lifecycle.closure import ARCHIVE_FOR, DELETION_WITHIN
from espace.models import (
    Allergy,
    AuditEntry,
    CareTeamMember,
    Document,
    Export,
    HealthSpace,
    Measurement,
    Notification,
    Reimbursement,
    SpaceStatus,
    StoredFile,
    Treatment,
)
from tests.closure_support import (
    JEANNE,
    KARIM,
    account,
    close_jeanne,
    files_folder,
    jeanne,
    ready_export,
    run_jobs,
)
from tests.support import text

HEALTH_DATA = (Document, Allergy, Treatment, Measurement, Reimbursement, CareTeamMember)


def counts(db, space_id: int) -> dict:  # type: ignore[no-untyped-def]
    db.reload()
    return {
        model.__name__: db.scalar(
            select(func.count()).select_from(model).where(model.space_id == space_id)
        )
        for model in HEALTH_DATA
    }


def document_paths(db, space_id: int) -> list[Path]:  # type: ignore[no-untyped-def]
    names = db.scalars(
        select(StoredFile.storage_name)
        .join(Document, Document.file_id == StoredFile.id)
        .where(Document.space_id == space_id)
    ).all()
    return [files_folder(db) / name[:2] / name for name in names]


def history_of(db, space_id: int) -> list[int]:  # type: ignore[no-untyped-def]
    return list(db.scalars(select(AuditEntry.seq).where(AuditEntry.space_id == space_id)))


def test_a_closed_space_is_purged_ten_years_after_closure_and_only_then(app, db):
    export_id = ready_export(db)
    export = db.get(Export, export_id)
    export_path = files_folder(db) / export.file.storage_name[:2] / export.file.storage_name
    space = close_jeanne(db)
    closed_at, space_id = space.closed_at, space.id
    before = counts(db, space_id)
    assert all(before.values()), before
    paths = document_paths(db, space_id)
    assert paths and all(path.exists() for path in paths)
    history_before = history_of(db, space_id)

    run_jobs(app, closed_at + ARCHIVE_FOR - timedelta(minutes=1))
    assert counts(db, space_id) == before
    assert jeanne(db).purged_at is None

    output = run_jobs(app, closed_at + ARCHIVE_FOR + timedelta(minutes=1))
    assert "espaces fermés dont les données sont supprimées" in output
    assert set(counts(db, space_id).values()) == {0}
    assert not any(path.exists() for path in paths)
    assert not export_path.exists() and db.get(Export, export_id) is None
    space = db.get(HealthSpace, space_id)
    assert space.status == SpaceStatus.CLOSED and space.purged_at is not None
    assert space.nir and space.family_name == "Martin"  # the row stays: not enrolled again
    notifications = db.scalar(
        select(func.count()).select_from(Notification).where(Notification.space_id == space_id)
    )
    assert notifications == 0
    # The history stays, whole, and one more entry says the purge happened.
    after = history_of(db, space_id)
    assert after[: len(history_before)] == history_before
    purge = db.scalars(
        select(AuditEntry).where(
            AuditEntry.event == "space.purged", AuditEntry.space_id == space_id
        )
    ).one()
    assert purge.actor_role == "system"
    assert purge.target_id is None and purge.reason is None and purge.category is None
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK : ")


def test_the_purge_leaves_other_spaces_alone(app, db):
    karim_space = db.scalars(
        select(HealthSpace).where(HealthSpace.holder_account_id == account(db, KARIM).id)
    ).one()
    karim_before = counts(db, karim_space.id)
    karim_paths = document_paths(db, karim_space.id)
    space = close_jeanne(db)
    run_jobs(app, space.closed_at + ARCHIVE_FOR + timedelta(days=1))
    assert counts(db, karim_space.id) == karim_before
    assert all(path.exists() for path in karim_paths)


def test_a_deletion_request_is_done_within_90_days(app, db):
    space = close_jeanne(db)
    asked_at = space.closed_at + timedelta(days=30)
    with app.app_context():  # the service e-mails the holder
        request_deletion(db, Actor(ActorRole.HOLDER, account(db, JEANNE)), jeanne(db), asked_at)
        db.commit()
    run_jobs(app, asked_at + DELETION_WITHIN - timedelta(minutes=1))
    db.reload()
    assert jeanne(db).purged_at is None
    assert counts(db, space.id)["Document"] > 0
    run_jobs(app, asked_at + DELETION_WITHIN)
    db.reload()
    assert jeanne(db).purged_at is not None
    assert set(counts(db, space.id).values()) == {0}


def test_a_purged_space_cannot_be_reopened(app, db, login_as):
    space = close_jeanne(db)
    run_jobs(app, space.closed_at + ARCHIVE_FOR + timedelta(days=1))
    client = login_as(JEANNE)
    body = text(client.get("/espace"))
    assert "ont été supprimées" in body and "Rouvrir" not in body
    client.post_form("/espace/rouvrir")
    db.reload()
    assert jeanne(db).status == SpaceStatus.CLOSED
    assert "ne peut plus être rouvert" in text(client.get("/espace"))


def test_two_runs_at_the_same_time_purge_once(app, db):
    space = close_jeanne(db)
    at = space.closed_at + ARCHIVE_FOR + timedelta(days=1)
    engine = database(app).engine
    errors: list[BaseException] = []

    def run() -> None:
        from sqlalchemy.orm import Session

        try:
            with app.app_context(), Session(engine) as session:
                run_all(session, at)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db.reload()
    purges = select(func.count()).select_from(AuditEntry)
    assert (
        db.scalar(purges.where(AuditEntry.event == "space.purged", AuditEntry.space_id == space.id))
        == 1
    )
