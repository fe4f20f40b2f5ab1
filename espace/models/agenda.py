"""The agenda: appointments, reminders, calendar feeds, and the prevention calendar's
hidden items (DOMAIN.md, "Services")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from espace import clock
from espace.models.base import Base, UTCDateTime
from espace.models.professional import Professional


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        Index("ix_appointment_space_starts", "space_id", "starts_at"),
        Index("ix_appointment_starts", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("health_space.id", ondelete="CASCADE"))
    # Stored in UTC; typed and shown in Europe/Paris time (daylight saving handled there).
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(300), default=None)
    # A professional from the directory, or free text.
    professional_id: Mapped[int | None] = mapped_column(ForeignKey("professional.id"), default=None)
    professional_text: Mapped[str | None] = mapped_column(String(200), default=None)
    note: Mapped[str | None] = mapped_column(String(1000), default=None)
    remind_same_day: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_by_professional_id: Mapped[int | None] = mapped_column(
        ForeignKey("professional.id"), default=None
    )
    created_by_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # Each reminder goes once: the job claims it by setting these.
    day_before_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    same_day_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    professional: Mapped[Professional | None] = relationship(
        foreign_keys=[professional_id], lazy="joined"
    )


class CalendarFeed(Base):
    """A private subscription URL (.ics) with a secret token the holder can revoke."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class PreventionHidden(Base):
    """A prevention item the holder chose not to see again."""

    __tablename__ = "prevention_hidden"

    space_id: Mapped[int] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), primary_key=True
    )
    item_key: Mapped[str] = mapped_column(String(60), primary_key=True)
    hidden_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
