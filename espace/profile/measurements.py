"""Measurements: the latest of each kind, and a series over a period for the chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.models import HealthSpace, Measurement, MeasurementKind, ProfileSection
from espace.profile.measures import KINDS, KindSpec
from espace.profile.services import record_view


@dataclass(frozen=True)
class Period:
    slug: str
    label: str
    months: int | None


PERIODS = (
    Period("6-mois", "6 derniers mois", 6),
    Period("12-mois", "12 derniers mois", 12),
    Period("tout", "Toutes les mesures", None),
)
DEFAULT_PERIOD = PERIODS[-1]


def period(slug: str | None) -> Period:
    """The period asked for in the query string; anything else gives the default."""
    return next((p for p in PERIODS if p.slug == slug), DEFAULT_PERIOD)


def start_of(chosen: Period, today: date) -> date | None:
    if chosen.months is None:
        return None
    month = today.month - chosen.months
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(today.day, 28))


@dataclass(frozen=True)
class KindSummary:
    spec: KindSpec
    latest: Measurement | None
    count: int


def latest_by_kind(db: Session, space: HealthSpace) -> dict[MeasurementKind, Measurement]:
    """The most recent measurement of each kind (no history entry: callers record).

    One small query per kind, each answered by the (space, kind, date) index."""
    latest: dict[MeasurementKind, Measurement] = {}
    for spec in KINDS:
        measurement = db.scalars(
            select(Measurement)
            .where(Measurement.space_id == space.id, Measurement.kind == spec.kind)
            .order_by(Measurement.measured_on.desc(), Measurement.id.desc())
            .limit(1)
        ).first()
        if measurement is not None:
            latest[spec.kind] = measurement
    return latest


def summaries(db: Session, actor: Actor, space: HealthSpace) -> list[KindSummary]:
    counts = dict(
        db.execute(
            select(Measurement.kind, func.count())
            .where(Measurement.space_id == space.id)
            .group_by(Measurement.kind)
        ).all()
    )
    latest = latest_by_kind(db, space)
    record_view(db, actor, space, ProfileSection.MESURES.value)
    return [KindSummary(spec, latest.get(spec.kind), counts.get(spec.kind, 0)) for spec in KINDS]


def series(
    db: Session, actor: Actor, space: HealthSpace, spec: KindSpec, since: date | None
) -> list[Measurement]:
    """The measurements of one kind, oldest first, from ``since`` (or all of them)."""
    query = select(Measurement).where(
        Measurement.space_id == space.id, Measurement.kind == spec.kind
    )
    if since is not None:
        query = query.where(Measurement.measured_on >= since)
    rows = list(db.scalars(query.order_by(Measurement.measured_on, Measurement.id)))
    record_view(db, actor, space, ProfileSection.MESURES.value)
    return rows
