"""The page /historique-des-soins: 24 months, newest first, filtered by period and type,
with totals and pages; bad filters get a 422; each view is one history entry."""

from __future__ import annotations

import csv
import html as html_lib
import io
import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import delete, event, func, select

from espace.clock import PARIS, frozen_at
from espace.db import database
from espace.models import AuditEntry, HealthSpace, Reimbursement
from espace.reimbursements.feed import COLUMNS
from espace.reimbursements.importer import import_feed
from tests.support import error_for, text

JEANNE = "jeanne.martin@example.org"
KARIM = "karim.benali@example.org"
JEANNE_NIR = "254033155512362"
KARIM_NIR = "188014410904575"
DURAND = "10100000011"
NOW = datetime(2026, 3, 15, 10, 0, tzinfo=PARIS)
TODAY = NOW.date()
URL = "/historique-des-soins"


def feed(db, lines, nir=JEANNE_NIR) -> None:
    """Replace the space's reimbursements by ``lines`` (date, code, label, rpps, amount,
    reimbursed), imported through the same service as the command."""
    space = db.scalar(select(HealthSpace).where(HealthSpace.nir == nir))
    db.execute(delete(Reimbursement).where(Reimbursement.space_id == space.id))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for when, code, label, rpps, amount, paid in lines:
        writer.writerow([when.isoformat(), code, label, rpps, amount, paid, nir])
    out.seek(0)
    problems = []
    import_feed(db, out, NOW, report_problem=problems.append)
    db.commit()
    assert problems == []


def labels(response) -> list[str]:
    html = response.get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<th scope=\"row\">.*?</th>\s*<td>(.*?)</td>", html, re.S)
    return [html_lib.unescape(re.sub(r"\s+", " ", r).strip()) for r in rows]


def viewed_entries(db) -> list[AuditEntry]:
    db.reload()
    return list(db.scalars(select(AuditEntry).where(AuditEntry.event == "reimbursements.viewed")))


@pytest.fixture
def frozen():
    with frozen_at(NOW) as clock:
        yield clock


@pytest.fixture
def jeanne(frozen, login_as):
    return login_as(JEANNE)


def test_the_page_shows_24_months_newest_first_and_nothing_older(db, frozen, login_as):
    feed(
        db,
        [
            (date(2025, 1, 10), "PH7", "Pharmacie de janvier 2025", "", "10,00", "6,50"),
            (TODAY - timedelta(days=1), "G", "Consultation d'hier", DURAND, "30,00", "28,00"),
            (date(2024, 3, 15), "G", "Il y a 24 mois tout juste", "", "30,00", "19,00"),
            (date(2024, 3, 14), "G", "Un jour de trop", "", "30,00", "19,00"),
            (date(2023, 6, 1), "G", "Bien trop ancien", "", "30,00", "19,00"),
        ],
    )
    client = login_as(JEANNE)
    response = client.get(URL)
    assert response.status_code == 200
    assert labels(response) == [
        "Consultation d'hier",
        "Pharmacie de janvier 2025",
        "Il y a 24 mois tout juste",
    ]
    page = text(response)
    assert "Soins du 15 mars 2024 au 15 mars 2026" in page
    assert "14 mars 2026 Consultation d'hier Consultation Dr Sophie Durand 30,00 € 28,00 €" in page
    assert "Pharmacie de janvier 2025 Pharmacie Non précisé 10,00 € 6,50 €" in page
    assert "Nombre de soins 3" in page
    assert "Montant total 70,00 €" in page
    assert "Remboursé par l'Assurance maladie 53,50 €" in page
    assert "Reste (payé par vous ou votre mutuelle) 16,50 €" in page
    assert "Un jour de trop" not in page and "Bien trop ancien" not in page


def test_the_page_says_where_the_data_comes_from_and_that_it_takes_days(jeanne):
    page = text(jeanne.get(URL))
    assert "De l'Assurance maladie, après chaque remboursement" in page
    assert "quelques jours" in page
    assert "Les soins de plus de 24 mois ne sont plus affichés" in page


