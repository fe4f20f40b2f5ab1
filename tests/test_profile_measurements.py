"""Profil médical, measurements: plausible ranges with their units, the decimal comma, and
the trend drawn on the server as an SVG with the same points as its table."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import html5lib
import pytest
from sqlalchemy import select

from espace import clock
from espace.models import Measurement, MeasurementKind
from espace.profile.chart import month_ticks, nice_ticks
from espace.profile.measures import number_fr
from tests.completeness import JEANNE
from tests.completeness.profile import first_id, parts, space_of
from tests.support import error_for, text

NS = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def jeanne(login_as):  # type: ignore[no-untyped-def]
    return login_as(JEANNE)


def add(client, kind: str, value: str, second: str | None = None, day: date = date(2024, 6, 1)):  # type: ignore[no-untyped-def]
    client.get(f"/profil/mesures/{kind}/ajouter")
    data = {"value": value, **parts("measured_on", day)}
    if second is not None:
        data["second_value"] = second
    return client.post_form(f"/profil/mesures/{kind}/ajouter", data)


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("72,5", 72.5, "72,5 kg"),
        ("72.5", 72.5, "72,5 kg"),
        (" 80 ", 80.0, "80 kg"),
        ("72,5 kg", 72.5, "72,5 kg"),
        ("0,3", 0.3, "0,3 kg"),
        ("400", 400.0, "400 kg"),
    ],
)
def test_a_weight_is_read_with_a_decimal_comma_and_shown_the_french_way(
    jeanne, db, typed, stored, shown
):
    response = add(jeanne, "poids", typed, day=date(2020, 1, 2))
    assert response.status_code == 302
    assert response.headers["Location"] == "/profil/mesures/poids"
    db.reload()
    row = db.scalars(select(Measurement).where(Measurement.measured_on == date(2020, 1, 2))).one()
    assert (row.kind, row.value, row.space_id) == (MeasurementKind.WEIGHT, stored, space_of(db).id)
    page = text(jeanne.get("/profil/mesures/poids"))
    assert "La mesure est ajoutée" in page and f"2 janvier 2020 {shown}" in page


RANGES = [
    ("poids", "0,2", "Le poids doit être compris entre 0,3 et 400 kg"),
    ("poids", "400,5", "Le poids doit être compris entre 0,3 et 400 kg"),
    ("taille", "19", "La taille doit être comprise entre 20 et 250 cm"),
    ("taille", "251", "entre 20 et 250 cm"),
    ("glycemie", "0,1", "La glycémie doit être comprise entre 0,2 et 6 g/L"),
    ("glycemie", "11", "entre 0,2 et 6 g/L"),
    ("frequence-cardiaque", "19", "entre 20 et 250 battements par minute"),
    ("frequence-cardiaque", "251", "entre 20 et 250 battements par minute"),
    ("temperature", "29,9", "La température doit être comprise entre 30 et 45 °C"),
    ("temperature", "45,1", "entre 30 et 45 °C"),
    ("poids", "100000", "entre 0,3 et 400 kg : vérifiez le chiffre saisi (100000 kg)"),
]


@pytest.mark.parametrize(("kind", "value", "message"), RANGES)
def test_an_implausible_value_gets_the_range_with_its_unit(jeanne, kind, value, message):
    response = add(jeanne, kind, value)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in error_for(html, "value")
    assert f'value="{value}"' in html  # the answer is kept


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Saisissez le poids, par exemple 72,5"),
        (
            "abc",
            "Le poids s'écrit en chiffres, avec une virgule si besoin, par exemple 72,5 (en kg)",
        ),
        ("72,5,3", "s'écrit en chiffres"),
        ("-70", "s'écrit en chiffres"),
        ("1e3", "s'écrit en chiffres"),
        ("NaN", "s'écrit en chiffres"),
        ("inf", "s'écrit en chiffres"),
        ("７２", "s'écrit en chiffres"),
        ("72,555", "au plus 2 chiffres après la virgule"),
        ("9" * 5000, "s'écrit en chiffres"),
    ],
)
def test_a_malformed_number_is_refused_cleanly(jeanne, value, message):
    response = add(jeanne, "poids", value)
    assert response.status_code == 422
    assert message in error_for(response.get_data(as_text=True), "value")


@pytest.mark.parametrize(
    ("systolic", "diastolic", "field", "message"),
    [
        (
            "49",
            "40",
            "value",
            "La pression systolique (le chiffre du haut) doit être comprise entre 50 et 260 mmHg",
        ),
        (
            "120",
            "161",
            "second_value",
            "La pression diastolique (le chiffre du bas) doit être comprise entre 30 et 160 mmHg",
        ),
        ("80", "120", "second_value", "doit être plus petite que la systolique"),
        ("120", "120", "second_value", "doit être plus petite que la systolique"),
        (
            "120",
            "",
            "second_value",
            "Saisissez la pression diastolique (le chiffre du bas), par exemple 82",
        ),
    ],
)
def test_blood_pressure_needs_two_plausible_values_in_order(
    jeanne, systolic, diastolic, field, message
):
    response = add(jeanne, "tension", systolic, diastolic)
    assert response.status_code == 422
    assert message in error_for(response.get_data(as_text=True), field)


def test_blood_pressure_is_stored_and_shown_as_two_values(jeanne, db):
    assert add(jeanne, "tension", "128", "79", date(2020, 1, 3)).status_code == 302
    db.reload()
    row = db.scalars(select(Measurement).where(Measurement.measured_on == date(2020, 1, 3))).one()
    assert (row.value, row.second_value) == (128, 79)
    assert "3 janvier 2020 128/79 mmHg" in text(jeanne.get("/profil/mesures/tension"))


def test_the_form_of_one_kind_has_its_labels_and_units(jeanne):
    html = text(jeanne.get("/profil/mesures/tension/ajouter"))
    assert "Pression systolique, le chiffre du haut (en mmHg)" in html
    assert "Pression diastolique, le chiffre du bas (en mmHg)" in html
    weight = jeanne.get("/profil/mesures/poids/ajouter").get_data(as_text=True)
    assert "Poids (en kg)" in weight and "Entre 0,3 et 400, par exemple 72,5." in weight
    assert 'inputmode="decimal"' in weight and "second_value" not in weight


def test_a_measurement_date_cannot_be_in_the_future(login_as):
    with clock.frozen_at(datetime(2026, 3, 15, 12, tzinfo=UTC)):
        jeanne = login_as(JEANNE)
        response = add(jeanne, "poids", "70", day=date(2026, 3, 16))
        assert response.status_code == 422
        assert "ne peut pas être dans le futur" in text(response)
        assert add(jeanne, "poids", "70", day=date(2026, 3, 15)).status_code == 302
        assert add(jeanne, "poids", "70", day=date(1899, 1, 1)).status_code == 422


def test_a_measurement_is_changed_with_a_comma_in_its_form_and_deleted(jeanne, db):
    item_id = first_id(db, Measurement, kind=MeasurementKind.GLYCAEMIA)
    stored = db.get(Measurement, item_id).value
    html = jeanne.get(f"/profil/mesures/{item_id}/modifier").get_data(as_text=True)
    assert f'value="{number_fr(stored)}"' in html
    data = {"value": "1,07", "note": "À jeun", **parts("measured_on", date(2024, 2, 1))}
    assert jeanne.post_form(f"/profil/mesures/{item_id}/modifier", data).status_code == 302
    db.reload()
    row = db.get(Measurement, item_id)
    assert (row.value, row.measured_on, row.kind) == (
        1.07,
        date(2024, 2, 1),
        MeasurementKind.GLYCAEMIA,
    )
    confirm = text(jeanne.get(f"/profil/mesures/{item_id}/supprimer"))
    assert (
        "Supprimer la mesure de glycémie du 1er février 2024 ?" in confirm and "1,07 g/L" in confirm
    )
    assert jeanne.post_form(f"/profil/mesures/{item_id}/supprimer").status_code == 302
    db.reload()
    assert db.get(Measurement, item_id) is None


def test_the_measurements_page_shows_the_latest_of_each_kind(jeanne, db):
    shown = text(jeanne.get("/profil/mesures"))
    latest = db.scalars(
        select(Measurement)
        .where(Measurement.kind == MeasurementKind.WEIGHT, Measurement.space_id == space_of(db).id)
        .order_by(Measurement.measured_on.desc())
    ).first()
    assert f"Dernière mesure : {number_fr(latest.value)} kg" in shown
    assert "48 mesures en tout" in shown
    assert "Voir l'évolution du poids" in shown and "Ajouter une mesure de température" in shown


def _svg_and_table(html: str):  # type: ignore[no-untyped-def]
    root = html5lib.parse(html, treebuilder="etree")
    svgs = list(root.iter(f"{SVG}svg"))
    tables = list(root.iter(f"{NS}table"))
    assert len(svgs) == 1 and len(tables) == 1
    return svgs[0], tables[0]


def _chart_values(svg) -> list[float]:  # type: ignore[no-untyped-def]
    """Read the values back from the drawing: the y of each point through the y axis ticks."""
    ticks = [
        (float(t.get("y")) - 5, float("".join(t.itertext()).replace(",", ".")))
        for t in svg.iter(f"{SVG}text")
        if t.get("text-anchor") == "end" and re.fullmatch(r"[\d,]+", "".join(t.itertext()))
    ]
    (y0, v0), (y1, v1) = ticks[0], ticks[-1]
    line = next(svg.iter(f"{SVG}polyline"))
    points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
    xs = [x for x, _ in points]
    assert xs == sorted(xs)  # oldest on the left
    return [v0 + (y - y0) * (v1 - v0) / (y1 - y0) for _, y in points]


def test_the_chart_is_an_image_with_a_summary_and_the_same_points_as_the_table(jeanne, db):
    response = jeanne.get("/profil/mesures/poids")
    svg, table = _svg_and_table(response.get_data(as_text=True))
    rows = db.scalars(
        select(Measurement)
        .where(Measurement.kind == MeasurementKind.WEIGHT, Measurement.space_id == space_of(db).id)
        .order_by(Measurement.measured_on)
    ).all()
    assert svg.get("role") == "img"
    label = svg.get("aria-label")
    first, last = number_fr(rows[0].value), number_fr(rows[-1].value)
    assert label.startswith("Poids du ") and f": de {first} kg à {last} kg, 48 mesures" in label
    assert "".join(next(svg.iter(f"{SVG}title")).itertext()) == label
    assert svg.get("style") is None and svg.get("viewBox")
    # The table: a caption, headers with their scope, one row per point.
    assert next(table.iter(f"{NS}caption")) is not None
    assert {th.get("scope") for th in table.iter(f"{NS}th")} == {"col", "row"}
    body = next(table.iter(f"{NS}tbody"))
    cells = [["".join(c.itertext()) for c in tr] for tr in body.iter(f"{NS}tr")]
    table_values = [float(c[1].removesuffix(" kg").replace(",", ".")) for c in reversed(cells)]
    assert table_values == [r.value for r in rows]
    drawn = _chart_values(svg)
    assert len(drawn) == len(table_values)
    assert all(abs(a - b) < 0.02 for a, b in zip(drawn, table_values, strict=True))
    assert len(response.get_data()) < 40_000  # light, even with two years of data


def test_blood_pressure_is_drawn_as_two_lines_told_apart_by_dashes(jeanne):
    svg, _ = _svg_and_table(jeanne.get("/profil/mesures/tension").get_data(as_text=True))
    lines = list(svg.iter(f"{SVG}polyline"))
    assert (
        len(lines) == 2
        and lines[1].get("stroke-dasharray")
        and not lines[0].get("stroke-dasharray")
    )
    legend = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    assert "systolique" in legend and "diastolique" in legend


def test_the_period_links_narrow_the_chart_and_the_table_alike(jeanne, db):
    edit = 'aria-label="Modifier la mesure du '
    all_rows = jeanne.get("/profil/mesures/glycemie").get_data(as_text=True).count(edit)
    six = jeanne.get("/profil/mesures/glycemie?periode=6-mois")
    svg, _ = _svg_and_table(six.get_data(as_text=True))
    shown = six.get_data(as_text=True).count(edit)
    assert 20 < shown < all_rows and len(_chart_values(svg)) == shown
    assert "6 derniers mois (affichée)" in text(six)
    assert jeanne.get("/profil/mesures/glycemie?periode=%00<x>").status_code == 200


def test_a_single_measurement_and_no_measurement(login_as):
    lucas = login_as("lucas.petit@example.org")
    single = lucas.get("/profil/mesures/taille")
    svg, _ = _svg_and_table(single.get_data(as_text=True))
    assert "une seule mesure, 171 cm le" in svg.get("aria-label")
    assert len(list(svg.iter(f"{SVG}circle"))) == 1
    empty = lucas.get("/profil/mesures/glycemie")
    assert empty.status_code == 200 and "<svg" not in empty.get_data(as_text=True).split("<main")[1]
    assert "aucune mesure sur cette période" in text(empty)


def test_the_chart_axes_use_round_numbers_and_month_starts():
    assert nice_ticks(70.8, 74.6) == [70, 71, 72, 73, 74, 75]
    assert nice_ticks(1.05, 1.62) == [1.0, 1.2, 1.4, 1.6, 1.8]
    assert nice_ticks(162, 162)[0] <= 162 <= nice_ticks(162, 162)[-1]
    assert month_ticks(date(2024, 11, 20), date(2026, 11, 20)) == [
        date(2025, 1, 1),
        date(2025, 7, 1),
        date(2026, 1, 1),
        date(2026, 7, 1),
    ]
    assert month_ticks(date(2026, 3, 2), date(2026, 3, 20)) == []
