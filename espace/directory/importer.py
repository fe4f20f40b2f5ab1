"""Importing the national extract into the directory: streamed, by batches, re-runnable.

Grouping. The extract has one line per activity and a professional's lines are usually
next to each other, but nothing promises it. Lines are gathered in a map keyed by the
identifier; when a new identifier arrives and the map holds ``batch_size`` professionals,
the map is written and emptied (so a run of consecutive lines is never cut in two, and
memory stays bounded whatever the file's size). Each professional written is marked with
the run's id (``last_seen_run``). If an identifier comes back in a later batch, its row
already carries this run's id: its new sites are *added* to those of this run instead of
replacing them. So any order gives the right sites; only the counts can differ (such a
professional is counted "updated" even when nothing changed).

Changes. A digest of what the extract says about a professional (person and sites) tells
"unchanged" (only ``last_seen_run`` is written) from "updated" (row updated, sites
replaced). Rows are tuples handed to the driver's ``executemany`` (``search_sql``): no ORM
object is made, so a million lines import at more than 20 000 lines per second in about
110 MB (README, "Mesures").

Retirement. At the end of a complete run, the professionals that an earlier run saw and
this one did not are retired (``retired_at``, their sites removed from the search): never
deleted, since accounts, documents and spaces refer to them. One who comes back is
reinstated. Professionals never seen by an import (registered by hand) are never retired.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from espace import clock
from espace.directory.extract import Activity, LineProblem, read_activities
from espace.directory.search_sql import (
    bulk_insert,
    by_identifiers,
    insert_sites,
    upsert_codes,
)
from espace.directory.text import code_terms, fold, name_terms, sort_key
from espace.models import DirectoryImport, PracticeSite, Professional

BATCH_SIZE = 10_000  # professionals per batch (and per transaction, from the command)
PROGRESS_EVERY = 50_000  # lines
SKIPPED_KEPT = 20  # line numbers listed in the summary
SITE_FIELDS = ("structure", "complement", "street", "distribution", "cedex_office",
               "postcode", "town", "department_code", "department_label", "phone", "email",
               "mode", "sector")  # fmt: skip
SITE_COLUMNS = ("professional_id", "position", *SITE_FIELDS, "search_names", "search_town",
                "search_codes")  # fmt: skip
# In the table's order, so that rows go to the driver as they are.
PERSON_COLUMNS = ("rpps", "identifier_type", "profession_code", "profession_label",
                  "specialty_code", "specialty", "practice_title", "given_name", "family_name",
                  "samu_regulator", "sort_key", "last_seen_run", "import_digest",
                  "retired_at")  # fmt: skip
PROFESSIONALS = Professional.__table__
SITES = PracticeSite.__table__


@dataclass
class ImportReport:
    run_id: int = 0
    read: int = 0
    seen: int = 0  # professionals in the file
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    reinstated: int = 0  # among "updated": back in the extract after leaving it
    retired: int = 0
    skipped: int = 0
    skipped_lines: list[int] = field(default_factory=list)  # the first SKIPPED_KEPT


def import_extract(
    db: Session,
    stream: TextIO,
    now: datetime,
    *,
    source: str = "",
    on_problem: Callable[[LineProblem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    commit: Callable[[], None] | None = None,
    batch_size: int | None = None,
    progress_every: int | None = None,
) -> ImportReport:
    """Read ``stream`` line by line into the directory; ``commit`` after each batch.

    Raises ``csvfile.HeaderError`` before writing anything when the header is wrong.
    """
    every = progress_every or PROGRESS_EVERY
    activities = read_activities(stream)
    first = next(activities, None)  # reads the header first: a bad one raises here
    run = DirectoryImport(source=source[:255], started_at=now)
    db.add(run)
    db.flush()
    writer = _Writer(db, run.id, now, ImportReport(run_id=run.id))
    report = writer.report
    pending: dict[str, list[Activity]] = {}
    lines = 0
    for item in _chain(first, activities):
        lines = item.number
        report.read += 1
        if isinstance(item, LineProblem):
            report.skipped += 1
            if len(report.skipped_lines) < SKIPPED_KEPT:
                report.skipped_lines.append(item.number)
            if on_problem is not None:
                on_problem(item)
        else:
            if item.identifier not in pending and len(pending) >= (batch_size or BATCH_SIZE):
                writer.write(pending)
                pending = {}
                if commit is not None:
                    commit()
            pending.setdefault(item.identifier, []).append(item)
        if on_progress is not None and report.read % every == 0:
            on_progress(lines)
    writer.write(pending)
    if report.seen:  # an empty extract retires no one: more likely a mistake than real
        report.retired = writer.retire_unseen()
    for name in ("added", "updated", "unchanged", "retired", "skipped"):
        setattr(run, name, getattr(report, name))
    run.lines_read, run.finished_at = report.read, clock.now()
    db.flush()
    if commit is not None:
        commit()
    return report


def _chain(first: Any, rest: Any) -> Any:
    if first is not None:
        yield first
        yield from rest


P = PROFESSIONALS.c
S = SITES.c


class _Writer:
    def __init__(self, db: Session, run_id: int, now: datetime, report: ImportReport) -> None:
        self.db, self.run_id, self.now, self.report = db, run_id, now, report
        self.combinations: set[tuple[str, ...]] = set()  # of codes, written during this run

    def write(self, groups: dict[str, list[Activity]]) -> None:
        if not groups:
            return
        db, report = self.db, self.report
        columns = [P.id, P.rpps, P.import_digest, P.last_seen_run, P.retired_at]
        known = {row.rpps: row for row in by_identifiers(db, columns, list(groups))}
        new: list[tuple[Any, ...]] = []
        changed: list[dict[str, Any]] = []
        more: list[dict[str, Any]] = []
        same: list[int] = []
        sites: list[tuple[str | int, list[Activity], int]] = []  # (who, lines, first position)
        for identifier, lines in groups.items():
            digest = _digest(lines)
            row = known.get(identifier)
            if row is None:
                new.append(self._person(identifier, lines[0], digest))
                sites.append((identifier, lines, 0))
                report.added += 1
            elif row.last_seen_run == self.run_id:  # more lines of someone met earlier
                chained = hashlib.blake2b(f"{row.import_digest}{digest}".encode(), digest_size=16)
                more.append({"pid": row.id, "import_digest": chained.hexdigest()})
                sites.append((row.id, lines, self._next_position(row.id)))
                continue
            elif row.import_digest == digest and row.retired_at is None:
                same.append(row.id)
                report.unchanged += 1
            else:
                changed.append({"pid": row.id, **self._changes(identifier, lines[0], digest)})
                sites.append((row.id, lines, 0))
                report.updated += 1
                report.reinstated += row.retired_at is not None
            report.seen += 1
        if new:
            bulk_insert(db, PROFESSIONALS, PERSON_COLUMNS, new)
            created = by_identifiers(db, [P.rpps, P.id], [person[0] for person in new])
            ids: dict[str | int, int] = dict(created)
            sites = [(ids.get(who, who), lines, first) for who, lines, first in sites]
        if changed:
            replaced = [c["pid"] for c in changed]
            db.execute(delete(SITES).where(S.professional_id.in_(replaced)))
        by_id = update(PROFESSIONALS).where(P.id == bindparam("pid"))
        for rows in (changed, more):
            if rows:
                db.execute(by_id, rows)
        if same:
            db.execute(
                update(PROFESSIONALS).where(P.id.in_(same)).values(last_seen_run=self.run_id)
            )
        sites_rows = [
            site_values(who, line.person, line.site, first + n)
            for who, lines, first in sites
            for n, line in enumerate(lines)
        ]
        insert_sites(db, SITE_COLUMNS, sites_rows)
        self._codes([line for lines in groups.values() for line in lines])

    def retire_unseen(self) -> int:
        gone = (
            P.last_seen_run.is_not(None),
            P.last_seen_run != self.run_id,
            P.retired_at.is_(None),
        )
        self.db.execute(delete(SITES).where(S.professional_id.in_(select(P.id).where(*gone))))
        result = self.db.execute(update(PROFESSIONALS).where(*gone).values(retired_at=self.now))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def _person(self, identifier: str, line: Activity, digest: str) -> tuple[Any, ...]:
        """A row of ``PERSON_COLUMNS``."""
        title, family, given, profession, profession_label, specialty, specialty_label = line.person
        return (identifier, line.identifier_type, profession, profession_label or None,
                specialty or None, specialty_label or None, title, given, family, False,
                sort_key(family, given), self.run_id, digest, None)  # fmt: skip

    def _changes(self, identifier: str, line: Activity, digest: str) -> dict[str, Any]:
        """What an update writes: the person's columns but ``samu_regulator``, which is
        not the extract's to say."""
        values = dict(zip(PERSON_COLUMNS, self._person(identifier, line, digest), strict=True))
        del values["samu_regulator"]
        return values

    def _next_position(self, professional_id: int) -> int:
        query = select(func.max(S.position)).where(S.professional_id == professional_id)
        last = self.db.scalar(query)
        return 0 if last is None else last + 1

    def _codes(self, lines: list[Activity]) -> None:
        found: dict[tuple[str, str], str] = {}
        for line in lines:
            person, site = line.person, line.site
            combination = (person[3], person[4], person[5], person[6], site[7], site[8])
            if combination not in self.combinations:  # a few thousand in the whole file
                self.combinations.add(combination)
                found.update(codes_of(person, site))
        rows = [
            {"kind": kind, "code": code, "label": label} for (kind, code), label in found.items()
        ]
        upsert_codes(self.db, rows)


