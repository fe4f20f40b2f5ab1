"""Importing the insurer's feed into the spaces, by batches.

Each line goes to the space whose NIR it names, if that space may receive health data
(``open`` or ``active``: never ``notified``, ``opposed`` or ``closed``, DOMAIN.md). A line
already imported (same ``line_key``) is counted, not added again, so re-running a file is
harmless. Each space that receives new lines gets one ``reimbursements.imported`` entry in
its history, by the system, in the same transaction as its first new lines; the entry
names no label and no amount.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.clock import PARIS
from espace.csvfile import LineProblem
from espace.models import HealthSpace, Reimbursement, SpaceStatus
from espace.reimbursements.feed import FeedLine, read_feed

BATCH_SIZE = 500
RECEIVING = {SpaceStatus.OPEN, SpaceStatus.ACTIVE}
NO_SPACE = "aucun espace santé ne correspond à ce NIR"
REFUSED = {
    SpaceStatus.NOTIFIED: "l'espace santé de cette personne n'est pas encore ouvert "
    "(délai d'opposition en cours)",
    SpaceStatus.OPPOSED: "la personne s'est opposée à son espace santé : rien n'est gardé",
    SpaceStatus.CLOSED: "l'espace santé de cette personne est fermé",
}


@dataclass
class ImportReport:
    read: int = 0
    imported: int = 0
    already_present: int = 0
    skipped: int = 0
    space_ids: set[int] = field(default_factory=set)  # spaces that received new lines


def import_feed(
    db: Session,
    stream: TextIO,
    now: datetime,
    *,
    report_problem: Callable[[LineProblem], None] | None = None,
    commit: Callable[[], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Read ``stream`` line by line and import it; ``commit`` is called after each batch.

    Raises ``csvfile.HeaderError`` before writing anything when the header is wrong. Problems
    are passed to ``report_problem`` in line order.
    """
    today = now.astimezone(PARIS).date()
    report = ImportReport()
    batch: list[FeedLine | LineProblem] = []
    for item in read_feed(stream, today):
        report.read += 1
        batch.append(item)
        if len(batch) >= batch_size:
            _import_batch(db, batch, now, report, report_problem)
            batch = []
            if commit is not None:
                commit()
    if batch:
        _import_batch(db, batch, now, report, report_problem)
        if commit is not None:
            commit()
    return report


def import_lines(
    db: Session, lines: Iterable[FeedLine], now: datetime, report: ImportReport
) -> list[LineProblem]:
    """Add the lines that are new to their spaces; the problems of the others."""
    lines = list(lines)
    spaces = {
        space.nir: space
        for space in db.scalars(
            select(HealthSpace).where(HealthSpace.nir.in_({line.nir for line in lines}))
        )
    }
    known = set(
        db.scalars(
            select(Reimbursement.line_key).where(
                Reimbursement.line_key.in_({line.key for line in lines})
            )
        )
    )
    problems: list[LineProblem] = []
    rows: list[dict[str, Any]] = []
    for line in lines:
        space = spaces.get(line.nir)
        if space is None or space.status not in RECEIVING:
            reason = NO_SPACE if space is None else REFUSED[space.status]
            problems.append(LineProblem(line.number, reason))
            continue
        if line.key in known:
            report.already_present += 1
            continue
        known.add(line.key)
        rows.append(_row(line, space, now))
    if rows:
        db.execute(_insert_ignoring_known(db), rows)
        report.imported += len(rows)
    receiving = {space.id: space for space in spaces.values()}
    for space_id in sorted({row["space_id"] for row in rows} - report.space_ids):
        record(db, Actor.system(), "reimbursements.imported", receiving[space_id], now=now)
        report.space_ids.add(space_id)
    return problems


def _import_batch(
    db: Session,
    batch: list[FeedLine | LineProblem],
    now: datetime,
    report: ImportReport,
    report_problem: Callable[[LineProblem], None] | None,
) -> None:
    problems = [item for item in batch if isinstance(item, LineProblem)]
    lines = [item for item in batch if isinstance(item, FeedLine)]
    problems += import_lines(db, lines, now, report)
    report.skipped += len(problems)
    if report_problem is not None:
        for problem in sorted(problems, key=lambda p: p.number):
            report_problem(problem)


def _row(line: FeedLine, space: HealthSpace, now: datetime) -> dict[str, Any]:
    return {
        "space_id": space.id,
        "care_date": line.care_date,
        "act_code": line.act_code,
        "care_type": line.care_type.value,
        "label": line.label,
        "professional_rpps": line.rpps,
        "amount_cents": line.amount_cents,
        "reimbursed_cents": line.reimbursed_cents,
        "line_key": line.key,
        "confidential": line.confidential,
        "imported_at": now,
    }


def _insert_ignoring_known(db: Session) -> Any:
    # The keys were checked just before; ON CONFLICT only guards against a concurrent import.
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(Reimbursement.__table__).on_conflict_do_nothing(
        index_elements=["line_key"]
    )
