"""Enrolment: the insurer's file of insured people becomes spaces in status ``notified``,
each with its notice (CSP R1111-28), by batches.

Only pilot départements get a space; others are counted and skipped. A NIR already known
(whatever the status, opposed included) is counted and never notified again. Bad lines
are reported with their number and skipped. Each run is an ``EnrolmentBatch`` with its
counts; each new space records ``space.notified`` (by the system).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.clock import PARIS
from espace.csvfile import LineProblem, records
from espace.lifecycle.enrolment_file import COLUMNS, Person, parse_person
from espace.lifecycle.notices import email_notice, letter_notice
from espace.lifecycle.parents import grant_parents
from espace.models import EnrolmentBatch, HealthSpace, Notice, SpaceStatus

BATCH_SIZE = 500


@dataclass
class EnrolmentReport:
    batch_id: int = 0
    read: int = 0
    created: int = 0
    by_email: int = 0
    by_letter: int = 0
    outside_pilot: int = 0
    already_known: int = 0
    skipped: int = 0
    parents_linked: int = 0


def import_enrolment(
    db: Session,
    stream: TextIO,
    file_name: str,
    now: datetime,
    *,
    pilot_departments: Iterable[str],
    report_problem: Callable[[LineProblem], None] | None = None,
    commit: Callable[[], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> EnrolmentReport:
    """Read ``stream`` and enrol its people; ``commit`` is called after each batch.

    Raises ``csvfile.HeaderError`` before writing anything when the header is wrong.
    """
    today = now.astimezone(PARIS).date()
    lines = records(stream, COLUMNS)
    first = next(lines, None)  # reads (and checks) the header before anything is written
    batch = EnrolmentBatch(file_name=file_name[:200], imported_at=now)
    db.add(batch)
    db.flush()
    report = EnrolmentReport(batch_id=batch.id)
    pilot = {code.upper() for code in pilot_departments}
    seen: set[str] = set()
    pending: list[Person | LineProblem] = []
    for item in chain([first] if first is not None else [], lines):
        report.read += 1
        pending.append(item if isinstance(item, LineProblem) else parse_person(*item, today))
        if len(pending) >= batch_size:
            _enrol_batch(db, batch, pending, pilot, seen, now, report, report_problem)
            pending = []
            if commit is not None:
                commit()
                # What is committed need not stay in memory (a file has 100,000 people).
                db.expunge_all()
                batch = db.get_one(EnrolmentBatch, report.batch_id)
    _enrol_batch(db, batch, pending, pilot, seen, now, report, report_problem)
    if commit is not None:
        commit()
    return report


def _enrol_batch(
    db: Session,
    batch: EnrolmentBatch,
    items: list[Person | LineProblem],
    pilot: set[str],
    seen: set[str],
    now: datetime,
    report: EnrolmentReport,
    report_problem: Callable[[LineProblem], None] | None,
) -> None:
    people: list[Person] = []
    for item in items:
        if isinstance(item, LineProblem):
            report.skipped += 1
            if report_problem is not None:
                report_problem(item)
        elif item.department not in pilot:
            report.outside_pilot += 1
        else:
            people.append(item)
    known = set(
        db.scalars(select(HealthSpace.nir).where(HealthSpace.nir.in_({p.nir for p in people})))
    )
    new: list[Person] = []
    for person in people:
        if person.nir in known or person.nir in seen:
            report.already_known += 1
            continue
        seen.add(person.nir)
        new.append(person)
    spaces = [_space(person, now) for person in new]
    db.add_all(spaces)
    db.flush()
    notices: list[tuple[HealthSpace, Notice]] = []
    for person, space in zip(new, spaces, strict=True):
        if person.email:
            notices.append((space, email_notice(db, space, now, batch.id, fresh=True)))
            report.by_email += 1
        else:
            notices.append((space, letter_notice(db, space, now, batch.id, fresh=True)))
            report.by_letter += 1
    db.flush()
    for space, notice in notices:
        record(
            db,
            Actor.system(),
            "space.notified",
            space,
            target_type="notice",
            target_id=notice.id,
            now=now,
        )
    report.created += len(spaces)
    report.parents_linked += grant_parents(db, spaces, now)
    batch.lines_read = report.read
    batch.spaces_created = report.created
    batch.outside_pilot = report.outside_pilot
    batch.already_known = report.already_known
    batch.skipped = report.skipped
    db.flush()


def _space(person: Person, now: datetime) -> HealthSpace:
    return HealthSpace(
        nir=person.nir,
        given_name=person.given_name,
        family_name=person.family_name,
        birth_date=person.birth_date,
        department=person.department,
        status=SpaceStatus.NOTIFIED,
        created_at=now,
        email_on_file=person.email,
        address_line=person.address_line,
        postcode=person.postcode,
        town=person.town,
        insured_parent_nir=person.parent_nir,
    )
