"""The workshop sandbox: the demo data, reset on demand, and a date that can be moved ahead.

A group watches the rules of time happen: the opposition window closes, a held result is
released, a reminder arrives. Jumping ahead moves every ``clock.now()`` of the application
(pages, services, jobs) by the same offset, then runs the jobs as if that day had come.
Only in demo mode: production never installs the offset.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask import current_app, g, has_app_context
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from espace import clock
from espace.db import database, insert_if_absent
from espace.demo import seed as demo_seed
from espace.jobs import run_all
from espace.models import SandboxClock

CLOCK_ID = 1
MAX_AHEAD = timedelta(days=400)


def offset() -> timedelta:
    """How far the sandbox is ahead, read once per request or command (demo mode only)."""
    if not has_app_context() or not current_app.config.get("DEMO"):
        return timedelta(0)
    if "sandbox_offset" not in g:
        g.sandbox_offset = timedelta(0)  # set first: reading must not recurse into now()
        engine = database().engine.execution_options(sqlite_deferred=True)
        with engine.connect() as connection:
            seconds = connection.execute(
                text("SELECT offset_seconds FROM sandbox_clock WHERE id = :id"), {"id": CLOCK_ID}
            ).scalar()
        g.sandbox_offset = timedelta(seconds=seconds or 0)
    return g.sandbox_offset


def simulated_today() -> date | None:
    """The sandbox's date when it is ahead of the real one (shown in the demo banner)."""
    return clock.today_in_paris() if offset() > timedelta(0) else None


def install() -> None:
    clock.use_offset(offset)


def _row(db: Session) -> SandboxClock:
    insert_if_absent(
        db,
        SandboxClock.__table__,
        {"id": CLOCK_ID, "offset_seconds": 0, "changed_at": datetime.now(UTC)},
    )
    return db.execute(
        select(SandboxClock).where(SandboxClock.id == CLOCK_ID).with_for_update()
    ).scalar_one()


def jump(db: Session, ahead: timedelta) -> dict[str, int]:
    """Move the simulated date ahead, then run the jobs as if that day had come."""
    row = _row(db)
    total = timedelta(seconds=row.offset_seconds) + ahead
    if total < timedelta(0) or total > MAX_AHEAD:
        raise ValueError("the simulated date must stay between today and 400 days ahead")
    row.offset_seconds = int(total.total_seconds())
    row.changed_at = datetime.now(UTC)
    g.sandbox_offset = total
    db.flush()
    return run_all(db, clock.now())


def back_to_today(db: Session) -> None:
    row = _row(db)
    row.offset_seconds = 0
    g.sandbox_offset = timedelta(0)
    db.flush()


def reset(db: Session) -> None:
    """Every change of the workshop forgotten: the demo data again, the real date."""
    # The workshop's own records stay: sessions and what participants said.
    demo_seed.wipe(db, keep=frozenset({"workshop_session", "feedback"}))
    back_to_today(db)
    db.expunge_all()  # the deleted rows (the facilitator's account too) must not linger
    demo_seed.seed(db)
