"""Amounts in euros: read from the feed ("23,00" or "23.00"), kept as integer cents,
shown the French way ("1 234,56 €")."""

from __future__ import annotations

import re

# At most 999 999,99 €: more is a mistake in the feed (and would not fit in the column).
MAX_CENTS = 99_999_999
_AMOUNT = re.compile(r"(?P<units>[0-9]{1,6})(?:[.,](?P<cents>[0-9]{1,2}))?")
# Thousands may be grouped with a space, a no-break space or a narrow no-break space.
_GROUPING = str.maketrans("", "", " \u00a0\u202f")
NBSP = "\u00a0"
NARROW_NBSP = "\u202f"


class AmountError(ValueError):
    pass


class NegativeAmount(AmountError):
    pass


def parse_cents(text: str) -> int:
    """``"23,5"`` → 2350. Raises ``NegativeAmount`` or ``AmountError``."""
    value = text.strip().translate(_GROUPING)
    if value.startswith("-"):
        raise NegativeAmount(text)
    match = _AMOUNT.fullmatch(value)
    if match is None:
        raise AmountError(text)
    cents = int(match["units"]) * 100 + int((match["cents"] or "0").ljust(2, "0"))
    if cents > MAX_CENTS:
        raise AmountError(text)
    return cents


def format_euros(cents: int) -> str:
    """2300 → "23,00 €"; 123456 → "1 234,56 €" (narrow no-break spaces, as in French)."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    grouped = f"{units:,}".replace(",", NARROW_NBSP)
    return f"{sign}{grouped},{rest:02d}{NBSP}€"