def site_values(
    professional_id: Any, person: tuple[str, ...], site: tuple[str, ...], position: int
) -> tuple[Any, ...]:
    """A practice_site row (``SITE_COLUMNS``), with the folded words the search reads."""
    _, family, given, profession, _, specialty, _ = person
    postcode, town, department = site[5], site[6], site[7]
    codes = code_terms(profession, specialty, department, postcode)
    return (professional_id, position, *site, name_terms(family, given), fold(town), codes)


def codes_of(person: tuple[str, ...], site: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """The (kind, code) → label that a line adds to the search form's lists."""
    _, _, _, profession, profession_label, specialty, specialty_label = person
    pairs = {
        ("profession", profession): profession_label,
        ("specialty", specialty): specialty_label,
        ("department", site[7]): site[8],
    }
    return {key: label for key, label in pairs.items() if key[1] and label}


def register_sites(db: Session, professional: Professional, sites: list[tuple[str, ...]]) -> None:
    """Practice sites for a professional registered by hand (the demo personas): indexed
    like imported ones, and out of reach of the import's retirement (``last_seen_run``
    stays empty) as long as no extract names them."""
    person = (
        professional.practice_title or "", professional.family_name, professional.given_name,
        professional.profession_code, professional.profession, professional.specialty_code or "",
        professional.specialty or "",
    )  # fmt: skip
    professional.sort_key = sort_key(professional.family_name, professional.given_name)
    db.execute(delete(SITES).where(S.professional_id == professional.id))
    rows = [site_values(professional.id, person, site, n) for n, site in enumerate(sites)]
    insert_sites(db, SITE_COLUMNS, rows)
    codes = {key: label for site in sites for key, label in codes_of(person, site).items()}
    upsert_codes(db, [{"kind": k, "code": c, "label": label} for (k, c), label in codes.items()])


def _digest(lines: list[Activity]) -> str:
    parts = [lines[0].identifier_type, *lines[0].person]
    for line in lines:
        parts.append("\x1e")
        parts.extend(line.site)
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
