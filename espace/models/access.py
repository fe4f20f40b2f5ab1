"""Who a professional is to a space: care team, consent for one consultation, emergency
access; and what the holder decided: blocks and one-time share codes (DOMAIN.md, "Who may
see what"; CSP R1111-46 to R1111-49)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from espace import clock
from espace.models.base import Base, UTCDateTime, str_enum
from espace.models.professional import Professional


class CareTeamMember(Base):
    """A professional in the space's care team: presumed consent once they declared a care
    episode, until the holder removes them."""

    __tablename__ = "care_team_member"
    __table_args__ = (UniqueConstraint("space_id", "professional_id", name="uq_care_team_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("health_space.id", ondelete="CASCADE"))
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    # Set when the holder removes them: they then need the holder's consent again.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    professional: Mapped[Professional] = relationship(lazy="joined")


class Block(Base):
    """The holder forbids this professional any access (never the GP)."""

    __tablename__ = "block"
    __table_args__ = (UniqueConstraint("space_id", "professional_id", name="uq_block_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("health_space.id", ondelete="CASCADE"))
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    professional: Mapped[Professional] = relationship(lazy="joined")


class ShareCode(Base):
    """A short code the holder gives a professional outside the care team: single use,
    valid one hour, stored as an HMAC."""

    __tablename__ = "share_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    used_by_professional_id: Mapped[int | None] = mapped_column(
        ForeignKey("professional.id"), default=None
    )


class ConsultationConsent(Base):
    """The holder's explicit consent for one consultation (through a share code)."""

    __tablename__ = "consultation_consent"
    __table_args__ = (Index("ix_consultation_consent_pair", "space_id", "professional_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("health_space.id", ondelete="CASCADE"))
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EmergencyMode(StrEnum):
    EMERGENCY = "emergency"  # any professional: the patient cannot consent, immediate risk
    SAMU = "samu"  # the SAMU regulating doctor


class EmergencyAccess(Base):
    """Break-glass access (CSP R1111-48): a reason, a limited time, the holder and the GP
    told at once."""

    __tablename__ = "emergency_access"
    __table_args__ = (Index("ix_emergency_access_pair", "space_id", "professional_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("health_space.id", ondelete="CASCADE"))
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"))
    mode: Mapped[EmergencyMode] = mapped_column(str_enum(EmergencyMode, "emergency_mode"))
    reason_category: Mapped[str] = mapped_column(String(40))
    reason_text: Mapped[str] = mapped_column(String(500))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    professional: Mapped[Professional] = relationship(lazy="joined")