RECENT_DRUG, RECENT_GP, NOVEMBER_LAB = "Médicament récent", "Consultation récente", "Analyse"
JUNE_DRUG, NURSE, XMAS_DRUG, GLASSES = "Médicament de juin", "Infirmière", "Noël", "Lunettes"
SPREAD = [
    (TODAY - timedelta(days=10), "PH7", RECENT_DRUG, "", "7,62", "7,12"),
    (TODAY - timedelta(days=40), "G", RECENT_GP, DURAND, "30,00", "28,00"),
    (date(2025, 11, 2), "1577", NOVEMBER_LAB, "", "9,45", "9,45"),
    (date(2025, 6, 20), "PH7", JUNE_DRUG, "", "17,28", "16,78"),
    (date(2025, 2, 1), "AMI", NURSE, "", "4,73", "4,73"),
    (date(2024, 12, 24), "PH7", XMAS_DRUG, "", "3,00", "1,95"),
    (date(2024, 5, 5), "2203240", GLASSES, "", "120,00", "40,00"),
]
FILTERS = [  # query, labels shown, start of the heading, total amount
    ("period=3", [RECENT_DRUG, RECENT_GP], "Soins du 15 décembre 2025", "37,62"),
    ("period=6", [RECENT_DRUG, RECENT_GP, NOVEMBER_LAB], "Soins du 15 septembre 2025", "47,07"),
    (
        "period=2025",
        [NOVEMBER_LAB, JUNE_DRUG, NURSE],
        "Soins du 1er janvier 2025 au 31 décembre 2025",
        "31,46",
    ),
    ("period=2024", [XMAS_DRUG, GLASSES], "Soins du 15 mars 2024 au 31 décembre 2024", "123,00"),
    (
        "care_type=pharmacie",
        [RECENT_DRUG, JUNE_DRUG, XMAS_DRUG],
        "Pharmacie : soins du 15 mars 2024 au 15 mars 2026",
        "27,90",
    ),
    (
        "period=12&care_type=pharmacie",
        [RECENT_DRUG, JUNE_DRUG],
        "Pharmacie : soins du 15 mars 2025",
        "24,90",
    ),
    ("care_type=optique", [GLASSES], "Optique : soins", "120,00"),
]


@pytest.mark.parametrize(("query", "shown", "heading", "amount"), FILTERS)
def test_filters_by_period_and_type_with_the_totals_of_the_filter(
    db, jeanne, query, shown, heading, amount
):
    feed(db, SPREAD)
    response = jeanne.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert labels(response) == shown
    page = text(response)
    assert heading in page
    assert f"Nombre de soins {len(shown)}" in page
    assert f"Montant total {amount} €" in page
    # The chosen values stay selected, and the way back to everything is offered.
    assert "Revoir tout l'historique" in page


def test_the_filter_form_is_a_get_form_that_keeps_the_choice(db, jeanne):
    feed(db, SPREAD)
    html = jeanne.get(f"{URL}?period=12&care_type=pharmacie").get_data(as_text=True)
    form = re.search(r"<form method=\"get\"[^>]*>", html).group(0)
    assert 'action="/historique-des-soins#resultats"' in form
    assert re.search(r'<option selected value="12">|<option value="12" selected>', html)
    assert re.search(
        r'<option selected value="pharmacie">|<option value="pharmacie" selected>', html
    )
    assert '<label for="period">Période</label>' in html
    assert '<label for="care_type">Type de soins</label>' in html


def test_amounts_over_a_thousand_euros_are_grouped(db, jeanne):
    feed(db, [(TODAY - timedelta(days=3), "ZBQK002", "Scanner", "", "1234,56", "1000")])
    page = text(jeanne.get(URL))
    assert "1 234,56 € 1 000,00 €" in page
    assert "Reste (payé par vous ou votre mutuelle) 234,56 €" in page


def test_long_histories_are_split_in_pages_of_50_with_the_filters_kept(db, jeanne):
    lines = [
        (TODAY - timedelta(days=n + 1), "PH7", f"Boîte {n:03d}", "", "1,00", "0,50")
        for n in range(120)
    ]
    lines.append((TODAY - timedelta(days=2), "G", "Consultation au milieu", "", "30,00", "20,00"))
    feed(db, lines)
    first = jeanne.get(f"{URL}?care_type=pharmacie")
    assert labels(first) == [f"Boîte {n:03d}" for n in range(50)]
    html = first.get_data(as_text=True)
    assert "Page 1 sur 3" in text(first)
    assert "Page précédente" not in html
    next_link = re.search(r'<a href="([^"]+)" rel="next">Page suivante', html).group(1)
    assert "care_type=pharmacie" in next_link and "page=2" in next_link
    second = jeanne.get(next_link.replace("&amp;", "&"))
    assert labels(second) == [f"Boîte {n:03d}" for n in range(50, 100)]
    assert second.get_data(as_text=True).count('rel="prev"') == 1
    assert "Historique des soins (page 2) – Espace santé" in text(second)
    last = jeanne.get(f"{URL}?care_type=pharmacie&page=3")
    assert labels(last) == [f"Boîte {n:03d}" for n in range(100, 120)]
    assert "Page suivante" not in last.get_data(as_text=True)
    for response in (first, second, last):  # the totals are the period's, on every page
        assert "Nombre de soins 120" in text(response)
        assert "Montant total 120,00 €" in text(response)
    assert labels(jeanne.get(f"{URL}?care_type=pharmacie&page=99")) == labels(last)
    assert labels(jeanne.get(f"{URL}?care_type=pharmacie&page=abc")) == labels(first)


