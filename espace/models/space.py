"""Health spaces: one per insured person, with the lifecycle of DOMAIN.md."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, String, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from espace import clock
from espace.models.account import Account
from espace.models.base import Base, UTCDateTime, str_enum
from espace.models.professional import Professional


class SpaceStatus(StrEnum):
    """DOMAIN.md, "Lifecycle of a space" (CSP R1111-28 and following)."""

    NOTIFIED = "notified"  # notice sent, opposition window running
    OPPOSED = "opposed"  # the person refused: nothing of health data is kept
    OPEN = "open"  # opened (window passed, or migrated DMP), not yet activated
    ACTIVE = "active"  # activated by the holder
    CLOSED = "closed"  # closed by the holder, or by death

    @property
    def label(self) -> str:
        return SPACE_STATUS_LABELS[self]


SPACE_STATUS_LABELS = {
    SpaceStatus.NOTIFIED: "Annoncé, en attente d'ouverture",
    SpaceStatus.OPPOSED: "Refusé (opposition)",
    SpaceStatus.OPEN: "Ouvert, à activer",
    SpaceStatus.ACTIVE: "Activé",
    SpaceStatus.CLOSED: "Fermé",
}


class HealthSpace(Base):
    __tablename__ = "health_space"

    id: Mapped[int] = mapped_column(primary_key=True)
    holder_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id"), unique=True, default=None
    )
    nir: Mapped[str] = mapped_column(String(15), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    department: Mapped[str] = mapped_column(String(3))
    status: Mapped[SpaceStatus] = mapped_column(
        str_enum(SpaceStatus, "space_status"), default=SpaceStatus.NOTIFIED, index=True
    )
    notice_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    # The médecin traitant: sees everything, cannot be blocked (DOMAIN.md).
    gp_professional_id: Mapped[int | None] = mapped_column(
        ForeignKey("professional.id"), default=None
    )
    # The holder's confidentiality choices (DOMAIN.md, "Who may see what").
    mask_all: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    emergency_consent: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    samu_consent: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # From the insurer's file: where the notice goes (kept until activation or opposition).
    email_on_file: Mapped[str | None] = mapped_column(String(254), default=None)
    address_line: Mapped[str | None] = mapped_column(String(300), default=None)
    postcode: Mapped[str | None] = mapped_column(String(10), default=None)
    town: Mapped[str | None] = mapped_column(String(100), default=None)
    # A dependant's insured parent: becomes their representative on activation.
    insured_parent_nir: Mapped[str | None] = mapped_column(String(15), default=None, index=True)
    # Closure (by the holder, or death) and what follows it (CSP R1111-36).
    closure_reason: Mapped[str | None] = mapped_column(String(20), default=None)
    death_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    deletion_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    holder: Mapped[Account | None] = relationship()
    gp: Mapped[Professional | None] = relationship()

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def __repr__(self) -> str:
        return f"<HealthSpace {self.id} {self.status}>"
