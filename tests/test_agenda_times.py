"""Appointment times: typed in Paris time, stored in UTC, across daylight saving changes
(the last Sundays of March and October: 29 March and 25 October 2026)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from espace.agenda.times import (
    TimeError,
    is_ambiguous,
    paris_clock,
    paris_day,
    paris_instant,
    parse_clock,
    when_fr,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", time(14, 30)),
        ("14h30", time(14, 30)),
        ("14 h 30", time(14, 30)),
        ("14H30", time(14, 30)),
        ("14 h", time(14, 0)),
        ("9", time(9, 0)),
        ("9.05", time(9, 5)),
        (" 08:00 ", time(8, 0)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_a_time_is_read_in_the_usual_french_ways(typed, expected):
    assert parse_clock(typed) == expected


@pytest.mark.parametrize("typed", ["midi", "14:3", "14-30", "1430h", "١٤:٣٠", "14:30:00", ""])
def test_a_time_that_cannot_be_read_says_how_to_write_it(typed):
    with pytest.raises(TimeError) as refused:
        parse_clock(typed)
    assert "par exemple 14:30 ou 14 h 30" in refused.value.message


@pytest.mark.parametrize("typed", ["24:00", "25 h", "14:60", "99:99"])
def test_a_time_out_of_range_says_the_ranges(typed):
    with pytest.raises(TimeError) as refused:
        parse_clock(typed)
    assert "de 0 à 23" in refused.value.message and "de 0 à 59" in refused.value.message


def test_winter_time_is_utc_plus_one_and_summer_time_utc_plus_two():
    winter = paris_instant(date(2026, 1, 15), time(14, 30))
    summer = paris_instant(date(2026, 7, 15), time(14, 30))
    assert winter.utc == datetime(2026, 1, 15, 13, 30, tzinfo=UTC)
    assert summer.utc == datetime(2026, 7, 15, 12, 30, tzinfo=UTC)
    assert not winter.ambiguous and not summer.ambiguous


def test_either_side_of_the_spring_change_the_offset_changes():
    saturday = paris_instant(date(2026, 3, 28), time(10, 0))
    sunday = paris_instant(date(2026, 3, 29), time(10, 0))
    assert saturday.utc == datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
    assert sunday.utc == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    before = paris_instant(date(2026, 3, 29), time(1, 59))
    after = paris_instant(date(2026, 3, 29), time(3, 0))
    assert (after.utc - before.utc).total_seconds() == 60  # 1:59 then 3:00, a minute apart


@pytest.mark.parametrize("minute", [0, 30, 59])
def test_a_time_in_the_spring_gap_does_not_exist_and_says_why(minute):
    with pytest.raises(TimeError) as refused:
        paris_instant(date(2026, 3, 29), time(2, minute))
    message = refused.value.message
    assert "29 mars 2026" in message and "n'existe pas" in message
    assert "heure d'été" in message and "avant 2 h ou à partir de 3 h" in message


def test_an_autumn_time_that_happens_twice_is_taken_the_first_time_in_summer_time():
    found = paris_instant(date(2026, 10, 25), time(2, 30))
    assert found.ambiguous
    assert found.utc == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 2:30 CEST, not CET
    assert is_ambiguous(found.utc)
    assert is_ambiguous(datetime(2026, 10, 25, 1, 30, tzinfo=UTC))  # the second 2:30
    assert not is_ambiguous(paris_instant(date(2026, 10, 25), time(3, 0)).utc)
    assert not paris_instant(date(2026, 10, 25), time(1, 59)).ambiguous


def test_saved_instants_come_back_as_the_paris_day_and_time_typed():
    for day, clock_time in [
        (date(2026, 3, 29), time(3, 15)),
        (date(2026, 10, 25), time(2, 30)),
        (date(2026, 12, 31), time(23, 45)),
        (date(2027, 1, 1), time(0, 5)),
    ]:
        instant = paris_instant(day, clock_time).utc
        assert paris_day(instant) == day
        assert paris_clock(instant) == clock_time.strftime("%H:%M")


def test_the_time_reads_with_its_weekday_in_french():
    instant = paris_instant(date(2026, 12, 3), time(9, 5)).utc
    assert when_fr(instant) == "jeudi 3 décembre 2026 à 9 h 05"
    assert when_fr(paris_instant(date(2027, 3, 1), time(14, 0)).utc) == (
        "lundi 1er mars 2027 à 14 h 00"
    )
