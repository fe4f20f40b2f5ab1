"""Reading the historique des soins: the last 24 months, by period and care type.

Older lines stay in the database (the feed back-fills 24 months, DOMAIN.md) but are never
shown: every query is bounded by the window computed from ``now``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.audit import record
from espace.clock import PARIS
from espace.models import HealthSpace, Professional, Reimbursement
from espace.reimbursements.care_types import CareType
from espace.web.paging import Paged

WINDOW_MONTHS = 24
ROLLING_MONTHS = (3, 6, 12, 24)
DEFAULT_PERIOD = "24"
PER_PAGE = 50


@dataclass(frozen=True)
class Period:
    value: str  # as in the URL: "12" (months) or "2025" (a calendar year)
    start: date
    end: date

    @property
    def year(self) -> int | None:
        return int(self.value) if len(self.value) == 4 else None


@dataclass(frozen=True)
class CareRow:
    care_date: date
    label: str
    care_type: CareType
    professional: str | None  # the name, when the RPPS is in the directory
    amount_cents: int
    reimbursed_cents: int


@dataclass(frozen=True)
class History(Paged):
    """One page of the history; ``number``, ``count`` and ``has_*`` are what the shared
    pagination macro reads."""

    period: Period
    care_type: CareType | None
    rows: list[CareRow]
    total: int  # lines in the period, on every page
    amount_cents: int
    reimbursed_cents: int
    number: int
    count: int

    @property
    def filtered(self) -> bool:
        """Narrower than the default view (24 months, every type)."""
        return self.care_type is not None or self.period.value != DEFAULT_PERIOD


def today_of(now: datetime) -> date:
    return now.astimezone(PARIS).date()


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the 31st becomes the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window_start(today: date) -> date:
    """The oldest care date shown: care older than 24 months is never shown."""
    return months_before(today, WINDOW_MONTHS)


def periods(today: date) -> list[Period]:
    """What the period filter offers: rolling months, then each calendar year in the window."""
    start = window_start(today)
    choices = [
        Period(str(months), months_before(today, months), today) for months in ROLLING_MONTHS
    ]
    for year in range(today.year, start.year - 1, -1):
        first = max(date(year, 1, 1), start)
        choices.append(Period(str(year), first, min(date(year, 12, 31), today)))
    return choices


def care_history(
    db: Session,
    actor: Actor,
    space: HealthSpace,
    *,
    period: Period,
    care_type: CareType | None,
    page: int,
    now: datetime,
    per_page: int = PER_PAGE,
) -> History:
    """One page of the space's reimbursed care, newest first, with the period's totals.

    Records one ``reimbursements.viewed`` entry: reading it is reading health data.
    """
    today = today_of(now)
    start = max(period.start, window_start(today))
    end = min(period.end, today)
    conditions = [
        Reimbursement.space_id == space.id,
        Reimbursement.care_date >= start,
        Reimbursement.care_date <= end,
    ]
    if care_type is not None:
        conditions.append(Reimbursement.care_type == care_type.value)
    if actor.role == ActorRole.REPRESENTATIVE:
        # A minor's confidential care never shows to their parents (CSP R1111-50).
        conditions.append(Reimbursement.confidential.is_(False))
    total, amount, reimbursed = db.execute(
        select(
            func.count(Reimbursement.id),
            func.coalesce(func.sum(Reimbursement.amount_cents), 0),
            func.coalesce(func.sum(Reimbursement.reimbursed_cents), 0),
        ).where(*conditions)
    ).one()
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    found = db.execute(
        select(Reimbursement, Professional)
        .outerjoin(Professional, Professional.rpps == Reimbursement.professional_rpps)
        .where(*conditions)
        .order_by(Reimbursement.care_date.desc(), Reimbursement.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    rows = [
        CareRow(
            care_date=line.care_date,
            label=line.label,
            care_type=_care_type(line.care_type),
            professional=professional.display_name if professional else None,
            amount_cents=line.amount_cents,
            reimbursed_cents=line.reimbursed_cents,
        )
        for line, professional in found
    ]
    record(db, actor, "reimbursements.viewed", space, now=now)
    return History(
        period=Period(period.value, start, end),
        care_type=care_type,
        rows=rows,
        total=total,
        amount_cents=amount,
        reimbursed_cents=reimbursed,
        number=page,
        count=pages,
    )


def _care_type(value: str) -> CareType:
    try:
        return CareType(value)
    except ValueError:
        return CareType.OTHER
