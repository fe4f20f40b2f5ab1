"""Notifications to a person: in the app always, by e-mail unless they turned that kind off."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from espace import clock
from espace.models.base import Base, UTCDateTime


class Notification(Base):
    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_account_unread", "account_id", "read_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    space_id: Mapped[int | None] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), default=None
    )
    kind: Mapped[str] = mapped_column(String(40))
    # References only (who, which category, which item): the text is built when shown.
    actor_professional_id: Mapped[int | None] = mapped_column(
        ForeignKey("professional.id"), default=None
    )
    category: Mapped[str | None] = mapped_column(String(40), default=None)
    target_type: Mapped[str | None] = mapped_column(String(30), default=None)
    target_id: Mapped[int | None] = mapped_column(Integer, default=None)
    audit_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    emailed: Mapped[bool] = mapped_column(Boolean, default=False)


class NotificationPreference(Base):
    """A kind of notification the person does not want by e-mail (in-app stays)."""

    __tablename__ = "notification_preference"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    email: Mapped[bool] = mapped_column(Boolean, default=True)
