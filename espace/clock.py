"""The one source of "now" for the whole application.

Every rule with a deadline (code expiry, idle sign-out, opposition window, held results...)
asks this module for the time, so tests can freeze it and workshops can simulate a later
date without touching the system clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

_frozen: datetime | None = None
# Workshops move a sandbox's date forward (demo mode only): see espace.workshop.sandbox.
_offset: Callable[[], timedelta] | None = None


def now() -> datetime:
    """The current instant, timezone-aware in UTC (plus the sandbox's offset in a workshop)."""
    current = wall_now()
    return current + _offset() if _offset is not None else current


def wall_now() -> datetime:
    """The real instant (frozen in tests), never moved by a workshop: sign-in codes and the
    length of a session are about the person in front of the screen, not the simulated date."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def use_offset(provider: Callable[[], timedelta] | None) -> None:
    """Install the function that says how far the simulated date is ahead (or remove it)."""
    global _offset
    _offset = provider


def today_in_paris() -> date:
    return now().astimezone(PARIS).date()


@contextmanager
def frozen_at(instant: datetime) -> Iterator[FrozenClock]:
    """Freeze the clock (tests): ``with frozen_at(dt) as clock: clock.advance(minutes=16)``."""
    global _frozen
    if instant.tzinfo is None:
        raise ValueError("frozen_at needs a timezone-aware datetime")
    previous = _frozen
    _frozen = instant.astimezone(UTC)
    try:
        yield FrozenClock()
    finally:
        _frozen = previous


class FrozenClock:
    def advance(self, **delta: float) -> datetime:
        global _frozen
        if _frozen is None:
            raise RuntimeError("the clock is not frozen")
        _frozen = _frozen + timedelta(**delta)
        return _frozen
