"""Co-construction workshops (demo mode only): sessions, the sandbox's simulated date, and
the feedback given on any page."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from espace import clock
from espace.models.base import Base, UTCDateTime


class WorkshopSession(Base):
    __tablename__ = "workshop_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    held_on: Mapped[date] = mapped_column(Date)
    scenario: Mapped[str | None] = mapped_column(Text, default=None)
    # Short, typed by participants on their phones; stored as an HMAC.
    join_code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    facilitator_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class SandboxClock(Base):
    """One row: how far the sandbox's date is ahead of the real one (workshops jump days or
    weeks ahead to watch a window close or a result be released)."""

    __tablename__ = "sandbox_clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    offset_seconds: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class Feedback(Base):
    """ "Donner mon avis": what the person tried, whether it worked, what was hard. Keeps
    the page, the persona, the session and the time — never health data."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_session_page", "session_id", "page"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_session.id", ondelete="SET NULL"), default=None
    )
    page: Mapped[str] = mapped_column(String(200))  # the path, without its query string
    persona: Mapped[str | None] = mapped_column(String(40), default=None)
    trying: Mapped[str] = mapped_column(String(1000))
    worked: Mapped[str] = mapped_column(String(10))  # oui | en_partie | non
    hard: Mapped[str | None] = mapped_column(String(1000), default=None)
    rating: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
