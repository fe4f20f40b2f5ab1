"""The feed read as a stream: any line ending, a BOM, lines that are not UTF-8 or far too
long, a large file imported whole, batch by batch, with problems in line order."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import func, select

from espace import clock
from espace.csvfile import LineProblem
from espace.models import Reimbursement
from espace.reimbursements.feed import HEADER
from espace.reimbursements.importer import import_feed
from tests.factories import make_nir
from tests.test_reimbursements_import import (
    JEANNE_NIR,
    KARIM_NIR,
    count,
    imported_entries,
    recent,
    run_import,
    write_feed,
)


def test_files_with_a_bom_and_crlf_line_ends_are_read(app, db, tmp_path):
    path = tmp_path / "windows.csv"
    lines = [HEADER, f"{recent(2)};G;Ligne Windows 1;;30,00;28,00;{JEANNE_NIR}"]
    lines.append(f"{recent(1)};G;Ligne Windows 2;;30,00;28,00;{JEANNE_NIR}")
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n")
    result = run_import(app, path)
    assert result.exit_code == 0, result.output
    assert "Importées : 2" in result.stdout
    labels = set(
        db.scalars(select(Reimbursement.label).where(Reimbursement.label.like("Ligne W%")))
    )
    assert labels == {"Ligne Windows 1", "Ligne Windows 2"}  # no stray \r kept


def test_a_line_that_is_not_utf8_is_skipped_and_the_rest_imported(app, db, tmp_path):
    path = tmp_path / "latin1.csv"
    good = f"{recent(2)};G;Ligne lisible;;30,00;28,00;{JEANNE_NIR}\n".encode()
    bad = f"{recent(2)};G;Ligne illisible é;;30,00;28,00;{JEANNE_NIR}\n".encode("latin-1")
    path.write_bytes(HEADER.encode() + b"\n" + bad + good)
    result = run_import(app, path)
    assert result.exit_code == 3
    assert "Ligne 2 ignorée : caractères illisibles" in result.stderr
    assert "Importées : 1" in result.stdout


def test_a_huge_line_is_skipped_without_stopping_the_import(app, db, tmp_path):
    huge = f"{recent(2)};G;{'x' * 50_000};;30,00;28,00;{JEANNE_NIR}"
    path = write_feed(tmp_path, [huge, f"{recent(2)};G;Après la grande;;30,00;28,00;{JEANNE_NIR}"])
    result = run_import(app, path)
    assert "Ligne 2 ignorée : ligne trop longue" in result.stderr
    assert "Importées : 1" in result.stdout
    assert count(db, Reimbursement.label == "Après la grande") == 1


def test_a_large_file_is_imported_whole(app, db, tmp_path):
    start = clock.today_in_paris() - timedelta(days=700)
    path = tmp_path / "gros.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + "\n")
        for n in range(20_000):
            day = start + timedelta(days=n % 700)
            nir = JEANNE_NIR if n % 2 else KARIM_NIR
            out.write(f"{day.isoformat()};PH7;Volume {n};;{n // 100},{n % 100:02d};0;{nir}\n")
    before, entries = count(db), len(imported_entries(db))
    result = run_import(app, path)
    assert result.exit_code == 0, result.output[-500:]
    assert "Lignes lues : 20000" in result.stdout and "Importées : 20000" in result.stdout
    assert count(db) == before + 20_000
    assert len(imported_entries(db)) == entries + 2  # one per space, not one per batch
    cents = db.scalar(
        select(func.sum(Reimbursement.amount_cents)).where(Reimbursement.label.like("Volume %"))
    )
    assert cents == sum(range(20_000))


class CountingStream(io.StringIO):
    """A file that counts the lines read from it so far."""

    lines_read = 0

    def readline(self, size: int = -1) -> str:  # type: ignore[override]
        text = super().readline(size)
        if text.endswith("\n"):
            self.lines_read += 1
        return text


def test_the_file_is_read_as_it_is_imported_not_loaded_first(app, db):
    today = clock.today_in_paris()
    rows = [
        f"{today - timedelta(days=n % 600)};G;Flux {n};;1,00;1,00;{JEANNE_NIR}" for n in range(1200)
    ]
    stream = CountingStream("\n".join([HEADER, *rows]) + "\n")
    read_at_commit: list[int] = []
    report = import_feed(
        db, stream, clock.now(), commit=lambda: read_at_commit.append(stream.lines_read)
    )
    db.commit()
    assert report.imported == 1200
    # The first batch was written after reading about 500 lines, not the 1201 of the file.
    assert read_at_commit[0] <= 502 and len(read_at_commit) == 3


def test_problems_are_reported_in_line_order_across_checks(app, db):
    today = clock.today_in_paris()
    unknown = make_nir(sex=1, year=40, department="99")
    stream = io.StringIO(
        "\n".join(
            [
                HEADER,
                f"{today};G;Inconnu;;1,00;1,00;{unknown}",  # found when the batch is written
                f"{today};G;Mal écrit;;x;1,00;{JEANNE_NIR}",  # found when the line is read
            ]
        )
    )
    problems: list[LineProblem] = []
    import_feed(db, stream, clock.now(), report_problem=problems.append)
    assert [p.number for p in problems] == [2, 3]
