"""The overview of /profil: a few lines per section, read in one go (one history entry)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.models import (
    ContactKind,
    HealthSpace,
    HistoryKind,
    MyProfessional,
    OrganDonation,
    ProfileSection,
    Severity,
)
from espace.profile.measurements import latest_by_kind
from espace.profile.measures import KINDS
from espace.profile.sections import SECTIONS
from espace.profile.services import record_view
from espace.profile.wishes import find_wishes
from espace.web.filters import date_fr

SHOWN = 5
LINKS = {
    ProfileSection.ANTECEDENTS: "Voir et modifier les antécédents",
    ProfileSection.ALLERGIES: "Voir et modifier les allergies",
    ProfileSection.TRAITEMENTS: "Voir et modifier les traitements",
    ProfileSection.VACCINATIONS: "Voir et modifier les vaccinations",
    ProfileSection.MESURES: "Voir et ajouter des mesures",
    ProfileSection.VOLONTES: "Voir et modifier mes volontés",
    ProfileSection.ENTOURAGE: "Voir et modifier mon entourage",
    ProfileSection.PROFESSIONNELS: "Voir et modifier mes professionnels",
}
DONATION = {
    OrganDonation.NOT_SAID: "non indiqué",
    OrganDonation.AGREES: "j'accepte",
    OrganDonation.REFUSES: "je refuse",
}


@dataclass(frozen=True)
class Card:
    section: ProfileSection
    lines: list[str]
    more: int  # lines not shown

    @property
    def link_text(self) -> str:
        return LINKS[self.section]


def _card(section: ProfileSection, lines: list[str]) -> Card:
    return Card(section, lines[:SHOWN], max(0, len(lines) - SHOWN))


def _items(db: Session, space: HealthSpace, slug: str) -> list[Any]:
    spec = SECTIONS[slug]
    return list(
        db.scalars(select(spec.model).where(spec.model.space_id == space.id).order_by(*spec.order))
    )


def overview(db: Session, actor: Actor, space: HealthSpace) -> list[Card]:
    antecedents = _items(db, space, "antecedents")
    allergies = _items(db, space, "allergies")
    treatments = SECTIONS["traitements"].groups(_items(db, space, "traitements"))[0][1]
    vaccinations = _items(db, space, "vaccinations")
    contacts = _items(db, space, "entourage")
    latest = latest_by_kind(db, space)
    wishes = find_wishes(db, space)
    kept = db.scalars(select(MyProfessional).where(MyProfessional.space_id == space.id)).all()
    cards = [
        _card(ProfileSection.ANTECEDENTS, [
            a.label if a.kind == HistoryKind.PERSONAL else f"{a.label} (famille : {a.relative})"
            for a in antecedents
        ]),
        _card(ProfileSection.ALLERGIES, [
            f"{a.substance} (allergie grave)" if a.severity == Severity.SEVERE else a.substance
            for a in allergies
        ]),
        _card(ProfileSection.TRAITEMENTS, [
            f"{t.name} : {t.dosage}" if t.dosage else t.name for t in treatments
        ]),
        _card(ProfileSection.VACCINATIONS, [
            f"{v.vaccine}, le {date_fr(v.given_on)}" for v in vaccinations
        ]),
        _card(ProfileSection.MESURES, [
            f"{spec.label} : {spec.show_measurement(m)}, le {date_fr(m.measured_on)}"
            for spec in KINDS if (m := latest.get(spec.kind)) is not None
        ]),
        _card(ProfileSection.VOLONTES, [] if wishes is None else [
            "Directives anticipées : " + ("écrites" if wishes.advance_directives else "aucune"),
            f"Don d'organes : {DONATION[wishes.organ_donation]}",
        ]),
        _card(ProfileSection.ENTOURAGE, [
            f"{c.name}, personne de confiance" if c.kind == ContactKind.TRUSTED_PERSON
            else f"{c.name}, à prévenir en cas d'urgence"
            for c in contacts
        ]),
        _card(ProfileSection.PROFESSIONNELS, [
            *([f"Médecin traitant : {space.gp.display_name}"] if space.gp else []),
            *(f"{k.professional.display_name}, {k.professional.profession.lower()}"
              for k in kept),
        ]),
    ]  # fmt: skip
    record_view(db, actor, space, "profil")
    return cards
