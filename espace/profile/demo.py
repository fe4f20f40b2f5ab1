"""Demo data of the profile: Jeanne Martin's full profile (two years of weight and
glycaemia), a little for Karim and Lucas. Dates are relative to ``now``; the noise comes
from a seeded generator, so every load gives the same data."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from espace.clock import PARIS
from espace.demo.seed import Seeded
from espace.models import (
    Allergy,
    Contact,
    ContactKind,
    HistoryKind,
    Measurement,
    MeasurementKind,
    MedicalHistory,
    MyProfessional,
    OrganDonation,
    PrivateNote,
    Severity,
    Treatment,
    Vaccination,
    Wishes,
)


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    today = now.astimezone(PARIS).date()
    _jeanne(db, seeded, now, today)
    _karim(db, seeded, now, today)
    _lucas(db, seeded, now, today)


def _add(db: Session, now: datetime, space_id: int, rows: list[Any]) -> None:
    for row in rows:
        row.space_id = space_id
        row.created_at = row.updated_at = now
        db.add(row)


def _autumns(today: date, years: int) -> list[date]:
    """15 October of the last ``years`` autumns that are past."""
    last = today.year if today >= date(today.year, 10, 15) else today.year - 1
    return [date(last - i, 10, 15) for i in range(years)]


def _jeanne(db: Session, seeded: Seeded, now: datetime, today: date) -> None:
    space = seeded.spaces["jeanne"]
    space.gp_professional_id = seeded.professionals["sophie"].id
    rng = random.Random(1954)  # deterministic noise
    rows: list[Any] = [
        MedicalHistory(kind=HistoryKind.PERSONAL, label="Diabète de type 2", since=date(2012, 5, 1), note="Suivi tous les 3 mois par le Dr Durand."),
        MedicalHistory(kind=HistoryKind.PERSONAL, label="Hypertension artérielle", since=date(2015, 9, 1)),
        MedicalHistory(kind=HistoryKind.PERSONAL, label="Cataracte de l'œil droit, opérée", since=date(2021, 2, 8), note="Opérée au CHU de Toulouse."),
        MedicalHistory(kind=HistoryKind.FAMILY, label="Diabète de type 2", relative="Père"),
        MedicalHistory(kind=HistoryKind.FAMILY, label="Cancer du sein", relative="Sœur", since=date(2009, 1, 1)),
        Allergy(substance="Pénicilline", reaction="Gonflement du visage, gêne pour respirer", severity=Severity.SEVERE, noted_on=date(1987, 6, 1)),
        Allergy(substance="Pollens de graminées", reaction="Nez qui coule, yeux qui piquent", severity=Severity.MILD),
        Allergy(substance="Sparadrap (colle)", reaction="Rougeurs", severity=Severity.MODERATE),
        Treatment(name="Metformine", dosage="1000 mg matin et soir", started_on=date(2012, 6, 1), prescriber="Dr Sophie Durand"),
        Treatment(name="Ramipril", dosage="5 mg le matin", started_on=date(2015, 10, 1), prescriber="Dr Sophie Durand"),
        Treatment(name="Atorvastatine", dosage="10 mg le soir", started_on=date(2018, 3, 1), prescriber="Dr Sophie Durand"),
        Treatment(name="Collyre après l'opération de la cataracte", dosage="1 goutte 3 fois par jour", started_on=date(2021, 2, 8), ended_on=date(2021, 3, 8), prescriber="Dr Paul Girard"),
        Vaccination(vaccine="Covid-19 (rappel)", given_on=_autumns(today, 1)[0], batch="FL8742"),
        Vaccination(vaccine="Diphtérie, tétanos, polio (rappel)", given_on=date(2019, 4, 3), batch="DT4411", note="Rappel des 65 ans."),
        Vaccination(vaccine="Pneumocoque", given_on=date(2020, 11, 12)),
        *[Vaccination(vaccine="Grippe", given_on=day, batch=f"GR{day.year}") for day in _autumns(today, 3)],
        Contact(kind=ContactKind.TRUSTED_PERSON, name="Claire Martin", relation="Fille", phone="06 12 34 56 78", email="claire.martin@example.org"),
        Contact(kind=ContactKind.EMERGENCY, name="Gérard Lopez", relation="Voisin", phone="05 61 00 00 00"),
        Wishes(
            advance_directives="Si je ne peux plus m'exprimer et que mon état ne laisse aucun espoir de guérison, je ne veux pas d'acharnement : pas de réanimation ni de respiration artificielle prolongée.\nJe veux être soulagée de la douleur, même si cela raccourcit ma vie.\nJ'ai désigné ma fille Claire comme personne de confiance.",
            directives_written_on=date(2023, 3, 15),
            organ_donation=OrganDonation.AGREES,
            organ_donation_note="J'en ai parlé à ma fille.",
        ),
        MyProfessional(professional_id=seeded.professionals["paul"].id),
        MyProfessional(professional_id=seeded.professionals["amina"].id),
        PrivateNote(title="Questions pour le Dr Durand", body="Demander si je peux arrêter l'atorvastatine.\nParler de mes pieds qui fourmillent le soir."),
        Measurement(kind=MeasurementKind.HEIGHT, value=162, measured_on=today - timedelta(days=700)),
    ]  # fmt: skip
    # Weight twice a month for two years, slowly going down (74 kg to about 71,5 kg).
    for i in range(48):
        day = today - timedelta(days=5 + 15 * (47 - i))
        weight = 74.0 - 2.5 * i / 47 + rng.uniform(-0.4, 0.4)
        rows.append(
            Measurement(kind=MeasurementKind.WEIGHT, value=round(weight, 1), measured_on=day)
        )
    # Fasting glycaemia every week, between about 1,1 and 1,6 g/L, better in the last months.
    for i in range(104):
        day = today - timedelta(days=2 + 7 * (103 - i))
        glycaemia = 1.45 - 0.2 * i / 103 + rng.uniform(-0.12, 0.14)
        rows.append(
            Measurement(
                kind=MeasurementKind.GLYCAEMIA,
                value=round(glycaemia, 2),
                measured_on=day,
                note="À jeun",
            )
        )
    # Blood pressure once a month.
    for i in range(24):
        day = today - timedelta(days=10 + 30 * (23 - i))
        systolic = round(142 - 10 * i / 23 + rng.uniform(-5, 5))
        rows.append(
            Measurement(
                kind=MeasurementKind.BLOOD_PRESSURE,
                value=systolic,
                second_value=round(systolic - 52 + rng.uniform(-4, 4)),
                measured_on=day,
            )
        )
    _add(db, now, space.id, rows)


def _karim(db: Session, seeded: Seeded, now: datetime, today: date) -> None:
    rows: list[Any] = [
        Allergy(substance="Arachide", reaction="Urticaire", severity=Severity.MODERATE),
        Vaccination(vaccine="Diphtérie, tétanos, polio (rappel)", given_on=date(2013, 5, 14)),
        Treatment(name="Salbutamol (inhalateur)", dosage="2 bouffées en cas de gêne", started_on=date(2020, 4, 1)),
        *[Measurement(kind=MeasurementKind.WEIGHT, value=value, measured_on=today - timedelta(days=days))
          for value, days in [(81.2, 300), (80.4, 190), (79.8, 95), (79.1, 12)]],
    ]  # fmt: skip
    _add(db, now, seeded.spaces["karim"].id, rows)


def _lucas(db: Session, seeded: Seeded, now: datetime, today: date) -> None:
    rows: list[Any] = [
        Allergy(substance="Acariens", reaction="Éternuements", severity=Severity.MILD),
        Vaccination(vaccine="Papillomavirus (HPV)", given_on=date(2022, 9, 20)),
        *[Measurement(kind=MeasurementKind.WEIGHT, value=value, measured_on=today - timedelta(days=days))
          for value, days in [(55.0, 340), (57.5, 160), (59.0, 20)]],
        Measurement(kind=MeasurementKind.HEIGHT, value=171, measured_on=today - timedelta(days=20)),
    ]  # fmt: skip
    _add(db, now, seeded.spaces["lucas"].id, rows)
