"""The demo data of the historique des soins: Jeanne's 24 months, a few lines for Karim
and Lucas, imported through the same feed as the command."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from sqlalchemy import select

from espace import clock
from espace.models import AuditEntry, HealthSpace, Reimbursement
from espace.reimbursements import demo
from espace.reimbursements.services import window_start


def lines_of(db, given_name: str) -> list[Reimbursement]:
    space = db.scalar(select(HealthSpace).where(HealthSpace.given_name == given_name))
    return list(
        db.scalars(
            select(Reimbursement)
            .where(Reimbursement.space_id == space.id)
            .order_by(Reimbursement.care_date)
        )
    )


def test_jeanne_has_24_months_of_care_for_her_diabetes(db):
    lines = lines_of(db, "Jeanne")
    today = clock.today_in_paris()
    dates = [line.care_date for line in lines]
    assert window_start(today) <= dates[0] <= window_start(today) + timedelta(days=62)
    assert dates[-1] <= today - timedelta(days=3)  # the feed is a few days behind
    types = {line.care_type for line in lines}
    assert {"consultation", "pharmacie", "biologie", "infirmier", "podologie", "imagerie"} <= types
    gp = [line.care_date for line in lines if line.professional_rpps == "10100000011"]
    assert all((b - a).days <= 2 * 31 + 25 for a, b in pairwise(gp))
    months = {
        (d.year, d.month) for d, line in zip(dates, lines, strict=True) if line.act_code == "PH7"
    }
    assert len(months) >= 23  # the pharmacy every month
    assert sum(line.label.startswith("Hémoglobine glyquée") for line in lines) == 8
    assert len(lines) >= 50  # more than one page


def test_karim_and_lucas_get_a_few_lines_each(db):
    karim, lucas = lines_of(db, "Karim"), lines_of(db, "Lucas")
    assert 3 <= len(karim) <= 12 and 3 <= len(lucas) <= 12
    assert any(line.professional_rpps == "10100000045" for line in karim)  # Marc Roux
    assert any(line.care_type == "optique" for line in lucas)
    assert lines_of(db, "Léa") == []


def test_the_demo_went_through_the_import_and_its_history(db):
    entries = db.scalars(
        select(AuditEntry).where(AuditEntry.event == "reimbursements.imported")
    ).all()
    spaces = {
        space.given_name
        for space in db.scalars(
            select(HealthSpace).where(HealthSpace.id.in_([e.space_id for e in entries]))
        )
    }
    assert spaces == {"Jeanne", "Karim", "Lucas"}
    assert all(entry.actor_role == "system" for entry in entries)


def test_the_demo_lines_are_the_same_for_the_same_day():
    today = date(2026, 5, 4)
    for lines_of in (demo.jeanne, demo.karim):
        first, again = list(lines_of(today)), list(lines_of(today))
        assert first and first == again  # a reset gives the workshop the same history
        assert list(lines_of(today + timedelta(days=40))) != first  # dated from the day
