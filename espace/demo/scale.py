"""``flask --app app demo scale``: invented data at a chosen size, beside the personas, to
measure the service as a département or the country would load it.

Spaces (open, in the pilot départements), documents' metadata spread over them (all
sharing one small stored file), their history entries (chained and hashed as the
application does, so ``audit verify`` still holds), a thread with messages for one space
in ten, and directory lines through the real import. Rows go in by batches of core
INSERTs, on SQLite and PostgreSQL alike. Running it again adds more.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from espace.audit.chain import GENESIS, entry_hash
from espace.demo import samples
from espace.files import file_store
from espace.models import (
    AuditEntry,
    AuditHead,
    Document,
    DocumentCategory,
    HealthSpace,
    Message,
    Professional,
    Thread,
    ThreadRead,
)
from espace.nir import nir_key

BATCH = 10_000
FAMILY = "Échelle"  # every invented space of this command carries this family name prefix
DEPARTMENTS = ("31", "44", "80")
START = datetime(2024, 1, 1, tzinfo=UTC)
UNREAD_EVERY = 100  # one thread in a hundred is unread by the professional
CATEGORIES = [category.value for category in DocumentCategory]
AUTHORS = 1000


@dataclass
class Scaled:
    spaces: int = 0
    documents: int = 0
    history: int = 0
    threads: int = 0
    messages: int = 0
    directory_lines: int = 0


def _batches(rows: Iterator[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(db: Session, table: Table, rows: Iterator[dict[str, Any]]) -> int:
    count = 0
    for batch in _batches(rows):
        db.execute(insert(table), batch)
        count += len(batch)
    return count


def invented_nir(n: int) -> str:
    """A valid NIR no real person has here, one per ``n`` (mixed radix, so never twice):
    born in the 1900s in a pilot département, with an order number the enrolment never
    gives to the demo personas (900 to 999)."""
    order, rest = 900 + n % 100, n // 100
    commune, rest = 1 + rest % 990, rest // 990
    department, rest = DEPARTMENTS[rest % 3], rest // 3
    month, rest = 1 + rest % 12, rest // 12
    year, rest = 30 + rest % 70, rest // 70
    sex = 1 + rest % 2
    body = f"{sex}{year:02d}{month:02d}{department}{commune:03d}{order:03d}"
    return f"{body}{nir_key(body):02d}"


def _spaces(first: int, count: int, now: datetime) -> Iterator[dict[str, Any]]:
    for n in range(first, first + count):
        yield {
            "nir": invented_nir(n), "given_name": "Personne", "family_name": f"{FAMILY} {n}",
            "birth_date": date(1930 + n % 70, 1 + n % 12, 1 + n % 28),
            "department": DEPARTMENTS[n % 3], "status": "open",
            "created_at": now, "opened_at": now,
        }  # fmt: skip


def scale(
    db: Session,
    *,
    spaces: int,
    documents: int,
    directory: int,
    now: datetime,
    progress: Callable[[str], None] = lambda _: None,
) -> Scaled:
    done = Scaled()
    first = (
        db.scalar(
            select(func.count())
            .select_from(HealthSpace)
            .where(HealthSpace.family_name.like(f"{FAMILY}%"))
        )
        or 0
    )
    done.spaces = _insert(db, HealthSpace.__table__, _spaces(first, spaces, now))
    progress(f"{done.spaces} espaces")
    space_ids = list(
        db.scalars(
            select(HealthSpace.id)
            .where(HealthSpace.family_name.like(f"{FAMILY}%"))
            .order_by(HealthSpace.id)
        )
    )
    if not space_ids:
        return done
    if directory:
        done.directory_lines = _directory(db, directory, now)
        progress(f"{done.directory_lines} lignes d'annuaire")
    persona = db.scalars(
        select(Professional).where(Professional.account_id.is_not(None)).order_by(Professional.id)
    ).first()
    if persona is None:
        raise ValueError("chargez d'abord les données de démonstration (demo seed)")
    # Documents written by many professionals (the newest of the directory), as in life.
    authors = db.execute(
        select(Professional.id, Professional.account_id, Professional.profession_code)
        .order_by(Professional.id.desc())
        .limit(AUTHORS)
    ).all()
    stored = file_store().save(
        db, samples.pdf("Document inventé", ["Données fictives."]), "document.pdf"
    )
    db.flush()
    done.documents = _insert(
        db, Document.__table__, _documents(space_ids, documents, authors, stored.id)
    )
    progress(f"{done.documents} documents")
    done.history = _history(db, space_ids, documents, authors)
    progress(f"{done.history} entrées d'historique")
    done.threads, done.messages = _threads(db, space_ids[first // 10 :: 10], persona)
    progress(f"{done.threads} conversations, {done.messages} messages")
    return done


def _documents(
    space_ids: list[int], count: int, authors: list[Any], file_id: int
) -> Iterator[dict]:
    for n in range(count):
        moment = START + timedelta(minutes=n)
        yield {
            "space_id": space_ids[n % len(space_ids)],
            "title": f"Compte rendu de consultation {n}",
            "category": CATEGORIES[n % len(CATEGORIES)], "document_date": moment.date(),
            "author_kind": "professional",
            "author_professional_id": authors[n % len(authors)].id,
            "file_id": file_id, "masked": n % 17 == 0,
            "created_at": moment, "updated_at": moment,
        }  # fmt: skip


def _history(db: Session, space_ids: list[int], count: int, authors: list[Any]) -> int:
    """One "document added" entry per document, appended to the chain as the app would."""
    head = db.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    seq, previous = (head.seq, head.hash) if head else (0, GENESIS)

    def entries() -> Iterator[dict[str, Any]]:
        nonlocal seq, previous
        for n in range(count):
            seq += 1
            author = authors[n % len(authors)]
            entry = AuditEntry(
                seq=seq, occurred_at=START + timedelta(minutes=n),
                space_id=space_ids[n % len(space_ids)], event="document.added",
                actor_role="professional", actor_account_id=author.account_id,
                actor_professional_id=author.id, actor_profession_code=author.profession_code,
                target_type="document", target_id=None, category=CATEGORIES[n % len(CATEGORIES)],
                reason=None, prev_hash=previous, hash="",
            )  # fmt: skip
            entry.hash = entry_hash(entry)
            previous = entry.hash
            yield {
                column.name: getattr(entry, column.name) for column in AuditEntry.__table__.columns
            }

    written = _insert(db, AuditEntry.__table__, entries())
    if head is None:
        db.execute(insert(AuditHead.__table__), {"id": 1, "seq": seq, "hash": previous})
    else:
        head.seq, head.hash = seq, previous
    db.flush()
    return written


def _threads(db: Session, space_ids: list[int], professional: Professional) -> tuple[int, int]:
    """A thread with each of these spaces, four messages each; the professional has read
    all but one in a hundred, as a GP keeps up with their messages."""
    rows = [
        {"space_id": space_id, "professional_id": professional.id, "subject": "Suivi",
         "opened_by": "professional", "created_at": START, "last_message_at": START,
         "unread_by_professional": n % UNREAD_EVERY == 0}
        for n, space_id in enumerate(space_ids)
    ]  # fmt: skip
    before = db.scalar(select(func.coalesce(func.max(Thread.id), 0)))
    threads = _insert(db, Thread.__table__, iter(rows))
    ids = db.scalars(select(Thread.id).where(Thread.id > before).order_by(Thread.id)).all()

    def messages() -> Iterator[dict[str, Any]]:
        for thread_id in ids:
            for k in range(4):
                yield {"thread_id": thread_id, "side": "professional" if k % 2 == 0 else "holder",
                       "kind": "text", "body": f"<p>Message inventé {k}</p>",
                       "created_at": START + timedelta(hours=k)}  # fmt: skip

    reads = (
        {"thread_id": thread_id, "account_id": professional.account_id,
         "read_at": START + timedelta(hours=4)}
        for n, thread_id in enumerate(ids)
        if n % UNREAD_EVERY
    )  # fmt: skip
    _insert(db, ThreadRead.__table__, reads)
    return threads, _insert(db, Message.__table__, messages())


def _directory(db: Session, lines: int, now: datetime) -> int:
    """The sample extract (so its professionals stay in the directory) then invented lines,
    through the real importer."""
    from espace.directory.importer import import_extract
    from espace.directory.invented import SAMPLE, extract_lines

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "extraction.txt"
        with path.open("w", encoding="utf-8") as out:
            out.write(SAMPLE.read_text(encoding="utf-8-sig").rstrip("\n") + "\n")
            for line in extract_lines(lines):
                out.write(line + "\n")
        db.commit()
        with path.open(encoding="utf-8", newline=None) as stream:
            report = import_extract(db, stream, now, source="echelle", commit=db.commit)
    return report.read
