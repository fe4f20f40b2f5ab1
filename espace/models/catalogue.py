"""The catalogue de services: health services referenced by the service, and the holder's
consent to each (granted, then perhaps revoked: every change is kept)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from espace.models.base import Base, UTCDateTime


class HealthService(Base):
    __tablename__ = "health_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(120))
    publisher: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    data_shared: Mapped[str] = mapped_column(Text)  # what it would receive, one item a line
    retention: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(300))

    @property
    def data_items(self) -> list[str]:
        return [line.strip() for line in self.data_shared.splitlines() if line.strip()]


class ServiceConsent(Base):
    """The holder agreed that this service receive their data, until ``revoked_at``.

    At most one consent is in force per space and service (the partial unique index); the
    revoked ones stay, so the holder can see when they agreed and when they stopped.
    """

    __tablename__ = "service_consent"
    __table_args__ = (
        Index(
            "uq_service_consent_in_force",
            "space_id",
            "service_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), index=True
    )
    service_id: Mapped[int] = mapped_column(ForeignKey("health_service.id"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    service: Mapped[HealthService] = relationship(lazy="joined")
