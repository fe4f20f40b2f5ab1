"""The life of a space (DOMAIN.md, "Lifecycle of a space"): enrolment batches, notices,
activation codes, oppositions, representatives (parents and carers) and exports."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from espace import clock
from espace.models.account import Account
from espace.models.base import Base, UTCDateTime, str_enum
from espace.models.document import StoredFile


class EnrolmentBatch(Base):
    """One run of ``enrolment import``: what it read and did (counts only)."""

    __tablename__ = "enrolment_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    lines_read: Mapped[int] = mapped_column(Integer, default=0)
    spaces_created: Mapped[int] = mapped_column(Integer, default=0)
    outside_pilot: Mapped[int] = mapped_column(Integer, default=0)
    already_known: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)


class NoticeChannel(StrEnum):
    EMAIL = "email"
    LETTER = "letter"


class Notice(Base):
    """The notice of creation (CSP R1111-28): by e-mail, or a letter the operator prints.
    The activation code is drawn when the e-mail is sent or the letter printed, and only
    its hash is kept."""

    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), index=True
    )
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("enrolment_batch.id"), default=None)
    channel: Mapped[NoticeChannel] = mapped_column(str_enum(NoticeChannel, "notice_channel"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    window_ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)  # e-mailed
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)  # letter


class ActivationCode(Base):
    """A single-use code (CSPRNG) for activation or opposition; stored as an HMAC."""

    __tablename__ = "activation_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class OppositionChannel(StrEnum):
    ONLINE = "online"
    POST = "post"  # recorded by an operator


class Opposition(Base):
    """What proves an opposition, and nothing more: which space (its NIR stays on the
    space so the person is never notified again), when, and how."""

    __tablename__ = "opposition"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), unique=True
    )
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    channel: Mapped[OppositionChannel] = mapped_column(
        str_enum(OppositionChannel, "opposition_channel")
    )
    recorded_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id"), default=None
    )


class RepresentationKind(StrEnum):
    PARENT = "parent"  # a minor's legal representative (CSP R1111-33)
    CARER = "carer"  # an adult holder's chosen carer, for chosen sections


class Representation(Base):
    """An account that manages another person's space (a parent) or part of it (a carer)."""

    __tablename__ = "representation"
    __table_args__ = (Index("ix_representation_account", "account_id", "revoked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), index=True
    )
    # Empty while an invitation waits: the invited person accepts with the e-mailed code,
    # so nobody learns from the form whether an address has an account.
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), default=None
    )
    invited_email: Mapped[str | None] = mapped_column(String(254), default=None)
    invitation_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    invitation_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # Set at once for direct grants (a parent named by the insurer's file: see
    # representatives.services.link_parent), on acceptance for an invitation.
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    kind: Mapped[RepresentationKind] = mapped_column(
        str_enum(RepresentationKind, "representation_kind")
    )
    # For a carer: the sections they may use, comma-separated (documents,profil,...).
    sections: Mapped[str | None] = mapped_column(String(200), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    granted_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id"), default=None
    )
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    account: Mapped[Account | None] = relationship(foreign_keys=[account_id], lazy="joined")

    @property
    def in_force(self) -> bool:
        return self.account_id is not None and self.accepted_at is not None and not self.revoked_at


class ExportStatus(StrEnum):
    PENDING = "pending"
    READY = "ready"
    FAILED = "failed"


class Export(Base):
    """ "Télécharger mes données": built by a job, the link expires after 7 days."""

    __tablename__ = "export"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), index=True
    )
    requested_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id"), default=None
    )
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    status: Mapped[ExportStatus] = mapped_column(
        str_enum(ExportStatus, "export_status"), default=ExportStatus.PENDING
    )
    # When a run of the job claimed it (a run that dies frees it again after a while).
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"), default=None)

    file: Mapped[StoredFile | None] = relationship()
