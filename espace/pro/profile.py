"""The profile as a professional reads it: the sections the rules allow, in one page and
one history entry. Never the private notes, never "mes professionnels"; the volontés only
when the matrix lets the profession read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.audit import record
from espace.models import (
    Allergy,
    Contact,
    ContactKind,
    HistoryKind,
    Measurement,
    MedicalHistory,
    Treatment,
    Vaccination,
    Wishes,
)
from espace.policy.access import Access
from espace.profile.measures import KINDS
from espace.profile.sections import SECTIONS
from espace.profile.wishes import find_wishes

Details = list[tuple[str, str]]


@dataclass(frozen=True)
class Item:
    name: str
    details: Details


@dataclass(frozen=True)
class Group:
    heading: str
    items: list[Item]


@dataclass(frozen=True)
class MeasureRow:
    label: str
    latest: str
    latest_on: date
    previous: str | None
    previous_on: date | None


@dataclass
class ProfileView:
    groups: list[Group] = field(default_factory=list)
    measures: list[MeasureRow] = field(default_factory=list)
    wishes_shown: bool = False
    wishes: Wishes | None = None


def _rows(db: Session, access: Access, slug: str) -> list[Any]:
    spec = SECTIONS[slug]
    return list(
        db.scalars(
            select(spec.model).where(spec.model.space_id == access.space.id).order_by(*spec.order)
        )
    )


def _items(slug: str, rows: list[Any]) -> list[Item]:
    spec = SECTIONS[slug]
    return [Item(spec.describe(row), spec.details(row)) for row in rows]


def _measures(db: Session, access: Access) -> list[MeasureRow]:
    """The last two measurements of each kind: the value and which way it goes."""
    rows = []
    for spec in KINDS:
        last = list(
            db.scalars(
                select(Measurement)
                .where(Measurement.space_id == access.space.id, Measurement.kind == spec.kind)
                .order_by(Measurement.measured_on.desc(), Measurement.id.desc())
                .limit(2)
            )
        )
        if not last:
            continue
        before = last[1] if len(last) > 1 else None
        rows.append(
            MeasureRow(
                spec.label,
                spec.show_measurement(last[0]),
                last[0].measured_on,
                spec.show_measurement(before) if before else None,
                before.measured_on if before else None,
            )
        )
    return rows


def read_profile(db: Session, actor: Actor, access: Access) -> ProfileView:
    antecedents: list[MedicalHistory] = _rows(db, access, "antecedents")
    treatments: list[Treatment] = _rows(db, access, "traitements")
    current, stopped = (rows for _, rows in SECTIONS["traitements"].groups(treatments))
    contacts: list[Contact] = _rows(db, access, "entourage")
    allergies: list[Allergy] = _rows(db, access, "allergies")
    vaccinations: list[Vaccination] = _rows(db, access, "vaccinations")
    view = ProfileView(
        groups=[
            Group("Antécédents personnels", _items("antecedents", [
                a for a in antecedents if a.kind == HistoryKind.PERSONAL])),
            Group("Antécédents familiaux", _items("antecedents", [
                a for a in antecedents if a.kind == HistoryKind.FAMILY])),
            Group("Allergies", _items("allergies", allergies)),
            Group("Traitements en cours", _items("traitements", current)),
            Group("Traitements arrêtés", _items("traitements", stopped)),
            Group("Vaccinations", _items("vaccinations", vaccinations)),
            Group("Personne de confiance", _items("entourage", [
                c for c in contacts if c.kind == ContactKind.TRUSTED_PERSON])),
            Group("Personnes à prévenir en cas d'urgence", _items("entourage", [
                c for c in contacts if c.kind == ContactKind.EMERGENCY])),
        ],
        measures=_measures(db, access),
    )  # fmt: skip
    if access.volontes():
        view.wishes_shown = True
        view.wishes = find_wishes(db, access.space)
    record(db, actor, "profile.viewed", access.space, category="profil",
           notify_kind="professional_access")  # fmt: skip
    return view
