"""The pieces of the historique des soins: act codes to care types, amounts, periods."""

from __future__ import annotations

from datetime import date

import pytest

from espace.reimbursements.amounts import AmountError, NegativeAmount, format_euros, parse_cents
from espace.reimbursements.care_types import CareType, care_type_of
from espace.reimbursements.forms import period_label
from espace.reimbursements.services import months_before, periods, window_start


@pytest.mark.parametrize(
    ("code", "care_type"),
    [
        ("G", CareType.CONSULTATION),
        ("gs", CareType.CONSULTATION),
        ("CS", CareType.CONSULTATION),
        ("APC", CareType.CONSULTATION),
        ("TC", CareType.CONSULTATION),
        ("VG", CareType.HOME_VISIT),
        ("PH7", CareType.PHARMACY),
        ("PHN", CareType.PHARMACY),
        ("PMR", CareType.PHARMACY),
        ("B", CareType.LABORATORY),
        ("1577", CareType.LABORATORY),
        ("AMI", CareType.NURSING),
        ("AIS", CareType.NURSING),
        ("AMK", CareType.PHYSIOTHERAPY),
        ("AMC", CareType.PHYSIOTHERAPY),
        ("AMP", CareType.PODIATRY),
        ("POD", CareType.PODIATRY),
        ("HBJD001", CareType.DENTAL),
        ("SC", CareType.DENTAL),
        ("ZBQK002", CareType.IMAGING),
        ("YYYY600", CareType.IMAGING),
        ("BGQP002", CareType.IMAGING),
        ("2203240", CareType.OPTICAL),
        ("1135210", CareType.OTHER),  # an LPP device outside optics
        ("IFD", CareType.OTHER),
        ("PH", CareType.OTHER),
        ("ZBQK02", CareType.OTHER),
        ("15770", CareType.OTHER),
    ],
)
def test_each_act_code_gets_its_care_type(code, care_type):
    assert care_type_of(code) == care_type


def test_every_care_type_has_a_french_label():
    assert [t.label for t in CareType][:3] == ["Consultation", "Visite à domicile", "Pharmacie"]
    assert all(t.label for t in CareType)


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("23,00", 2300),
        ("23.00", 2300),
        ("23", 2300),
        ("23,5", 2350),
        (" 0,07 ", 7),
        ("1 234,56", 123456),
        ("1\u202f234,56", 123456),
        ("999999,99", 99_999_999),
    ],
)
def test_amounts_in_euros_become_cents(text, cents):
    assert parse_cents(text) == cents


@pytest.mark.parametrize("text", ["", "douze", "12,345", "1000000", "1,2,3", "+5", "5 €", "٣"])
def test_amounts_that_are_not_euros_are_refused(text):
    with pytest.raises(AmountError):
        parse_cents(text)


def test_a_negative_amount_is_told_apart():
    with pytest.raises(NegativeAmount):
        parse_cents("-3,00")


def test_amounts_are_shown_the_french_way():
    assert format_euros(2300) == "23,00\u00a0€"
    assert format_euros(123456) == "1\u202f234,56\u00a0€"
    assert format_euros(5) == "0,05\u00a0€"


def test_the_window_and_the_periods_count_back_from_today():
    today = date(2026, 3, 31)
    assert months_before(today, 1) == date(2026, 2, 28)
    assert window_start(today) == date(2024, 3, 31)
    offered = {p.value: p for p in periods(today)}
    assert list(offered) == ["3", "6", "12", "24", "2026", "2025", "2024"]
    assert (offered["3"].start, offered["3"].end) == (date(2025, 12, 31), today)
    assert (offered["2025"].start, offered["2025"].end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert offered["2024"].start == date(2024, 3, 31)
    assert period_label(offered["2024"]) == "Année 2024 (depuis le 31 mars 2024)"
    assert period_label(offered["2025"]) == "Année 2025"
    assert period_label(offered["12"]) == "Les 12 derniers mois"
    assert offered["2026"].end == today
