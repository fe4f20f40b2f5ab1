"""Appointment times: typed as a Paris calendar day and a clock time, stored in UTC.

Europe/Paris changes its clocks twice a year (the last Sundays of March and October, at
2 h then 3 h local time). In spring, 2:00–2:59 does not exist: such a time is refused with
a message. In autumn, 2:00–2:59 happens twice: we keep the first one (summer time) and say
so, rather than refuse a time the person really read on a letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from espace.clock import PARIS
from espace.web.filters import date_fr

TIME_EXAMPLE = "par exemple 14:30 ou 14 h 30"
_TIME = re.compile(r"^(\d{1,2})\s*(?:[:hH.]\s*(\d{2})?)?$")


class TimeError(ValueError):
    """A typed time that cannot be read, or that does not exist that day."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_clock(text: str) -> time:
    """``14:30``, ``14h30``, ``14 h 30``, ``14 h``, ``9.05``: a clock time."""
    match = _TIME.match(text.strip())
    if match is None or not text.strip().isascii():
        raise TimeError(f"Saisissez l'heure en chiffres, {TIME_EXAMPLE}.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise TimeError(
            "Cette heure n'existe pas : les heures vont de 0 à 23 et les minutes de 0 à 59, "
            f"{TIME_EXAMPLE}."
        )
    return time(hour, minute)


@dataclass(frozen=True)
class Instant:
    """A Paris wall-clock time made an instant; ``ambiguous`` when it happens twice that
    night (we kept the first, in summer time)."""

    utc: datetime
    ambiguous: bool


def paris_instant(day: date, clock_time: time) -> Instant:
    naive = datetime.combine(day, clock_time)
    first = naive.replace(tzinfo=PARIS, fold=0)
    second = naive.replace(tzinfo=PARIS, fold=1)
    if first.utcoffset() == second.utcoffset():
        return Instant(first.astimezone(UTC), ambiguous=False)
    if first.astimezone(UTC).astimezone(PARIS).replace(tzinfo=None) != naive:
        raise TimeError(
            f"Le {date_fr(day)}, cette heure n'existe pas : à 2 h du matin, les horloges "
            "avancent directement à 3 h (passage à l'heure d'été). Choisissez une heure avant "
            "2 h ou à partir de 3 h."
        )
    return Instant(first.astimezone(UTC), ambiguous=True)


def is_ambiguous(instant: datetime) -> bool:
    """Whether this instant's Paris time also happens an hour later or earlier that night."""
    local = instant.astimezone(PARIS)
    naive = local.replace(tzinfo=None)
    return (
        naive.replace(tzinfo=PARIS, fold=0).utcoffset()
        != naive.replace(tzinfo=PARIS, fold=1).utcoffset()
    )


def paris_day(instant: datetime) -> date:
    return instant.astimezone(PARIS).date()


def paris_clock(instant: datetime) -> str:
    """As typed in the form: ``14:30``."""
    local = instant.astimezone(PARIS)
    return f"{local.hour:02d}:{local.minute:02d}"


def paris_moment(day: date, hour: int) -> datetime:
    """``hour`` o'clock in Paris on ``day``, as a UTC instant (hours 7 and 8 always exist)."""
    return datetime.combine(day, time(hour)).replace(tzinfo=PARIS).astimezone(UTC)


def years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


ONE_DAY = timedelta(days=1)

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def when_fr(instant: datetime) -> str:
    """ "jeudi 3 décembre 2026 à 14 h 30", in Paris time."""
    local = instant.astimezone(PARIS)
    day = f"{WEEKDAYS[local.weekday()]} {date_fr(local.date())}"
    return f"{day} à {local.hour} h {local.minute:02d}"
