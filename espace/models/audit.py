"""The append-only, tamper-evident history of every operation (DOMAIN.md).

Entries form one hash chain: each holds the hash of the previous entry and of its own
content; the head (last sequence number and hash) is kept in its own row, which also
serialises appends on PostgreSQL and shows a truncated tail. No health content is stored:
ids and categories, never titles or values.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from espace.models.base import Base, UTCDateTime


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_space_seq", "space_id", "seq"),
        Index("ix_audit_entry_space_actor_role", "space_id", "actor_role", "seq"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # No foreign keys: the history outlives what it names (a deleted document, a purged space).
    space_id: Mapped[int | None] = mapped_column(Integer, default=None)
    event: Mapped[str] = mapped_column(String(60))
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_account_id: Mapped[int | None] = mapped_column(Integer, default=None)
    actor_professional_id: Mapped[int | None] = mapped_column(Integer, default=None)
    actor_profession_code: Mapped[str | None] = mapped_column(String(3), default=None)
    target_type: Mapped[str | None] = mapped_column(String(30), default=None)
    target_id: Mapped[int | None] = mapped_column(Integer, default=None)
    category: Mapped[str | None] = mapped_column(String(40), default=None)
    reason: Mapped[str | None] = mapped_column(String(600), default=None)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row: the last sequence number and hash of the chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
