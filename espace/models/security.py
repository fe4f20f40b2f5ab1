"""Sign-in attempts, server-side sessions and throttles, all kept in the database so that
every limit holds across gunicorn workers and machines."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from espace import clock
from espace.models.account import Account
from espace.models.base import Base, UTCDateTime, str_enum


class SecondFactor(StrEnum):
    EMAIL_CODE = "email_code"
    TOTP = "totp"


class SignInAttempt(Base):
    """One sign-in in progress: the password was right, the second factor is awaited.

    The browser holds a random token; only its SHA-256 is stored. The one-time code is
    stored as an HMAC, so a leaked table does not give usable codes.
    """

    __tablename__ = "signin_attempt"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256(token)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    factor: Mapped[SecondFactor] = mapped_column(str_enum(SecondFactor, "second_factor"))
    code_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    failed_tries: Mapped[int] = mapped_column(Integer, default=0)
    codes_sent: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    account: Mapped[Account] = relationship()


class AuthSession(Base):
    """A signed-in session. Ending it here signs the browser out, whatever its cookie says."""

    __tablename__ = "auth_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256(token)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    factor: Mapped[SecondFactor] = mapped_column(str_enum(SecondFactor, "second_factor"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    end_reason: Mapped[str | None] = mapped_column(String(20), default=None)
    # The words of the messaging search last asked in this session: kept here so that they
    # never travel in an address, forgotten when the session ends (see auth.sessions).
    last_search: Mapped[str | None] = mapped_column(String(100), default=None)
    # The space they were searched in (none: a professional's messages): a parent who
    # switches to a child's space does not get the search run there unasked. A tag compared
    # with the space acted for, not a link: a space's closure never waits for sessions.
    last_search_space_id: Mapped[int | None] = mapped_column(default=None)

    account: Mapped[Account] = relationship()


class Throttle(Base):
    """Failures counted per key (a hashed e-mail, an address...), with a lock once too many."""

    __tablename__ = "throttle"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
