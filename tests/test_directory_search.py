"""Searching /annuaire: accent-, case- and punctuation-insensitive prefixes of any word of
the name; combined criteria; pages; empty, too short and too broad searches; whatever is
typed (quotes, ``*``, ``NEAR``, ``-``, ``OR``, ``%``...) is plain text, never a 500; with
htmx only the results come back, with the count for the status region."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from espace.directory import search
from espace.models import AuditEntry
from tests.directory_extract import SAMPLE_LINES, line, rpps, run_import, write_extract

NAMES = Path(__file__).parent / "data" / "rpps-difficult-names.txt"
PAUL = "paul.leroy@example.org"  # a professional may search too
URL = "/annuaire"


@pytest.fixture
def client(app, login_as, tmp_path):
    """Signed in as a professional, on the demo data plus the difficult names: the extract
    imported is the sample's lines and those of the names file."""
    names = NAMES.read_text(encoding="utf-8").splitlines()[1:]
    path = write_extract(tmp_path / "extrait.txt", [*SAMPLE_LINES, *names])
    assert run_import(app, path).exit_code == 0
    return login_as(PAUL)


def found(client, **criteria) -> list[str]:
    response = client.get(f"{URL}?{urlencode(criteria)}")
    assert response.status_code == 200, (criteria, response.status_code)
    body = response.get_data(as_text=True)
    names = re.findall(r'<h3><a href="/annuaire/\d+">([^<]*)<', body)
    return [html.unescape(name) for name in names]


def status(response) -> str:
    body = response.get_data(as_text=True)
    match = re.search(r'<p id="resultats-statut"[^>]*>(.*?)</p>', body, re.S)
    assert match, "no status region"
    return html.unescape(match.group(1)).strip()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("lefe", {"Dr Marie Lefèvre", "Pierre Lefebvre"}),
        ("LEFÈ", {"Dr Marie Lefèvre", "Pierre Lefebvre"}),
        ("Lefèvre", {"Dr Marie Lefèvre"}),
        ("LEFEBVRE", {"Pierre Lefebvre"}),
        ("lefevre marie", {"Dr Marie Lefèvre"}),
        ("Marie Lefèvre", {"Dr Marie Lefèvre"}),  # any order
        ("Dr Lefèvre", {"Dr Marie Lefèvre"}),  # the title is not part of the name
        ("N'Diaye", {"Maëlle N'Diaye"}),
        ("n’diaye", {"Maëlle N'Diaye"}),  # typographic apostrophe
        ("ndiaye", {"Maëlle N'Diaye"}),
        ("diaye", {"Maëlle N'Diaye"}),
        ("Le Gall", {"Yann Le Gall"}),
        ("le-gall", {"Yann Le Gall"}),
        ("legall", {"Yann Le Gall"}),
        ("GALL", {"Yann Le Gall"}),
        ("Müller", {"Dr Jean-Pierre Müller"}),
        ("muller", {"Dr Jean-Pierre Müller"}),
        ("MUEL", set()),  # ü is u, not ue
        ("jean-pierre", {"Dr Jean-Pierre Müller"}),
        ("jeanpierre", {"Dr Jean-Pierre Müller"}),
        ("d'almeida", {"Inès D’Almeida"}),
        ("almeida ines", {"Inès D’Almeida"}),
        ("oeuvrard", {"Chloé Œuvrard"}),
        ("Œuv", {"Chloé Œuvrard"}),
        ("da silva joao", {"João Da Silva"}),
        ("dasilva", {"João Da Silva"}),
        ("élodie élie", {"Élodie Élie"}),
    ],
)
def test_names_are_found_whatever_the_accents_case_hyphens_and_apostrophes(client, typed, expected):
    assert set(found(client, name=typed)) == expected


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"name": "lefe", "town": "nantes"}, {"Pierre Lefebvre"}),
        ({"name": "lefe", "profession": "10"}, {"Dr Marie Lefèvre"}),
        ({"name": "lefe", "department": "31"}, {"Dr Marie Lefèvre"}),
        ({"name": "lefe", "postcode": "44"}, {"Pierre Lefebvre"}),
        ({"name": "lefe", "postcode": "44 000"}, {"Pierre Lefebvre"}),
        ({"name": "lefe", "specialty": "SM54"}, {"Dr Marie Lefèvre"}),
        ({"name": "lefe", "town": "lyon"}, set()),
        ({"specialty": "SM04", "department": "67"}, {"Dr Jean-Pierre Müller"}),
        ({"profession": "70", "town": "brest"}, {"Yann Le Gall"}),
        ({"town": "saint naz", "profession": "92"}, {"Orla Neary"}),
        ({"town": "Y"}, {"Élodie Élie"}),  # a one-letter town, matched whole
        ({"department": "2A", "specialty": "SM40"}, {"Dr Luca Orsini"}),
        # Two sites: Toulouse (31400) and Saint-Nazaire (44600). Both criteria must hold
        # for the same site.
        ({"name": "maillard", "town": "toulouse"}, {"Dr Frédéric Maillard"}),
        ({"name": "maillard", "town": "saint nazaire"}, {"Dr Frédéric Maillard"}),
        ({"name": "maillard", "town": "toulouse", "postcode": "44600"}, set()),
        ({"name": "durand", "town": "toulouse"}, {"Dr Sophie Durand"}),  # a persona
    ],
)
def test_criteria_combine(client, criteria, expected):
    assert set(found(client, **criteria)) == expected


