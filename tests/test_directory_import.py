"""``flask --app app annuaire import FICHIER``: the national extract, streamed, grouped by
professional, re-runnable (update, add, retire, never duplicate); a wrong header stops at
once, a bad line is reported with its number and skipped."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select, text

from espace import clock
from espace.db import get_session
from espace.directory import importer
from espace.directory.extract import HeaderError
from espace.directory.importer import import_extract
from espace.models import (
    DirectoryCode,
    DirectoryImport,
    HealthSpace,
    PracticeSite,
    Professional,
)
from tests.directory_extract import (
    HEADER,
    MAILLARD,
    SAMPLE,
    SAMPLE_LINES,
    SAMPLE_PROFESSIONALS,
    by_rpps,
    line,
    rpps,
    run_import,
    write_extract,
)


@pytest.fixture
def app(make_app, request):
    """An empty database, unless a test asks for the demo data (``SEEDED``)."""
    return make_app(seeded=getattr(request, "param", False))


SEEDED = pytest.mark.parametrize("app", [True], indirect=True, ids=["demo data"])


def count(db, model, *where) -> int:
    db.reload()
    return db.scalar(select(func.count()).select_from(model).where(*where))


def index_is_in_sync(db) -> bool:
    """FTS5 checks its index against practice_site (the external content) row by row. On
    PostgreSQL the search is an expression index of practice_site itself: it cannot lag
    behind its rows, so what is checked is that the index is there."""
    db.reload()
    if db.get_bind().dialect.name == "postgresql":
        return (
            db.scalar(
                text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_practice_site_search'")
            )
            == 1
        )
    db.execute(text("INSERT INTO directory_search(directory_search) VALUES ('integrity-check')"))
    indexed = db.scalar(text("SELECT count(*) FROM directory_search"))
    # Every word of the index is in directory_search_words, by which long prefixes are
    # searched (a missing word would be a missing result).
    db.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_words "
                    "USING fts5vocab(main, directory_search, 'col')"))  # fmt: skip
    in_index = {tuple(r) for r in db.execute(text("SELECT col, term FROM temp.index_words"))}
    listed = {tuple(r) for r in db.execute(text("SELECT part, word FROM directory_search_words"))}
    db.rollback()
    return indexed == count(db, PracticeSite) and bool(in_index) and in_index <= listed


def test_the_sample_extract_is_imported_one_row_per_professional_one_site_per_line(app, db):
    result = run_import(app, SAMPLE)
    assert result.exit_code == 0, result.output
    assert f"Lignes lues : {len(SAMPLE_LINES)}" in result.stdout
    assert f"Professionnels ajoutés : {SAMPLE_PROFESSIONALS}" in result.stdout
    assert "Lignes ignorées : 0" in result.stdout
    assert count(db, Professional) == SAMPLE_PROFESSIONALS == 52
    assert count(db, PracticeSite) == len(SAMPLE_LINES) == 60
    maillard = by_rpps(db, MAILLARD)
    # Capitals tidied for reading; "Dr" from the extract's "civilité d'exercice".
    assert maillard.display_name == "Dr Frédéric Maillard"
    assert maillard.profession == "Médecin"
    assert maillard.specialty == "Cardiologie et maladies vasculaires"
    assert [(s.town, s.postcode, s.department_code) for s in maillard.sites] == [
        ("Toulouse", "31400", "31"),
        ("Saint-Nazaire", "44600", "44"),
    ]
    assert maillard.sites[0].street == "107 bis Allée Pasteur"
    assert maillard.sites[0].phone_display == "02 30 81 18 60"
    pharmacist = by_rpps(db, "10161973069")
    assert pharmacist.display_name == "Louise Mallet"  # no title in the extract
    assert db.get(DirectoryCode, ("specialty", "SM42")).label == "Psychiatrie"
    assert db.get(DirectoryCode, ("department", "2A")).label == "Corse-du-Sud"
    assert index_is_in_sync(db)


def test_running_the_same_file_again_changes_nothing_and_duplicates_nothing(app, db):
    assert run_import(app, SAMPLE).exit_code == 0
    sites = {s.id for s in db.scalars(select(PracticeSite))}
    result = run_import(app, SAMPLE)
    assert result.exit_code == 0, result.output
    assert f"Professionnels inchangés : {SAMPLE_PROFESSIONALS}" in result.stdout
    assert "Professionnels ajoutés : 0" in result.stdout
    assert "Professionnels mis à jour : 0" in result.stdout
    assert "retirés de l'annuaire (absents du fichier) : 0" in result.stdout
    assert count(db, Professional) == SAMPLE_PROFESSIONALS
    assert {s.id for s in db.scalars(select(PracticeSite))} == sites  # untouched
    assert count(db, DirectoryImport) == 2


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("date_soins;code_acte;libelle;rpps;montant;montant_rembourse;nir", "colonnes manquantes"),
        (HEADER.replace("|Nom d'exercice|", "|Nom|"), "« Nom d'exercice »"),
        (HEADER.replace("|Code postal (coord. structure)|", "|Code profession|"), "en double"),
        ("", "Le fichier est vide"),
    ],
    ids=["reimbursement file", "renamed column", "doubled column", "empty"],
)
def test_a_wrong_header_stops_at_once_and_nothing_is_written(app, db, tmp_path, header, expected):
    path = write_extract(tmp_path / "extrait.txt", [line(rpps(1), "DUPONT")], header=header)
    if not header:
        path.write_text("", encoding="utf-8")
    result = run_import(app, path)
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "Rien n'a été importé." in result.stderr
    assert "Type d'identifiant PP|Identifiant PP" in result.stderr  # says what is expected
    assert count(db, Professional) == 0
    assert count(db, DirectoryImport) == 0


def test_a_missing_file_is_refused(app, tmp_path):
    result = run_import(app, tmp_path / "absent.txt")
    assert result.exit_code == 1 and "fichier introuvable" in result.stderr


def test_malformed_short_and_overlong_lines_are_reported_with_their_number_and_skipped(
    app, db, tmp_path
):
    good = line(rpps(1), "BON", "ALAIN")
    fields = good.split("|")
    lines = [
        good,  # line 2
        "|".join(fields[:20]) + "|",  # 3: short
        good + "en trop|",  # 4: one field too many
        "x" * 5000 + "|",  # 5: over-long
        line("1234567890", "COURT"),  # 6: 10 digits for an RPPS
        line(rpps(7), "TYPE", kind="7"),  # 7: unknown identifier type
        line(rpps(8), "CONTROLE\x01"),  # 8: control character
        line(rpps(9), "N" * 101),  # 9: a name longer than any real one
        line("12A456789", "ADELI", kind="0"),  # 10: ADELI, second character not A/B
        line("2A1234567", "CORSE", "ANNA", kind="0"),  # 11: a good ADELI number
        "",  # 12: blank, passed over
        line(rpps(13), "SANSBARRE").removesuffix("|"),  # 13: no trailing "|": accepted
    ]
    result = run_import(app, write_extract(tmp_path / "extrait.txt", lines))
    assert result.exit_code == 3, result.output
    reported = [r for r in result.stderr.splitlines() if r.startswith("Ligne ")]
    assert [r.split(" ")[1] for r in reported] == ["3", "4", "5", "6", "7", "8", "9", "10"]
    assert "Ligne 3 ignorée : 21 champs au lieu de 52" in reported[0]
    assert "Ligne 4 ignorée : 53 champs au lieu de 52" in reported[1]
    assert "ligne trop longue" in reported[2]
    assert "identifiant invalide" in reported[3] and "identifiant invalide" in reported[4]
    assert "caractères de contrôle" in reported[5]
    assert "« Nom d'exercice » trop long (101 caractères, 100 au plus)" in reported[6]
    assert "Lignes ignorées : 8 (lignes 3, 4, 5, 6, 7, 8, 9, 10)" in result.stdout
    assert "Professionnels ajoutés : 3" in result.stdout
    names = {p.family_name for p in db.scalars(select(Professional))}
    assert names == {"Bon", "Corse", "Sansbarre"}
    assert by_rpps(db, "2A1234567").identifier_type == "0"


def test_unreadable_bytes_a_bom_and_crlf_line_ends(app, db, tmp_path):
    path = tmp_path / "extrait.txt"
    body = "\r\n".join([HEADER, line(rpps(1), "PREMIER"), line(rpps(2), "SECOND")]) + "\r\n"
    data = b"\xef\xbb\xbf" + body.encode().replace(b"SECOND", b"SEC\xffOND")
    path.write_bytes(data)
    result = run_import(app, path)
    assert result.exit_code == 3, result.output
    assert (
        "Ligne 3 ignorée : caractères illisibles : le fichier doit être en UTF-8" in result.stderr
    )
    assert by_rpps(db, rpps(1)).sites[0].town == "Toulouse"  # CRLF did not stick to a field


def test_a_second_run_updates_adds_retires_and_a_third_brings_back(app, db, tmp_path):
    a, b, c, e, d = rpps(1), rpps(2), rpps(3), rpps(5), rpps(4)
    first = [
        line(a, "ALPHA", "ANNE", town="TOULOUSE", postcode="31000"),
        line(b, "BETA", "BRUNO"),
        line(c, "GAMMA", "CLAIRE", town="MURET", postcode="31600"),
        line(c, "GAMMA", "CLAIRE", town="BLAGNAC", postcode="31700"),
        line(e, "EPSILON", "EMMA"),
    ]
    assert run_import(app, write_extract(tmp_path / "1.txt", first)).exit_code == 0
    second = [
        line(a, "ALPHA", "ANNE", town="NANTES", postcode="44000", department="44",
             department_label="Loire-Atlantique"),  # moved
        line(b, "BETA", "BRUNO"),  # the same
        line(c, "GAMMA", "CLAIRE", town="MURET", postcode="31600"),  # one site left
        line(d, "DELTA", "DAVID"),  # new
    ]  # fmt: skip
    result = run_import(app, write_extract(tmp_path / "2.txt", second))
    assert result.exit_code == 0, result.output
    for expected in ("ajoutés : 1", "mis à jour : 2", "inchangés : 1", "(absents du fichier) : 1"):
        assert expected in result.stdout
    assert count(db, Professional) == 5  # nobody twice, nobody deleted
    assert [s.town for s in by_rpps(db, a).sites] == ["Nantes"]
    assert [s.town for s in by_rpps(db, c).sites] == ["Muret"]
    gone = by_rpps(db, e)
    assert gone.retired_at is not None and gone.sites == []
    assert index_is_in_sync(db)

    third = [*second, line(e, "EPSILON", "EMMA")]
    result = run_import(app, write_extract(tmp_path / "3.txt", third))
    assert "Professionnels mis à jour : 1 (dont 1 revenus dans l'annuaire)" in result.stdout
    db.reload()
    back = by_rpps(db, e)
    assert back.retired_at is None and len(back.sites) == 1
    assert index_is_in_sync(db)


@SEEDED
def test_professionals_registered_by_hand_are_never_retired_and_a_retired_gp_stays(
    app, db, tmp_path
):
    """The seeded database: the sample is imported, and the personas registered by hand."""
    jeanne = db.scalars(select(HealthSpace).where(HealthSpace.nir == "254033155512362")).one()
    someone = by_rpps(db, "10555810350")
    jeanne.gp_professional_id = someone.id
    db.commit()
    result = run_import(app, write_extract(tmp_path / "1.txt", [line(rpps(1), "SEUL")]))
    assert result.exit_code == 0, result.output
    assert f"(absents du fichier) : {SAMPLE_PROFESSIONALS}" in result.stdout
    db.reload()
    durand = by_rpps(db, "10100000011")  # a persona: in no extract, never retired
    assert durand.retired_at is None and [s.town for s in durand.sites] == ["Toulouse"]
    assert by_rpps(db, "10555810350").retired_at is not None
    assert db.get(HealthSpace, jeanne.id).gp_professional_id == someone.id  # kept


@SEEDED
def test_an_extract_with_no_professional_retires_no_one(app, db, tmp_path):
    result = run_import(app, write_extract(tmp_path / "vide.txt", []))
    assert result.exit_code == 0, result.output
    assert "Aucun professionnel lu : personne n'a été retiré de l'annuaire." in result.stdout
    assert count(db, Professional, Professional.retired_at.is_not(None)) == 0


def test_lines_of_one_professional_far_apart_are_grouped_whatever_the_batches(app, db):
    a, b, c = rpps(1), rpps(2), rpps(3)
    body = "\n".join([
        HEADER,
        line(a, "ALPHA", town="MURET", postcode="31600"),
        line(b, "BETA"),
        line(c, "GAMMA"),
        line(a, "ALPHA", town="BLAGNAC", postcode="31700"),
        line(b, "BETA", town="NANTES", postcode="44000"),
    ])  # fmt: skip
    for run in range(2):
        with app.app_context():
            session = get_session()
            report = import_extract(session, io.StringIO(body), clock.now(), batch_size=1)
            session.commit()
        assert (report.added, report.seen) == ((3, 3) if run == 0 else (0, 3))
        assert [s.town for s in by_rpps(db, a).sites] == ["Muret", "Blagnac"]
        assert [s.town for s in by_rpps(db, b).sites] == ["Toulouse", "Nantes"]
        assert count(db, PracticeSite) == 5
    assert index_is_in_sync(db)


def test_progress_is_printed_on_a_long_file(app, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 40)
    lines = [line(rpps(n), f"NOM{n}") for n in range(100)]
    result = run_import(app, write_extract(tmp_path / "long.txt", lines))
    assert result.exit_code == 0, result.output
    progress = [r for r in result.stderr.splitlines() if "lignes traitées" in r]
    assert len(progress) == 2
    assert progress[0].startswith("41 lignes traitées (")  # the header is line 1
    assert "lignes par seconde" in progress[0] and "fin dans" in progress[0]
    assert "Professionnels ajoutés : 100" in result.stdout
    assert "lignes par seconde" in result.stdout.splitlines()[-1]


def test_the_importer_reads_the_header_before_writing_anything(app, db):
    with app.app_context(), pytest.raises(HeaderError):
        import_extract(get_session(), io.StringIO("pas|un|en-tête|\n"), clock.now())
    assert count(db, DirectoryImport) == 0
