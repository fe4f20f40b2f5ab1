"""Asking for an export, listing one's exports, downloading one while it is valid.

An export belongs to the space and to the account that asked: only that account sees and
downloads it (a minor's own export may hold care their parents must not see).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.models import Export, ExportStatus, HealthSpace

SHOWN = 3


def request_export(
    db: Session, actor: Actor, space: HealthSpace, now: datetime
) -> tuple[Export, bool]:
    """(the export, whether it is new): one pending at a time per space and person."""
    pending = db.scalar(
        select(Export).where(
            Export.space_id == space.id,
            Export.requested_by_account_id == actor.account_id,
            Export.status == ExportStatus.PENDING,
        )
    )
    if pending is not None:
        return pending, False
    export = Export(
        space_id=space.id,
        requested_by_account_id=actor.account_id,
        requested_at=now,
        status=ExportStatus.PENDING,
    )
    db.add(export)
    db.flush()
    record(db, actor, "export.requested", space, target_type="export", target_id=export.id,
           now=now)  # fmt: skip
    return export, True


def recent_exports(db: Session, actor: Actor, space: HealthSpace) -> list[Export]:
    return list(
        db.scalars(
            select(Export)
            .where(Export.space_id == space.id, Export.requested_by_account_id == actor.account_id)
            .order_by(Export.requested_at.desc(), Export.id.desc())
            .limit(SHOWN)
        )
    )


def is_downloadable(export: Export, now: datetime) -> bool:
    return (
        export.status == ExportStatus.READY
        and export.file_id is not None
        and export.expires_at is not None
        and now < export.expires_at
    )


def downloadable(
    db: Session, actor: Actor, space: HealthSpace, export_id: int, now: datetime
) -> Export | None:
    """The export if this person may download it now (else None: the caller answers 404,
    the same for someone else's export, an expired one and a missing one)."""
    export = db.get(Export, export_id)
    if (
        export is None
        or export.space_id != space.id
        or export.requested_by_account_id != actor.account_id
        or not is_downloadable(export, now)
    ):
        return None
    return export


def record_download(db: Session, actor: Actor, space: HealthSpace, export: Export) -> None:
    record(db, actor, "export.downloaded", space, target_type="export", target_id=export.id)