@pytest.mark.parametrize(
    "typed",
    ['"', '""lefe', "*", "lefe*", "NEAR", "NEAR(lefe gall)", "-", "-lefe", "'", "' OR 1=1 --",
     "OR", "AND", "NOT lefe", "%", "_", "%lefe%", "lefe_", "search_names:lefe",
     "{search_names} : lefe", "^lefe", "(", ")", "\\", "; DROP TABLE professional;",
     "lefe OR gall", "lefe + gall", "\x00", "🙂", "a" * 100, "é" * 100],
)  # fmt: skip
def test_query_syntax_is_plain_text_and_never_an_error(client, typed):
    for field in ("name", "town"):
        response = client.get(f"{URL}?{urlencode({field: typed})}")
        assert response.status_code == 200, (field, typed)
        assert status(response)  # a result, or a message saying what to type


def test_operators_are_searched_as_the_start_of_names(client):
    assert found(client, name="NEAR") == ["Orla Neary"]
    assert found(client, name="OR") == ["Orla Neary", "Dr Luca Orsini"]  # her given name
    assert found(client, name="lefe OR gall") == []  # every word must start a name word
    assert set(found(client, name="lefe*")) == {"Dr Marie Lefèvre", "Pierre Lefebvre"}
    assert set(found(client, name="-lefe")) == {"Dr Marie Lefèvre", "Pierre Lefebvre"}


def test_empty_short_and_broad_searches_get_a_helpful_message(client, monkeypatch):
    first = client.get(URL)  # nothing asked yet: no message, no results
    assert status(first) == "" and "directory-results" not in first.get_data(as_text=True)
    assert "Saisissez un nom, ou choisissez" in status(client.get(f"{URL}?name=&town="))
    assert "Saisissez un nom, ou choisissez" in status(client.get(f"{URL}?name=*%22"))
    assert status(client.get(f"{URL}?name=m")) == "Saisissez au moins 2 lettres du nom."
    assert status(client.get(f"{URL}?name=zzzz")) == "Aucun professionnel trouvé."
    assert "Vérifiez l'orthographe" in client.get(f"{URL}?name=zzzz").get_data(as_text=True)
    monkeypatch.setattr(search, "MAX_RESULTS", 5)
    response = client.get(f"{URL}?department=31")
    assert status(response).startswith("Plus de 5 professionnels correspondent")
    assert "ajoutez un critère" in status(response)
    assert "directory-results" not in response.get_data(as_text=True)
    assert status(client.get(f"{URL}?department=29")) == "1 professionnel trouvé."


@pytest.fixture
def testeurs(app, tmp_path):
    """45 professionals named Testeur, to turn pages."""
    lines = [line(rpps(n), "TESTEUR", f"PRENOM{n:02d}", town="ALBI", postcode="81000",
                  department="81", department_label="Tarn") for n in range(45)]  # fmt: skip
    assert run_import(app, write_extract(tmp_path / "testeurs.txt", lines)).exit_code == 0


