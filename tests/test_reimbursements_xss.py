"""Injection through the feed (stored) and through the query string (reflected): never
comes back as markup, and template probes such as {{7*7}} are shown literally."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from espace.clock import frozen_at
from espace.reimbursements.feed import COLUMNS
from espace.reimbursements.importer import import_feed
from tests.support import text
from tests.test_reimbursements_page import JEANNE, JEANNE_NIR, NOW, TODAY, URL, feed
from tests.xss import injected, nonce_of, sample


@pytest.fixture
def jeanne(login_as):
    with frozen_at(NOW):
        yield login_as(JEANNE)


def test_stored_injection_in_labels_never_comes_back_as_markup(db, jeanne):
    baseline = jeanne.get(URL).get_data(as_text=True)  # the layout's own hx-* attributes
    payloads = [
        p for p in sample() if "\r" not in p and "\n" not in p and len(" ".join(p.split())) <= 200
    ]
    assert len(payloads) > 40
    feed(
        db,
        [(TODAY - timedelta(days=1), "G", p, "", "1,00", "1,00") for p in payloads if p.split()],
    )
    shown, page_number, more = "", 1, True
    while more:
        response = jeanne.get(f"{URL}?page={page_number}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert injected(html, nonce_of(response), baseline) == []
        shown += text(response)
        more, page_number = 'rel="next"' in html, page_number + 1
    assert page_number > 2  # more than one page was read
    for payload in payloads:
        if payload.split():
            assert " ".join(payload.split()) in shown, payload
    assert "{{7*7}}" in shown


def test_long_payloads_are_refused_by_the_import_not_cut_into_markup(db):
    long_ones = [
        p for p in sample(1) if len(" ".join(p.split())) > 200 and not {"\n", "\r"} & set(p)
    ]
    assert long_ones
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for payload in long_ones:
        writer.writerow([TODAY.isoformat(), "G", payload, "", "1", "1", JEANNE_NIR])
    out.seek(0)
    problems = []
    report = import_feed(db, out, NOW, report_problem=problems.append)
    db.rollback()
    assert report.imported == 0
    assert len(problems) == len(long_ones)
    assert all("trop long" in p.reason for p in problems)


@pytest.mark.parametrize("payload", sample(25))
def test_injection_in_the_query_string_never_comes_back_as_markup(jeanne, payload):
    baseline = jeanne.get(URL).get_data(as_text=True)
    for query in ({"period": payload}, {"care_type": payload}, {"page": payload}):
        response = jeanne.get(URL, query_string=query)
        assert response.status_code in (200, 422)
        assert injected(response.get_data(as_text=True), nonce_of(response), baseline) == []
