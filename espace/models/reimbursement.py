"""Historique des soins: care reimbursed by the Assurance maladie, from the insurer's feed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from espace import clock
from espace.models.base import Base, UTCDateTime


class Reimbursement(Base):
    __tablename__ = "reimbursement"
    __table_args__ = (Index("ix_reimbursement_space_date", "space_id", "care_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("health_space.id", ondelete="CASCADE"))
    care_date: Mapped[date] = mapped_column(Date)
    act_code: Mapped[str] = mapped_column(String(20))
    care_type: Mapped[str] = mapped_column(String(30))  # derived from the act code
    label: Mapped[str] = mapped_column(String(200))
    professional_rpps: Mapped[str | None] = mapped_column(String(11), default=None)
    amount_cents: Mapped[int] = mapped_column(Integer)
    reimbursed_cents: Mapped[int] = mapped_column(Integer)
    # Fingerprint of the feed line: importing the same file twice adds nothing.
    line_key: Mapped[str] = mapped_column(String(64), unique=True)
    # A minor's confidential care: kept out of what their parents see (CSP R1111-50).
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