def test_without_any_care_the_page_says_what_to_do(db, jeanne):
    feed(db, [])
    page = text(jeanne.get(URL))
    assert "Aucun soin remboursé ces 24 derniers mois." in page
    assert "revenez plus tard" in page and "3646" in page
    assert "<table" not in jeanne.get(URL).get_data(as_text=True)


def test_when_a_filter_finds_nothing_the_page_says_to_widen_it(db, jeanne):
    feed(db, SPREAD)
    response = jeanne.get(f"{URL}?period=3&care_type=dentaire")
    assert response.status_code == 200
    page = text(response)
    assert "Aucun soin remboursé ne correspond à votre choix." in page
    assert "Choisissez une période plus longue, ou « Tous les types »" in page


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("period=36", "period", "Choisissez une période dans la liste"),
        ("period=2019", "period", "par exemple « Les 12 derniers mois »"),
        ("period=", "period", "Choisissez une période dans la liste"),
        ("period=%3Cscript%3E", "period", "Choisissez une période dans la liste"),
        ("care_type=PHARMACIE", "care_type", "Choisissez un type de soins dans la liste"),
        ("care_type=x&period=3", "care_type", "ou « Tous les types »"),
        ("care_type=" + "a" * 5000, "care_type", "Choisissez un type de soins"),
    ],
)
def test_bad_filter_values_get_a_422_with_the_message_on_the_field(
    db, jeanne, query, field, message
):
    before = len(viewed_entries(db))
    response = jeanne.get(f"{URL}?{query}")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in error_for(html, field)
    assert "<title>Erreur : Historique des soins – Espace santé</title>" in html
    assert "<table" not in html  # nothing shown, so nothing read:
    assert len(viewed_entries(db)) == before  # no history entry


def test_each_view_of_the_page_adds_exactly_one_history_entry(db, jeanne):
    feed(db, SPREAD)
    space = db.scalar(select(HealthSpace).where(HealthSpace.nir == JEANNE_NIR))
    before = len(viewed_entries(db))
    for query in ("", "?period=3", "?care_type=pharmacie&page=2"):
        db.reload()
        seq = db.scalar(select(func.max(AuditEntry.seq)))
        assert jeanne.get(URL + query).status_code == 200
        db.reload()
        new = list(db.scalars(select(AuditEntry).where(AuditEntry.seq > seq)))
        assert [entry.event for entry in new] == ["reimbursements.viewed"]
        entry = new[0]
        assert (entry.space_id, entry.actor_role) == (space.id, "holder")
        assert (entry.category, entry.reason, entry.target_id) == (None, None, None)
    assert len(viewed_entries(db)) == before + 3


def test_a_holder_sees_only_their_own_care(db, frozen, login_as):
    feed(db, SPREAD)
    feed(
        db,
        [(TODAY - timedelta(days=5), "AMK", "Kiné de Karim", "10100000045", "16,13", "9,68")],
        KARIM_NIR,
    )
    page = text(login_as(KARIM).get(URL))
    assert "Kiné de Karim" in page and "Marc Roux" in page
    assert "Médicament récent" not in page


def test_professional_names_come_from_one_query_whatever_the_number_of_lines(app, db, jeanne):
    statements: list[str] = []

    def count_statement(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = database(app).engine
    counts = []
    for size in (3, 45):
        feed(
            db,
            [
                (TODAY - timedelta(days=n + 1), "G", f"C{n}", DURAND, "30", "28")
                for n in range(size)
            ],
        )
        event.listen(engine, "before_cursor_execute", count_statement)
        response = jeanne.get(URL)
        event.remove(engine, "before_cursor_execute", count_statement)
        assert text(response).count("Dr Sophie Durand") == size
        counts.append(len(statements))
        statements.clear()
    assert counts[0] == counts[1]
