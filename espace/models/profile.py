"""The profil médical: one table per section (DOMAIN.md, "Services"), and private notes.

Every row belongs to one space. Values are typed (dates, numbers with units) so the pages
can validate them and draw trends; nothing here is ever copied into the history.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from espace import clock
from espace.models.base import Base, UTCDateTime, str_enum
from espace.models.professional import Professional


class ProfileSection(StrEnum):
    """Sections of the profile; ``volontes`` is also a column of habilitations.csv."""

    ANTECEDENTS = "antecedents"
    ALLERGIES = "allergies"
    TRAITEMENTS = "traitements"
    VACCINATIONS = "vaccinations"
    MESURES = "mesures"
    VOLONTES = "volontes"
    ENTOURAGE = "entourage"
    PROFESSIONNELS = "professionnels"

    @property
    def label(self) -> str:
        return SECTION_LABELS[self]


SECTION_LABELS = {
    ProfileSection.ANTECEDENTS: "Antécédents",
    ProfileSection.ALLERGIES: "Allergies",
    ProfileSection.TRAITEMENTS: "Traitements en cours",
    ProfileSection.VACCINATIONS: "Vaccinations",
    ProfileSection.MESURES: "Mesures",
    ProfileSection.VOLONTES: "Volontés",
    ProfileSection.ENTOURAGE: "Entourage",
    ProfileSection.PROFESSIONNELS: "Mes professionnels",
}


class _Item:
    """Columns every profile item has."""

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(
        ForeignKey("health_space.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class HistoryKind(StrEnum):
    PERSONAL = "personal"
    FAMILY = "family"


class MedicalHistory(_Item, Base):
    """An antécédent: a past illness, operation or condition (personal or in the family)."""

    __tablename__ = "medical_history"

    kind: Mapped[HistoryKind] = mapped_column(str_enum(HistoryKind, "history_kind"))
    label: Mapped[str] = mapped_column(String(200))
    relative: Mapped[str | None] = mapped_column(String(60), default=None)  # family only
    since: Mapped[date | None] = mapped_column(Date, default=None)
    note: Mapped[str | None] = mapped_column(String(1000), default=None)


class Severity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class Allergy(_Item, Base):
    __tablename__ = "allergy"

    substance: Mapped[str] = mapped_column(String(200))
    reaction: Mapped[str | None] = mapped_column(String(300), default=None)
    severity: Mapped[Severity | None] = mapped_column(
        str_enum(Severity, "allergy_severity"), default=None
    )
    noted_on: Mapped[date | None] = mapped_column(Date, default=None)


class Treatment(_Item, Base):
    __tablename__ = "treatment"

    name: Mapped[str] = mapped_column(String(200))
    dosage: Mapped[str | None] = mapped_column(String(300), default=None)
    started_on: Mapped[date | None] = mapped_column(Date, default=None)
    ended_on: Mapped[date | None] = mapped_column(Date, default=None)
    prescriber: Mapped[str | None] = mapped_column(String(200), default=None)


class Vaccination(_Item, Base):
    __tablename__ = "vaccination"

    vaccine: Mapped[str] = mapped_column(String(200))
    given_on: Mapped[date] = mapped_column(Date)
    batch: Mapped[str | None] = mapped_column(String(60), default=None)
    note: Mapped[str | None] = mapped_column(String(500), default=None)


class MeasurementKind(StrEnum):
    WEIGHT = "weight"
    HEIGHT = "height"
    BLOOD_PRESSURE = "blood_pressure"
    GLYCAEMIA = "glycaemia"
    HEART_RATE = "heart_rate"
    TEMPERATURE = "temperature"


class Measurement(_Item, Base):
    __tablename__ = "measurement"
    __table_args__ = (Index("ix_measurement_space_kind_date", "space_id", "kind", "measured_on"),)

    kind: Mapped[MeasurementKind] = mapped_column(str_enum(MeasurementKind, "measurement_kind"))
    value: Mapped[float] = mapped_column(Float)
    # Blood pressure: value is systolic, second_value diastolic (mmHg).
    second_value: Mapped[float | None] = mapped_column(Float, default=None)
    measured_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(300), default=None)


class OrganDonation(StrEnum):
    NOT_SAID = "not_said"
    AGREES = "agrees"
    REFUSES = "refuses"  # and registered on the national refusal register


class Wishes(_Item, Base):
    """Volontés: directives anticipées and organ donation (one row per space)."""

    __tablename__ = "wishes"
    __table_args__ = (UniqueConstraint("space_id", name="uq_wishes_space_id"),)

    advance_directives: Mapped[str | None] = mapped_column(Text, default=None)
    directives_written_on: Mapped[date | None] = mapped_column(Date, default=None)
    organ_donation: Mapped[OrganDonation] = mapped_column(
        str_enum(OrganDonation, "organ_donation"), default=OrganDonation.NOT_SAID
    )
    organ_donation_note: Mapped[str | None] = mapped_column(String(500), default=None)


class ContactKind(StrEnum):
    TRUSTED_PERSON = "trusted_person"  # personne de confiance (CSP L1111-6)
    EMERGENCY = "emergency"


class Contact(_Item, Base):
    """Entourage: the personne de confiance and people to call in an emergency."""

    __tablename__ = "contact"

    kind: Mapped[ContactKind] = mapped_column(str_enum(ContactKind, "contact_kind"))
    name: Mapped[str] = mapped_column(String(200))
    relation: Mapped[str | None] = mapped_column(String(100), default=None)
    phone: Mapped[str | None] = mapped_column(String(30), default=None)
    email: Mapped[str | None] = mapped_column(String(254), default=None)


class MyProfessional(_Item, Base):
    """A professional the holder keeps in "mes professionnels" (the GP is on the space)."""

    __tablename__ = "my_professional"
    __table_args__ = (
        UniqueConstraint("space_id", "professional_id", name="uq_my_professional_pair"),
    )

    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"))

    professional: Mapped[Professional] = relationship(lazy="joined")


class PrivateNote(_Item, Base):
    """Notes for the holder alone: no professional can ever read them."""

    __tablename__ = "private_note"

    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
