"""Secure messaging between a holder and professionals (DOMAIN.md, "Services")."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from espace import clock
from espace.models.base import Base, UTCDateTime, str_enum
from espace.models.document import StoredFile
from espace.models.professional import Professional


class Side(StrEnum):
    """Who wrote: the space's side (holder or representative) or the professional."""

    HOLDER = "holder"
    PROFESSIONAL = "professional"


class MessageKind(StrEnum):
    TEXT = "text"
    RENEWAL_REQUEST = "renewal_request"  # asking the GP to renew a prescription


class Thread(Base):
    __tablename__ = "thread"
    __table_args__ = (
        Index("ix_thread_space_last", "space_id", "last_message_at"),
        Index("ix_thread_professional_last", "professional_id", "last_message_at"),
        Index("ix_thread_professional_unread", "professional_id", "unread_by_professional"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("health_space.id", ondelete="CASCADE"))
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"))
    subject: Mapped[str] = mapped_column(String(200))
    opened_by: Mapped[Side] = mapped_column(str_enum(Side, "thread_side"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    # The professional closes a thread, with a reason the holder reads; no reply after.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    closed_reason: Mapped[str | None] = mapped_column(String(500), default=None)
    # A minor's confidential care (CSP R1111-33): never shown to their parents.
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # False once the professional has read the latest message, True again at the next one: the
    # menu's count reads only these threads, not the thousands a GP has read (a filter before
    # the read rows, which still decide; True when unsure, never hiding an unread thread).
    unread_by_professional: Mapped[bool] = mapped_column(
        Boolean, default=True, server_default=true()
    )

    professional: Mapped[Professional] = relationship(lazy="joined")


class Message(Base):
    __tablename__ = "message"
    __table_args__ = (Index("ix_message_thread_created", "thread_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"))
    side: Mapped[Side] = mapped_column(str_enum(Side, "message_side"))
    author_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), default=None)
    kind: Mapped[MessageKind] = mapped_column(
        str_enum(MessageKind, "message_kind"), default=MessageKind.TEXT
    )
    # Stored exactly as written; shown through espace.web.sanitize.sanitize_html().
    body: Mapped[str] = mapped_column(Text)
    # A renewal request names the prescription it is about.
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class MessageAttachment(Base):
    __tablename__ = "message_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("message.id", ondelete="CASCADE"), index=True
    )
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"))

    file: Mapped[StoredFile] = relationship(lazy="joined")


class ThreadRead(Base):
    """When an account last read a thread: newer messages from the other side are unread."""

    __tablename__ = "thread_read"

    thread_id: Mapped[int] = mapped_column(
        ForeignKey("thread.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    read_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
