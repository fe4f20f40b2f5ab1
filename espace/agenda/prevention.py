"""The prevention calendar, computed from the space's birth date at each visit: nothing is
stored but the items the holder chose not to see again (``PreventionHidden``)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.agenda.prevention_data import (
    CAMPAIGN_END,
    CAMPAIGN_START,
    ITEMS,
    SEASONAL,
    SEASONAL_FROM_AGE,
    Age,
    Item,
    Kind,
)
from espace.audit import record
from espace.db import insert_if_absent
from espace.models import HealthSpace, PreventionHidden
from espace.web.filters import date_fr

AHEAD_YEARS = 10  # "à venir": what starts within the next 10 years
RECENT_PAST = timedelta(days=2 * 365)  # "à vérifier": what ended within the last 2 years
SOURCES = {
    Kind.VACCINATION: "Le calendrier des vaccinations 2025",
    Kind.CHECKUP: "Le calendrier des examens de santé de l'enfant (20 examens de 0 à 16 ans)",
}


def add_age(birth: date, age: Age) -> date:
    months = birth.month - 1 + age.months + 12 * age.years
    year, month = birth.year + months // 12, months % 12 + 1
    day = min(birth.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(days=age.days)


@dataclass(frozen=True)
class Dated:
    """One item for one person: its window [start, end) in days."""

    key: str
    kind: Kind
    title: str
    what: str
    when: str
    start: date
    end: date | None
    mandatory: bool
    seasonal: bool = False

    @property
    def period(self) -> str:
        if self.end is None:
            return f"à partir du {date_fr(self.start)}"
        return f"du {date_fr(self.start)} au {date_fr(self.end - timedelta(days=1))}"

    def why(self, birth: date) -> str:
        if self.seasonal:
            basis = (
                f"Dès 65 ans, la vaccination est recommandée chaque automne, pendant la campagne "
                f"de vaccination, soit {self.period}."
            )
        else:
            what = "cette vaccination" if self.kind == Kind.VACCINATION else "cet examen"
            basis = f"{SOURCES[self.kind]} prévoit {what} {self.when}, soit {self.period}."
        return (
            f"C'est calculé à partir de la date de naissance enregistrée dans l'espace "
            f"({date_fr(birth)}). {basis} Ce sont des recommandations générales : votre "
            "situation peut être différente. Demandez conseil à votre médecin, à votre "
            "pharmacien ou à votre sage-femme."
        )


@dataclass
class Calendar:
    birth: date
    current: list[Dated] = field(default_factory=list)
    upcoming: list[Dated] = field(default_factory=list)
    recent: list[Dated] = field(default_factory=list)
    hidden: list[Dated] = field(default_factory=list)

    @property
    def keys(self) -> set[str]:
        return {item.key for item in self.current + self.upcoming + self.recent + self.hidden}


def _dated(item: Item, birth: date) -> Dated:
    return Dated(item.key, item.kind, item.title, item.what, item.when,
                 add_age(birth, item.start),
                 add_age(birth, item.end) if item.end is not None else None,
                 item.mandatory)  # fmt: skip


def _campaigns(birth: date, today: date) -> list[Dated]:
    """This autumn's campaign (or the one running) and the next, from 65 years."""
    first_year = today.year - 1 if (today.month, today.day) < CAMPAIGN_END else today.year
    found = []
    for year in (first_year, first_year + 1):
        start = date(year, *CAMPAIGN_START)
        if add_age(birth, Age(years=SEASONAL_FROM_AGE)) > start:
            continue
        end = date(year + 1, *CAMPAIGN_END)
        for key, title, what in SEASONAL:
            found.append(Dated(f"{key}-{year}", Kind.VACCINATION, f"{title} (automne {year})",
                               what, "", start, end, False, seasonal=True))  # fmt: skip
    return found


def generate(birth: date, today: date, hidden_keys: set[str]) -> Calendar:
    result = Calendar(birth)
    horizon = add_age(today, Age(years=AHEAD_YEARS))
    for item in [*(_dated(item, birth) for item in ITEMS), *_campaigns(birth, today)]:
        if item.start <= today and (item.end is None or today < item.end):
            section = result.current
        elif today < item.start <= horizon:
            section = result.upcoming
        elif not item.seasonal and item.end is not None and today - RECENT_PAST < item.end <= today:
            section = result.recent
        else:
            continue
        (result.hidden if item.key in hidden_keys else section).append(item)
    for section in (result.current, result.upcoming, result.hidden):
        section.sort(key=lambda item: (item.start, item.key))
    result.recent.sort(key=lambda item: (-(item.end or item.start).toordinal(), item.key))
    return result


def hidden_keys(db: Session, space: HealthSpace) -> set[str]:
    return set(
        db.scalars(select(PreventionHidden.item_key).where(PreventionHidden.space_id == space.id))
    )


def for_space(db: Session, actor: Actor, space: HealthSpace, now: datetime,
              today: date) -> Calendar:  # fmt: skip
    found = generate(space.birth_date, today, hidden_keys(db, space))
    record(db, actor, "prevention.viewed", space, now=now)
    return found


def hide(db: Session, actor: Actor, space: HealthSpace, key: str, now: datetime) -> None:
    insert_if_absent(db, PreventionHidden.__table__,
                     {"space_id": space.id, "item_key": key, "hidden_at": now})  # fmt: skip
    record(db, actor, "prevention.hidden", space, now=now)


def show(db: Session, actor: Actor, space: HealthSpace, key: str, now: datetime) -> None:
    db.execute(
        delete(PreventionHidden).where(
            PreventionHidden.space_id == space.id, PreventionHidden.item_key == key
        )
    )
    record(db, actor, "prevention.shown", space, now=now)
