"""Accounts: who can sign in, with which role."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from espace import clock
from espace.models.base import Base, UTCDateTime, str_enum


class Role(StrEnum):
    HOLDER = "holder"
    PROFESSIONAL = "professional"
    OPERATOR = "operator"
    FACILITATOR = "facilitator"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.HOLDER: "Titulaire d'un espace santé",
    Role.PROFESSIONAL: "Professionnel de santé",
    Role.OPERATOR: "Agent de l'Assurance maladie",
    Role.FACILITATOR: "Animateur d'atelier",
}


class AccountStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"


class Account(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "account_role"))
    status: Mapped[AccountStatus] = mapped_column(
        str_enum(AccountStatus, "account_status"), default=AccountStatus.ACTIVE
    )
    display_name: Mapped[str] = mapped_column(String(120))
    # Authenticator app (RFC 6238). The last accepted time step stops a code being replayed.
    totp_secret: Mapped[str | None] = mapped_column(String(64), default=None)
    totp_last_step: Mapped[int | None] = mapped_column(Integer, default=None)
    # Shown to the person while they enrol; becomes totp_secret once a code proves it.
    totp_pending_secret: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    @property
    def uses_totp(self) -> bool:
        return self.totp_secret is not None

    # Flask-Login protocol: identity is carried by the server-side session (AuthSession).
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.status == AccountStatus.ACTIVE

    def get_id(self) -> str:
        return str(self.id)

    def __repr__(self) -> str:
        return f"<Account {self.id} {self.role}>"
