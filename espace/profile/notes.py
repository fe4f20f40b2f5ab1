"""Private notes: the holder's alone. No professional, GP or emergency access ever reads
them (DOMAIN.md, "Beyond the real service"): they are only shown under /profil/notes,
to the holder of the space, and never copied into the history or a notification."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace import clock
from espace.actors import Actor
from espace.audit import record
from espace.models import HealthSpace, PrivateNote
from espace.profile.services import MAX_ID


def list_notes(db: Session, actor: Actor, space: HealthSpace) -> list[PrivateNote]:
    notes = list(
        db.scalars(
            select(PrivateNote)
            .where(PrivateNote.space_id == space.id)
            .order_by(PrivateNote.updated_at.desc(), PrivateNote.id.desc())
        )
    )
    record(db, actor, "notes.viewed", space)
    return notes


def find_note(db: Session, space: HealthSpace, note_id: int) -> PrivateNote | None:
    if not 0 < note_id <= MAX_ID:
        return None
    return db.scalar(
        select(PrivateNote).where(PrivateNote.id == note_id, PrivateNote.space_id == space.id)
    )


def record_note_view(db: Session, actor: Actor, space: HealthSpace, note: PrivateNote) -> None:
    record(db, actor, "notes.viewed", space, target_type="private_note", target_id=note.id)


def add_note(db: Session, actor: Actor, space: HealthSpace, values: dict[str, Any]) -> PrivateNote:
    now = clock.now()
    note = PrivateNote(space_id=space.id, created_at=now, updated_at=now, **values)
    db.add(note)
    db.flush()
    record(db, actor, "notes.added", space, target_type="private_note", target_id=note.id)
    return note


def change_note(
    db: Session, actor: Actor, space: HealthSpace, note: PrivateNote, values: dict[str, Any]
) -> None:
    for name, value in values.items():
        setattr(note, name, value)
    note.updated_at = clock.now()
    db.flush()
    record(db, actor, "notes.changed", space, target_type="private_note", target_id=note.id)


def delete_note(db: Session, actor: Actor, space: HealthSpace, note: PrivateNote) -> None:
    record(db, actor, "notes.deleted", space, target_type="private_note", target_id=note.id)
    db.delete(note)
    db.flush()