@pytest.mark.parametrize(
    ("page", "number", "first", "count"),
    [("1", 1, "Prenom00", 20), ("2", 2, "Prenom20", 20), ("3", 3, "Prenom40", 5),
     ("4", 3, "Prenom40", 5), ("999999", 3, "Prenom40", 5), ("0", 1, "Prenom00", 20),
     ("-1", 1, "Prenom00", 20), ("abc", 1, "Prenom00", 20), ("1e3", 1, "Prenom00", 20),
     ("9" * 30, 1, "Prenom00", 20), ("", 1, "Prenom00", 20)],
)  # fmt: skip
def test_pages_are_sorted_by_name_and_bounded(client, testeurs, page, number, first, count):
    response = client.get(f"{URL}?name=testeur&page={page}")
    assert response.status_code == 200
    names = found(client, name="testeur", page=page)
    assert len(names) == count and names[0] == f"{first} Testeur"
    assert names == sorted(names)
    assert status(response) == f"45 professionnels trouvés, page {number} sur 3."
    title = re.search(r"<title>(.*?)</title>", response.get_data(as_text=True)).group(1)
    suffix = f" (page {number})" if number > 1 else " –"
    assert title.startswith(f"Annuaire des professionnels de santé{suffix}")
    body = response.get_data(as_text=True)
    assert ('rel="next"' in body) == (number < 3) and ('rel="prev"' in body) == (number > 1)
    assert "name=testeur" in body.split('class="pagination"')[1]  # the criteria are kept


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("postcode=abc", "postcode", "Saisissez le code postal en chiffres"),
        ("postcode=1", "postcode", "Saisissez le code postal en chiffres"),
        ("postcode=310000", "postcode", "Saisissez le code postal en chiffres"),
        ("profession=%27%20OR%201%3D1", "profession", "Choisissez dans la liste"),
        ("department=99", "department", "Choisissez dans la liste"),
        ("specialty=SM99", "specialty", "Choisissez dans la liste"),
        (f"name={'x' * 101}", "name", "Le nom doit faire au plus 100 caractères"),
    ],
)
def test_a_wrong_value_gets_the_error_summary_and_a_422(client, query, field, message):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "<title>Erreur : " in body and f'href="#{field}"' in body and message in body
    assert status(response).startswith("La recherche n'a pas été faite : ")


def test_with_htmx_only_the_results_come_back_with_the_count_for_the_status(client):
    full = client.get(f"{URL}?name=lefe")
    assert "HX-Request" in full.headers["Vary"]
    body = full.get_data(as_text=True)
    assert status(full) == "2 professionnels trouvés."
    form = re.search(r'<form method="get" action="/annuaire#resultats"[^>]*>', body).group(0)
    assert 'hx-get="/annuaire"' in form and 'hx-target="#resultats-liste"' in form
    assert 'hx-push-url="true"' in form
    delay = int(re.search(r'hx-trigger="input changed delay:(\d+)ms, submit"', form).group(1))
    assert delay >= 300
    assert 'role="status"' in re.search(r'<p id="resultats-statut"[^>]*>', body).group(0)

    part = client.get(f"{URL}?name=lefe", headers={"HX-Request": "true"})
    assert part.status_code == 200 and "HX-Request" in part.headers["Vary"]
    fragment = part.get_data(as_text=True)
    assert "<html" not in fragment and "<form" not in fragment
    assert '<p id="resultats-statut" hx-swap-oob="innerHTML">' in fragment
    assert "2 professionnels trouvés." in fragment
    assert fragment.count("<h3>") == 2

    wrong = client.get(f"{URL}?postcode=abc", headers={"HX-Request": "true"})
    assert wrong.status_code == 422  # swapped too (htmx-config): the person sees why
    text = wrong.get_data(as_text=True)
    assert "La recherche n'a pas été faite" in text and 'href="#postcode"' in text


def test_searching_reads_no_health_data_and_records_nothing(client, db):
    before = db.scalar(select(func.count()).select_from(AuditEntry))
    found(client, name="lefe")
    db.reload()
    assert db.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_retired_professionals_are_not_found(app, client, tmp_path):
    assert found(client, name="testeur") == []
    lines = [line(rpps(1), "TESTEUR", "UN"), line(rpps(2), "TESTEUR", "DEUX")]
    run_import(app, write_extract(tmp_path / "1.txt", lines))
    assert found(client, name="testeur") == ["Deux Testeur", "Un Testeur"]
    run_import(app, write_extract(tmp_path / "2.txt", lines[:1]))
    assert found(client, name="testeur") == ["Un Testeur"]


def test_long_prefixes_searched_as_whole_words_find_exactly_what_the_prefix_finds(
    client, monkeypatch
):
    """A prefix of more than 3 letters is searched as the words of the index it starts
    (faster at national size): for every name and town of the extract, and each of their
    starts, the professionals found are those the prefix itself finds."""
    from espace.directory import search_sql
    from espace.directory.text import fold

    fields = [entry.split("|") for entry in SAMPLE_LINES + NAMES.read_text(
        encoding="utf-8").splitlines()[1:]]  # fmt: skip
    starts: set[tuple[str, str]] = set()
    for values in fields:
        for key, value in (("name", values[7]), ("town", values[37])):
            for word in fold(value).split():
                starts |= {(key, word[:n]) for n in (4, 6, len(word)) if len(word) >= n >= 4}
    assert len(starts) > 40
    searched = {start: found(client, **{start[0]: start[1]}) for start in sorted(starts)}
    monkeypatch.setattr(search_sql, "MAX_WORDS_FOR_PREFIX", 0)  # every prefix as FTS5's
    for (key, typed), names in searched.items():
        assert found(client, **{key: typed}) == names, (key, typed)
