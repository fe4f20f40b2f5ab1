"""``flask --app app soins import FICHIER``: the insurer's feed, read line by line; bad
lines are reported with their number and skipped, re-running adds nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import delete, func, select

from espace import clock
from espace.models import AuditEntry, HealthSpace, Reimbursement, SpaceStatus
from espace.reimbursements.feed import HEADER
from tests.factories import make_holder, make_nir

JEANNE_NIR = "254033155512362"
KARIM_NIR = "188014410904575"
LEA_NIR = "218064410911273"  # open space, managed by Karim
DURAND = "10100000011"


def recent(days: int) -> str:
    return (clock.today_in_paris() - timedelta(days=days)).isoformat()


def write_feed(tmp_path, lines: list[str], header: str = HEADER, name: str = "soins.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def run_import(app, path):
    return app.test_cli_runner().invoke(args=["soins", "import", str(path)])


def count(db, *conditions) -> int:
    db.reload()
    return db.scalar(select(func.count(Reimbursement.id)).where(*conditions))


def imported_entries(db) -> list[AuditEntry]:
    db.reload()
    return list(
        db.scalars(
            select(AuditEntry)
            .where(AuditEntry.event == "reimbursements.imported")
            .order_by(AuditEntry.seq)
        )
    )


def test_a_good_file_is_imported_with_its_care_type_and_amounts_in_cents(app, db, tmp_path):
    path = write_feed(
        tmp_path,
        [
            f"{recent(10)};G;Consultation test A;{DURAND};30,00;28,00;{JEANNE_NIR}",
            f"{recent(9)};ph7;  Médicament   test B ;;7.62;7.1;{JEANNE_NIR}",
            f"{recent(8)};ZBQK002;Radio test C;;1234,56;0;{KARIM_NIR}",
        ],
    )
    before = imported_entries(db)
    result = run_import(app, path)
    assert result.exit_code == 0, result.output
    assert "Lignes lues : 3" in result.stdout
    assert "Importées : 3" in result.stdout
    assert "Déjà présentes : 0" in result.stdout
    assert "Ignorées : 0" in result.stdout
    db.reload()
    rows = {r.label: r for r in db.scalars(select(Reimbursement))}
    a, b, c = rows["Consultation test A"], rows["Médicament test B"], rows["Radio test C"]
    assert (a.care_type, a.amount_cents, a.reimbursed_cents) == ("consultation", 3000, 2800)
    assert (a.professional_rpps, a.act_code) == (DURAND, "G")
    assert (b.care_type, b.act_code, b.amount_cents, b.reimbursed_cents) == (
        "pharmacie",
        "PH7",
        762,
        710,
    )
    assert b.professional_rpps is None
    assert (c.care_type, c.amount_cents, c.reimbursed_cents) == ("imagerie", 123456, 0)
    jeanne = db.scalar(select(HealthSpace).where(HealthSpace.nir == JEANNE_NIR))
    assert a.space_id == b.space_id == jeanne.id != c.space_id
    new = imported_entries(db)[len(before) :]
    assert len(new) == 2  # one per space that received lines, not one per line
    assert {entry.space_id for entry in new} == {a.space_id, c.space_id}
    for entry in new:
        assert entry.actor_role == "system" and entry.actor_account_id is None
        assert (entry.target_type, entry.target_id, entry.category, entry.reason) == (
            None,
            None,
            None,
            None,
        )


def test_running_the_same_file_again_imports_nothing(app, db, tmp_path):
    path = write_feed(
        tmp_path,
        [
            f"{recent(5)};G;Consultation relancée;;30,00;28,00;{JEANNE_NIR}",
            f"{recent(5)};PH7;Boîte relancée;;7,62;7,12;{JEANNE_NIR}",
        ],
    )
    assert run_import(app, path).exit_code == 0
    total, entries = count(db), len(imported_entries(db))
    result = run_import(app, path)
    assert result.exit_code == 0, result.output
    assert "Importées : 0" in result.stdout and "Déjà présentes : 2" in result.stdout
    assert count(db) == total
    assert len(imported_entries(db)) == entries  # nothing new: no history entry


def test_the_same_care_written_another_way_is_already_present(app, db, tmp_path):
    day = clock.today_in_paris() - timedelta(days=20)
    first = write_feed(
        tmp_path, [f"{day.isoformat()};g;Consultation;;30,00;28,00;{JEANNE_NIR}"], name="a.csv"
    )
    second = write_feed(
        tmp_path,
        [f"{day:%d/%m/%Y};G; Consultation ;;30.0;28;2 54 03 31 555 123 62"],
        name="b.csv",
    )
    assert run_import(app, first).exit_code == 0
    result = run_import(app, second)
    assert "Importées : 0" in result.stdout and "Déjà présentes : 1" in result.stdout


def test_a_line_twice_in_one_file_is_imported_once(app, db, tmp_path):
    line = f"{recent(3)};PH7;Doublon;;7,62;7,12;{JEANNE_NIR}"
    result = run_import(app, write_feed(tmp_path, [line, line]))
    assert "Importées : 1" in result.stdout and "Déjà présentes : 1" in result.stdout
    assert count(db, Reimbursement.label == "Doublon") == 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "date_soins;code_acte;libelle;rpps;montant;nir",
            "colonnes manquantes : montant_rembourse",
        ),
        ("date;code_acte;libelle;rpps;montant;montant_rembourse;nir", "colonnes inconnues"),
        ("date_soins,code_acte,libelle,rpps,montant,montant_rembourse,nir", "colonnes manquantes"),
        (f"{HEADER};commentaire", "colonnes inconnues : « commentaire »"),
        ("date_soins;code_acte;libelle;rpps;montant;montant;montant_rembourse;nir", "en double"),
        ("", "Le fichier est vide"),
    ],
)
def test_a_wrong_header_stops_at_once_and_imports_nothing(app, db, tmp_path, header, expected):
    path = write_feed(tmp_path, [f"{recent(4)};G;Pas importée;;30,00;28,00;{JEANNE_NIR}"], header)
    total, entries = count(db), len(imported_entries(db))
    result = run_import(app, path)
    assert result.exit_code == 1
    assert expected in result.stderr
    assert HEADER in result.stderr  # says what the first line must be
    assert "Rien n'a été importé." in result.stderr
    assert "Lignes lues" not in result.stdout
    assert count(db) == total and len(imported_entries(db)) == entries


def test_an_empty_file_is_refused(app, db, tmp_path):
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")
    result = run_import(app, path)
    assert result.exit_code == 1 and "Le fichier est vide" in result.stderr


def test_a_missing_file_is_refused_in_french(app, tmp_path):
    result = run_import(app, tmp_path / "absent.csv")
    assert result.exit_code == 1
    assert "Erreur : fichier introuvable" in result.stderr


def make_space(db, status: SpaceStatus) -> str:
    space = make_holder(db, status=status, nir=make_nir(sex=2, year=61))
    db.commit()
    return space.nir


def test_bad_lines_are_reported_with_their_number_and_the_others_imported(app, db, tmp_path):
    opposed = make_space(db, SpaceStatus.OPPOSED)
    closed = make_space(db, SpaceStatus.CLOSED)
    notified = make_space(db, SpaceStatus.NOTIFIED)
    unknown = make_nir(sex=1, year=33, department="99")
    wrong_key = JEANNE_NIR[:13] + ("00" if JEANNE_NIR[13:] != "00" else "01")
    tomorrow = (clock.today_in_paris() + timedelta(days=1)).isoformat()
    day = recent(30)

    def line(date_=day, code="G", label="Bonne", rpps="", amount="30,00", paid="20,00", nir=""):
        return ";".join([date_, code, label, rpps, amount, paid, nir or JEANNE_NIR])

    cases = [  # (line, what the report says); the file's line number is the index + 2
        (line(label="Bonne 1"), None),
        (f"{day};G;Trop peu;30,00;20,00;{JEANNE_NIR}", "6 champs au lieu de 7"),
        (line(label="Trop") + ";en trop", "8 champs au lieu de 7"),
        (line(date_="2025-02-30"), "date_soins qui n'existe pas"),
        (line(date_="32/01/2025"), "date_soins qui n'existe pas"),
        (line(date_="hier"), "date_soins absente ou mal écrite"),
        (line(date_=""), "date_soins absente ou mal écrite"),
        (line(date_=tomorrow), "date_soins dans le futur"),
        (line(amount="-5,00", paid="0"), "montant négatif"),
        (line(paid="-1"), "montant_rembourse négatif"),
        (line(amount="douze"), "montant absent ou mal écrit"),
        (line(amount="12,345"), "montant absent ou mal écrit"),
        (line(amount="1000000"), "montant absent ou mal écrit"),
        (line(amount=""), "montant absent ou mal écrit"),
        (line(amount="20,00", paid="20,01"), "montant_rembourse supérieur au montant"),
        (line(nir=wrong_key), "nir invalide"),
        (line(nir="123"), "nir invalide"),
        (line(nir=unknown), "aucun espace santé ne correspond à ce NIR"),
        (line(nir=opposed), "s'est opposée à son espace santé"),
        (line(nir=closed), "l'espace santé de cette personne est fermé"),
        (line(nir=notified), "n'est pas encore ouvert"),
        (line(rpps="1234"), "rpps invalide"),
        (line(code=""), "code_acte absent ou invalide"),
        (line(code="G-1"), "code_acte absent ou invalide"),
        (line(label="   "), "libelle vide"),
        (line(label="x" * 201), "libelle trop long (201 caractères, 200 au plus)"),
        (line(label='"Non fermé'), "guillemets mal placés"),
        (line(label="Bonne 2", nir=LEA_NIR), None),  # an open space receives lines
        (line(label='"Avec ; dedans"', code="c"), None),
        (line(date_="", amount="-1", nir="1"), "montant négatif ; nir invalide"),
        (line(label="Bonne 3", date_=f"{clock.today_in_paris():%d/%m/%Y}"), None),
    ]
    path = write_feed(tmp_path, [text for text, _ in cases])
    before = count(db)
    result = run_import(app, path)
    assert result.exit_code == 3, result.output
    reported = result.stderr.splitlines()
    expected = [(number, reason) for number, (_, reason) in enumerate(cases, 2) if reason]
    assert len(reported) == len(expected), reported
    for report, (number, reason) in zip(reported, expected, strict=True):
        assert report.startswith(f"Ligne {number} ignorée : "), (report, number)
        assert reason in report, (report, reason)
    assert JEANNE_NIR not in result.output  # no NIR printed in the report
    good = len(cases) - len(expected)
    assert f"Lignes lues : {len(cases)}" in result.stdout
    assert f"Importées : {good}" in result.stdout
    assert f"Ignorées : {len(expected)}" in result.stdout
    assert count(db) == before + good
    assert count(db, Reimbursement.label == "Avec ; dedans") == 1


def test_the_help_is_in_french(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["soins", "import", "--help"])
    assert result.exit_code == 0
    assert "Importe le fichier FICHIER" in result.output
    assert HEADER in result.output
    assert "Affiche cette aide." in result.output
    assert "Show this message" not in result.output
    group = runner.invoke(args=["soins", "--help"])
    assert "Historique des soins" in group.output and "Show this message" not in group.output


def test_lines_are_imported_only_into_spaces_that_may_receive_them(app, db, tmp_path):
    space = db.scalar(select(HealthSpace).where(HealthSpace.nir == KARIM_NIR))
    db.execute(delete(Reimbursement).where(Reimbursement.space_id == space.id))
    space.status = SpaceStatus.CLOSED
    db.commit()
    result = run_import(
        app, write_feed(tmp_path, [f"{recent(3)};G;Fermé;;30,00;19,00;{KARIM_NIR}"])
    )
    assert "Ligne 2 ignorée : l'espace santé de cette personne est fermé" in result.stderr
    assert count(db, Reimbursement.space_id == space.id) == 0


def test_old_lines_are_kept_even_if_the_page_will_not_show_them(app, db, tmp_path):
    old = (date.today() - timedelta(days=3 * 365)).isoformat()
    result = run_import(app, write_feed(tmp_path, [f"{old};G;Ancienne;;30,00;19,00;{KARIM_NIR}"]))
    assert result.exit_code == 0 and "Importées : 1" in result.stdout
