"""Migrating legacy DMPs (DOMAIN.md, "Migration"): the documents are imported and the
space opens at once, without a notice window.

A new space is created with the first of its documents that is imported; a ``notified``
one opens now; an open or active one receives the documents. An opposed or closed space
receives nothing. Documents keep their author (as a label), date and category; files are
checked like uploads. Re-running does not duplicate: a document is known by its space,
file name and SHA-256. Each space that receives documents records one ``space.migrated``
per run; the person is told by e-mail (with an activation code when the space is new) or
gets a letter to print.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.clock import PARIS
from espace.csvfile import LineProblem, records
from espace.files.sniffing import MAX_SIZE, RefusedFile, sniff
from espace.files.storage import FileStore, clean_name
from espace.lifecycle.migration_file import COLUMNS, MigratedDocument, parse_document
from espace.lifecycle.notices import open_notice, send_opened_email
from espace.models import AuthorKind, Document, HealthSpace, SpaceStatus, StoredFile

RECEIVING = {SpaceStatus.NOTIFIED, SpaceStatus.OPEN, SpaceStatus.ACTIVE}
REFUSED = {
    SpaceStatus.OPPOSED: "la personne s'est opposée à son espace santé : rien n'est importé",
    SpaceStatus.CLOSED: "l'espace santé de cette personne est fermé",
}


@dataclass
class MigrationReport:
    read: int = 0
    imported: int = 0
    already_present: int = 0
    outside_pilot: int = 0
    skipped: int = 0
    spaces_created: int = 0
    spaces_opened: int = 0
    space_ids: set[int] = field(default_factory=set)


def import_dmp(
    db: Session,
    store: FileStore,
    manifest: TextIO,
    folder: Path,
    now: datetime,
    *,
    pilot_departments: Iterable[str],
    report_problem: Callable[[LineProblem], None] | None = None,
    commit: Callable[[], None] | None = None,
) -> MigrationReport:
    """Raises ``csvfile.HeaderError`` before writing anything when the header is wrong."""
    today = now.astimezone(PARIS).date()
    lines = records(manifest, COLUMNS)
    first = next(lines, None)
    report = MigrationReport()
    pilot = {code.upper() for code in pilot_departments}
    for item in chain([first] if first is not None else [], lines):
        report.read += 1
        parsed = item if isinstance(item, LineProblem) else parse_document(*item, folder, today)
        problem = parsed if isinstance(parsed, LineProblem) else None
        if problem is None:
            assert isinstance(parsed, MigratedDocument)  # noqa: S101 - narrowed above
            problem = _import_one(db, store, parsed, pilot, now, report)
        if problem is not None:
            report.skipped += 1
            if report_problem is not None:
                report_problem(problem)
        if commit is not None and report.read % 100 == 0:
            commit()
            db.expunge_all()  # nothing is kept from one line to the next
    if commit is not None:
        commit()
    return report


def _import_one(
    db: Session,
    store: FileStore,
    line: MigratedDocument,
    pilot: set[str],
    now: datetime,
    report: MigrationReport,
) -> LineProblem | None:
    space = db.scalar(select(HealthSpace).where(HealthSpace.nir == line.person.nir))
    if space is not None and space.status in REFUSED:
        return LineProblem(line.number, REFUSED[space.status])
    if space is not None and space.birth_date != line.person.birth_date:
        return LineProblem(line.number, "date_naissance différente de celle de l'espace existant")
    if space is None and line.person.department not in pilot:
        report.outside_pilot += 1
        return None
    if line.path.stat().st_size > MAX_SIZE:
        return LineProblem(line.number, "fichier refusé : il dépasse 5 Mo")
    content = line.path.read_bytes()
    try:
        file_type = sniff(content)
    except RefusedFile as refused:
        return LineProblem(line.number, f"fichier refusé : {refused}")
    digest = hashlib.sha256(content).hexdigest()
    name = clean_name(line.file_name, file_type)
    if space is not None and _already_imported(db, space, name, digest):
        report.already_present += 1
        return None
    if space is None:
        space = _create_space(db, line, now)
        report.spaces_created += 1
    stored = store.save(db, content, line.file_name)
    document = Document(
        space_id=space.id,
        title=line.title,
        category=line.category,
        document_date=line.document_date,
        author_kind=AuthorKind.MIGRATION,
        author_label=line.author,
        file=stored,
        masked=False,
        created_at=now,
        updated_at=now,
    )
    db.add(document)
    db.flush()
    report.imported += 1
    if space.id not in report.space_ids:
        report.space_ids.add(space.id)
        _announce(db, space, now, report)
    return None


def _already_imported(db: Session, space: HealthSpace, name: str, digest: str) -> bool:
    return (
        db.scalar(
            select(Document.id)
            .join(StoredFile, StoredFile.id == Document.file_id)
            .where(
                Document.space_id == space.id,
                Document.author_kind == AuthorKind.MIGRATION,
                StoredFile.sha256 == digest,
                StoredFile.original_name == name,
            )
        )
        is not None
    )


def _create_space(db: Session, line: MigratedDocument, now: datetime) -> HealthSpace:
    person = line.person
    space = HealthSpace(
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
    )
    db.add(space)
    db.flush()
    return space


def _announce(db: Session, space: HealthSpace, now: datetime, report: MigrationReport) -> None:
    """Once per space and run: open it if needed, tell the person, record it."""
    opened = space.status == SpaceStatus.NOTIFIED
    if opened:
        first_notice = space.notice_sent_at is None
        space.status = SpaceStatus.OPEN
        space.opened_at = now
        report.spaces_opened += 1
        if first_notice:
            open_notice(db, space, now)  # a code by e-mail, or a letter to print
        else:
            send_opened_email(db, space)  # the code already sent still works
    kind = "space_opened" if opened else "document_added"
    record(db, Actor.system(), "space.migrated", space, notify_kind=kind, now=now)
