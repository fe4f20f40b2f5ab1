"""Numbers read from an address or a form: only plain ASCII digits, never more than the
database holds; anything else is "no number" (page 1 for a list), never a 500."""

from __future__ import annotations

import pytest

from espace.web.paging import database_id, page_number, whole_number

ODD = [None, "", "0", "-1", "x", "2A", "²", "１２", "9" * 10, "9" * 40, " 2", "2.0"]


@pytest.mark.parametrize("raw", ODD)
def test_anything_but_a_plain_whole_number_is_none(raw):
    assert whole_number(raw) is None
    assert page_number(raw) == 1


def test_a_plain_whole_number_is_read_within_its_bound():
    assert whole_number("2") == 2 and page_number("2") == 2
    assert whole_number("99999") == 99_999 and whole_number("100000") is None
    assert database_id("123456789") == 123_456_789 and database_id("1234567890") is None
    assert page_number("999999") == 999_999  # past the end: the list shows its last page


# Every list that reads ?page=, by the role that sees it.
LISTS = [
    ("jeanne.martin@example.org", "/documents", 422),  # a filter form: told, in French
    ("jeanne.martin@example.org", "/activite", 422),
    ("jeanne.martin@example.org", "/confidentialite/documents", 200),
    ("jeanne.martin@example.org", "/historique-des-soins", 200),
    ("jeanne.martin@example.org", "/agenda", 200),
    ("jeanne.martin@example.org", "/messagerie", 200),
    ("jeanne.martin@example.org", "/annuaire?name=mar", 200),
    ("sophie.durand@example.org", "/pro", 200),
]


@pytest.mark.parametrize(("email", "path", "status"), LISTS)
@pytest.mark.parametrize("odd", ["²", "9" * 25, "-3", "999999999"])
def test_an_odd_page_in_the_address_is_never_a_server_error(login_as, email, path, status, odd):
    client = login_as(email)
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}page={odd}")
    assert response.status_code == status, (path, odd)
    if status == 422:
        assert "Le numéro de page est un nombre entier, par exemple 2." in response.get_data(
            as_text=True
        )
