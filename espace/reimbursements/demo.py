"""Demo data of the historique des soins, imported through the same feed as the command.

Jeanne Martin (72, type 2 diabetes, in ALD: 100 % minus the fixed contributions) gets 24
months of care: her GP Dr Durand every 1 or 2 months, the pharmacy of Paul Leroy every
month, an HbA1c every 3 months (blood taken at home by Amina Diallo), a yearly eye exam
and cardiology check-up, a podiatrist twice a year. Karim Benali and Lucas Petit get a
few lines each. Dates count back from ``now``; the same ``now`` gives the same lines.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from espace.csvfile import SEPARATOR, LineProblem
from espace.demo.seed import Seeded
from espace.reimbursements.feed import COLUMNS
from espace.reimbursements.importer import import_feed
from espace.reimbursements.services import months_before, today_of

DURAND = "10100000011"  # Dr Sophie Durand, GP (a demo persona)
LEROY = "10100000029"  # Paul Leroy, pharmacist (a demo persona)
DIALLO = "10100000037"  # Amina Diallo, nurse (a demo persona)
ROUX = "10100000045"  # Marc Roux, physiotherapist (a demo persona)
MAILLARD = "10019793247"  # cardiologist in Toulouse, in the RPPS sample extract
PIERRE = "10555810350"  # GP in Nantes, in the RPPS sample extract
OPHTHALMOLOGIST = "10100000060"  # invented, in no directory
PODIATRIST = "10100000078"  # invented, in no directory
FEED_DELAY = timedelta(days=3)  # the feed is a few days behind

Line = tuple[date, str, str, str, str, str]  # date, act code, label, rpps, amount, reimbursed


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    today = today_of(now)
    rows = [
        *_with_nir(seeded.spaces["jeanne"].nir, jeanne(today)),
        *_with_nir(seeded.spaces["karim"].nir, karim(today)),
        *_with_nir(seeded.spaces["lucas"].nir, lucas(today)),
    ]
    text = io.StringIO()
    writer = csv.writer(text, delimiter=SEPARATOR, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    text.seek(0)
    problems: list[LineProblem] = []
    import_feed(db, text, now, report_problem=problems.append)
    if problems:
        raise RuntimeError(f"demo reimbursements refused: {[str(p) for p in problems]}")


def jeanne(today: date) -> Iterator[Line]:
    rng = random.Random(1954)  # fixed seed: the same lines on every reset
    last = today - FEED_DELAY

    def on(months_ago: int, day: int) -> date | None:
        when = months_before(today, months_ago).replace(day=min(day, 28))
        return when if when <= last else None

    months = 23
    while months >= 0:  # the GP every 1 or 2 months
        if when := on(months, rng.randint(2, 26)):
            yield when, "G", "Consultation de médecine générale", DURAND, "30,00", "28,00"
        months -= rng.choice((1, 2))
    for months in range(23, -1, -1):  # the pharmacy every month
        if when := on(months, rng.randint(3, 27)):
            yield when, "PH7", "Metformine 1000 mg, 90 comprimés", LEROY, "7,62", "7,12"
            if months % 3 == 0:
                yield when, "PH7", "Atorvastatine 20 mg, 90 comprimés", LEROY, "17,28", "16,78"
    for months in range(22, -1, -3):  # HbA1c every 3 months, blood taken at home
        if when := on(months, rng.randint(5, 20)):
            yield when, "AMI", "Prise de sang à domicile", DIALLO, "4,73", "4,73"
            yield when, "IFD", "Déplacement de l'infirmière", DIALLO, "2,75", "2,75"
            yield when, "1577", "Hémoglobine glyquée (HbA1c)", "", "9,45", "9,45"
            yield when, "0552", "Glycémie à jeun", "", "1,35", "1,35"
            if months % 12 == 10:
                yield when, "0996", "Bilan lipidique (cholestérol)", "", "7,56", "7,56"
    for months in (20, 8):  # the yearly eye exam (diabetic retinopathy)
        if when := on(months, 14):
            yield when, "CS", "Consultation d'ophtalmologie", OPHTHALMOLOGIST, "31,50", "29,50"
            yield when, "BGQP002", "Examen du fond d'œil", OPHTHALMOLOGIST, "28,26", "28,26"
    for months in (17, 5):  # the yearly cardiology check-up
        if when := on(months, 9):
            yield when, "CS", "Consultation de cardiologie", MAILLARD, "51,70", "49,70"
            yield when, "DEQP003", "Électrocardiogramme", MAILLARD, "14,26", "14,26"
    for months in (21, 15, 9, 3):  # the podiatrist twice a year (diabetic foot)
        if when := on(months, 22):
            yield when, "POD", "Soins de podologie (pied diabétique)", PODIATRIST, "30,00", "30,00"


def karim(today: date) -> Iterator[Line]:
    yield (
        today - timedelta(days=200),
        "G",
        "Consultation de médecine générale",
        PIERRE,
        "30,00",
        "19,00",
    )
    yield today - timedelta(days=200), "PH7", "Amoxicilline 1 g, 12 comprimés", "", "4,28", "2,28"
    for session in range(5):  # physiotherapy for his back, with Marc Roux
        when = today - timedelta(days=80 - 7 * session)
        yield when, "AMK", "Séance de kinésithérapie (dos)", ROUX, "16,13", "9,68"
    yield (
        today - timedelta(days=30),
        "G",
        "Consultation de médecine générale",
        PIERRE,
        "30,00",
        "19,00",
    )


def lucas(today: date) -> Iterator[Line]:
    yield (
        today - timedelta(days=400),
        "G",
        "Consultation de médecine générale",
        "",
        "30,00",
        "19,00",
    )
    yield today - timedelta(days=400), "PH4", "Sérum physiologique, 40 doses", "", "3,20", "0,48"
    yield today - timedelta(days=150), "HBJD001", "Détartrage", "", "28,92", "20,24"
    yield (
        today - timedelta(days=60),
        "2203240",
        "Verres de lunettes (100 % Santé)",
        "",
        "64,80",
        "38,88",
    )
    yield (
        today - timedelta(days=60),
        "CS",
        "Consultation d'ophtalmologie",
        OPHTHALMOLOGIST,
        "31,50",
        "20,05",
    )


def _with_nir(nir: str, lines: Iterator[Line]) -> Iterator[list[str]]:
    for when, code, label, rpps, amount, reimbursed in lines:
        yield [when.isoformat(), code, label, rpps, amount, reimbursed, nir]
