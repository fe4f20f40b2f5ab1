"""Appending to the hash chain, and verifying it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from espace.db import begin_writing, insert_if_absent
from espace.models import AuditEntry, AuditHead

GENESIS = "0" * 64
HEAD_ID = 1
HASHED_FIELDS = (
    "seq",
    "occurred_at",
    "space_id",
    "event",
    "actor_role",
    "actor_account_id",
    "actor_professional_id",
    "actor_profession_code",
    "target_type",
    "target_id",
    "category",
    "reason",
    "prev_hash",
)


def entry_hash(entry: AuditEntry) -> str:
    content = {name: getattr(entry, name) for name in HASHED_FIELDS}
    content["occurred_at"] = entry.occurred_at.isoformat(timespec="microseconds")
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def append(db: Session, entry: AuditEntry) -> AuditEntry:
    """Give the entry the next sequence number and link it to the head of the chain.

    The head row is read under the write lock and stays locked to the end of the
    transaction (FOR UPDATE on PostgreSQL, the write lock taken first on SQLite), so
    appends never interleave. The head is read and moved without loading it as an object.
    """
    begin_writing(db)
    head = db.execute(_HEAD).one_or_none()
    if head is None:  # the very first entry
        insert_if_absent(db, AuditHead.__table__, {"id": HEAD_ID, "seq": 0, "hash": GENESIS})
        head = db.execute(_HEAD).one()
    entry.seq = head.seq + 1
    entry.prev_hash = head.hash
    entry.hash = entry_hash(entry)
    # Written as a row, not through the unit of work (every page of health data does this);
    # the entry stays a plain object for the caller, which reads its seq.
    db.execute(_INSERT, {name: getattr(entry, name) for name in _COLUMNS})
    db.execute(_MOVE_HEAD, {"seq": entry.seq, "hash": entry.hash})
    db.flush()  # what the caller added before, as the unit of work did here
    return entry


_HEAD = select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD_ID).with_for_update()
_INSERT = insert(AuditEntry.__table__)
_COLUMNS = tuple(column.key for column in AuditEntry.__table__.columns)
_MOVE_HEAD = (
    update(AuditHead.__table__)
    .where(AuditHead.__table__.c.id == HEAD_ID)
    .values(seq=bindparam("seq"), hash=bindparam("hash"))
)


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str | None = None


def _entries(db: Session, batch: int = 5000) -> Iterator[AuditEntry]:
    last = 0
    while True:
        rows = db.scalars(
            select(AuditEntry).where(AuditEntry.seq > last).order_by(AuditEntry.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        db.expunge_all()


def verify(db: Session) -> Verification:
    """Walk the chain in order; name the first entry that does not fit."""
    expected_seq, previous = 1, GENESIS
    checked = 0
    for entry in _entries(db):
        if entry.seq != expected_seq:
            return Verification(
                False,
                checked,
                previous,
                expected_seq,
                f"entrée {expected_seq} manquante (la suivante est {entry.seq})",
            )
        if entry.prev_hash != previous:
            return Verification(
                False,
                checked,
                previous,
                entry.seq,
                "ne suit pas l'entrée précédente (supprimée, insérée ou déplacée)",
            )
        if entry_hash(entry) != entry.hash:
            return Verification(False, checked, previous, entry.seq, "contenu modifié")
        previous = entry.hash
        expected_seq += 1
        checked += 1
    head = db.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD_ID)).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if (head_seq, head_hash) != (checked, previous):
        return Verification(
            False,
            checked,
            previous,
            checked + 1 if head_seq > checked else head_seq,
            f"la tête de la chaîne annonce {head_seq} entrées, {checked} trouvées",
        )
    return Verification(True, checked, previous)
