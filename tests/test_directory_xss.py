"""Injection through the extract (stored: names, structures, streets, towns) and through
the search's query string (reflected): never comes back as markup, and is shown as text."""

from __future__ import annotations

import re

import pytest

from espace.directory.text import tidy
from tests.directory_extract import line, rpps, run_import, write_extract
from tests.support import text
from tests.xss import injected, nonce_of, sample

URL = "/annuaire"


def usable(payload: str, longest: int) -> bool:
    """What a line of the extract can carry: one line, no "|" (the separator), no
    control character (such lines are refused), not longer than the column."""
    return (
        "|" not in payload
        and not re.search(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]", payload)
        and 0 < len(" ".join(payload.split())) <= longest
        and bool(payload.split())
    )


@pytest.fixture
def jeanne(login_as):
    return login_as("jeanne.martin@example.org")


def test_stored_injection_in_the_extract_never_comes_back_as_markup(app, jeanne, tmp_path):
    names = [p for p in sample(1) if usable(p, 100)]
    longer = [p for p in sample(1) if usable(p, 200) and not usable(p, 100)]
    assert len(names) > 100 and longer
    lines = [line(rpps(0), "TEMOIN", "ANNE", town="XSSVILLE", postcode="99990")]
    lines += [line(rpps(n + 1), p, "X", structure=p, street=p, town="XSSVILLE",
                   postcode="99990") for n, p in enumerate(names)]  # fmt: skip
    lines += [line(rpps(5000 + n), "LONG", "X", structure=p, town="XSSVILLE",
                   postcode="99990") for n, p in enumerate(longer)]  # fmt: skip
    lines.append(line(rpps(9000), "VILLE", "X", town=names[0][:100], postcode="99990"))
    result = run_import(app, write_extract(tmp_path / "extrait.txt", lines))
    assert result.exit_code == 0, result.stderr[:2000]

    baseline = jeanne.get(f"{URL}?name=temoin").get_data(as_text=True)
    fragment_baseline = jeanne.get(f"{URL}?name=temoin", headers={"HX-Request": "true"})
    shown, number, more, ids = "", 1, True, []
    while more:
        response = jeanne.get(f"{URL}?postcode=99990&page={number}")
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert injected(body, nonce_of(response), baseline) == []
        part = jeanne.get(f"{URL}?postcode=99990&page={number}", headers={"HX-Request": "true"})
        fragment = part.get_data(as_text=True)
        assert injected(fragment, None, fragment_baseline.get_data(as_text=True)) == []
        shown += text(response)
        ids += re.findall(r'href="/annuaire/(\d+)"', body)
        more, number = 'rel="next"' in body, number + 1
    assert number > 3  # several pages were read
    for payload in names:
        assert tidy(" ".join(payload.split())) in shown, payload
    assert "{{7*7}}" in shown

    detail_baseline = jeanne.get(f"/annuaire/{ids[0]}").get_data(as_text=True)
    for professional_id in ids[:: max(1, len(ids) // 40)]:
        response = jeanne.get(f"/annuaire/{professional_id}")
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert injected(body, nonce_of(response), detail_baseline) == []


@pytest.mark.parametrize("payload", sample(10))
def test_injection_in_the_query_string_never_comes_back_as_markup(jeanne, payload):
    baseline = jeanne.get(f"{URL}?name=martin").get_data(as_text=True)
    fragment = jeanne.get(f"{URL}?name=martin", headers={"HX-Request": "true"})
    for field in ("name", "town", "postcode", "profession", "department", "page"):
        response = jeanne.get(URL, query_string={field: payload})
        assert response.status_code in (200, 422), (field, payload)
        assert injected(response.get_data(as_text=True), nonce_of(response), baseline) == []
        part = jeanne.get(URL, query_string={field: payload}, headers={"HX-Request": "true"})
        assert part.status_code in (200, 422)
        assert injected(part.get_data(as_text=True), None, fragment.get_data(as_text=True)) == []
