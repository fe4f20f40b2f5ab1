"""``flask --app app dmp import DOSSIER``: legacy DMPs are imported, their spaces open at
once (no window), documents keep their author, date and category, the person is told;
re-running duplicates nothing; bad lines are reported and skipped."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from espace import clock
from espace.lifecycle.migration_file import COLUMNS, MANIFEST
from espace.models import (
    AuditEntry,
    AuthorKind,
    Document,
    DocumentCategory,
    Notice,
    NoticeChannel,
    Notification,
    SpaceStatus,
)
from tests.space_life_support import (
    JEANNE_NIR,
    T0,
    code_from,
    enrol,
    line,
    new_nir,
    space,
    write_file,
)
from tests.upload_samples import PDF, PNG

PERSON = "Durand;Colette;1954-03-09;{email};{address};{postcode};{town};31"


def manifest(folder: Path, *rows: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / MANIFEST).write_text("\n".join([";".join(COLUMNS), *rows]) + "\n", "utf-8")
    return folder


def row(
    nir: str,
    file: str,
    *,
    email: str = "",
    title: str = "Compte rendu",
    category: str = "compte_rendu",
    when: str = "2019-11-06",
    author: str = "CHU de Toulouse",
) -> str:
    person = PERSON.format(
        email=email,
        address="" if email else "5 rue des Lilas",
        postcode="" if email else "31000",
        town="" if email else "Toulouse",
    )
    return f"{nir};{person};{file};{title};{category};{when};{author}"


def migrate(app, folder: Path, at=T0):  # type: ignore[no-untyped-def]
    with clock.frozen_at(at):
        return app.test_cli_runner().invoke(args=["dmp", "import", str(folder)])


def documents(db, space_id: int) -> list[Document]:
    db.reload()
    return list(db.scalars(select(Document).where(Document.space_id == space_id)))


def test_a_migrated_dmp_opens_at_once_with_its_documents(app, db, outbox, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "cr.pdf").write_bytes(PDF)
    (folder / "images").mkdir()
    (folder / "images" / "radio.png").write_bytes(PNG)
    nir = new_nir()
    manifest(
        folder,
        row(nir, "cr.pdf", email="dmp@example.org"),
        row(
            nir,
            "images/radio.png",
            email="dmp@example.org",
            title="Radio du genou",
            category="imagerie",
            when="12/06/2018",
            author="Cabinet du Beffroi",
        ),
    )
    result = migrate(app, folder)
    assert result.exit_code == 0, result.output
    assert "Documents importés : 2" in result.output
    opened = space(db, nir)
    assert opened.status == SpaceStatus.OPEN and opened.opened_at == T0
    found = sorted(documents(db, opened.id), key=lambda d: d.document_date)
    assert [
        (d.title, d.category, d.document_date, d.author_kind, d.author_label) for d in found
    ] == [
        (
            "Radio du genou",
            DocumentCategory.IMAGERIE,
            date(2018, 6, 12),
            AuthorKind.MIGRATION,
            "Cabinet du Beffroi",
        ),
        (
            "Compte rendu",
            DocumentCategory.COMPTE_RENDU,
            date(2019, 11, 6),
            AuthorKind.MIGRATION,
            "CHU de Toulouse",
        ),
    ]
    assert found[0].author_name == "Cabinet du Beffroi"
    entries = db.scalars(select(AuditEntry).where(AuditEntry.space_id == opened.id)).all()
    assert [entry.event for entry in entries] == ["space.migrated"]
    # The person is told, with a code: there is no window, the space is already open.
    body = outbox.last_to("dmp@example.org").get_content()
    assert code_from(outbox, "dmp@example.org") and "est ouvert" in body
    assert "refuser" not in body

    again = migrate(app, folder, at=T0 + timedelta(days=1))
    assert "Documents importés : 0" in again.output and "Déjà présents : 2" in again.output
    assert len(documents(db, opened.id)) == 2
    assert len(outbox.to("dmp@example.org")) == 1


def test_a_person_without_email_gets_a_letter_to_print(app, db, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "cr.pdf").write_bytes(PDF)
    nir = new_nir()
    assert migrate(app, manifest(folder, row(nir, "cr.pdf"))).exit_code == 0
    notice = db.scalars(select(Notice).where(Notice.space_id == space(db, nir).id)).one()
    assert notice.channel == NoticeChannel.LETTER and notice.printed_at is None


def test_a_notified_space_opens_and_an_active_one_receives_with_a_notification(
    app, db, outbox, tmp_path
):
    notified = new_nir()
    enrol(app, write_file(tmp_path, line(notified, email="annonce@example.org")))
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "cr.pdf").write_bytes(PDF)
    (folder / "jeanne.pdf").write_bytes(PDF + b"\n% Jeanne")
    jeanne_row = row(JEANNE_NIR, "jeanne.pdf").replace(
        "Durand;Colette;1954-03-09", "Martin;Jeanne;1954-03-12"
    )
    result = migrate(
        app, manifest(folder, row(notified, "cr.pdf"), jeanne_row), at=T0 + timedelta(days=3)
    )
    assert result.exit_code == 0, result.output
    opened = space(db, notified)
    assert opened.status == SpaceStatus.OPEN and opened.opened_at == T0 + timedelta(days=3)
    told = outbox.last_to("annonce@example.org")
    assert told["Subject"] == "Votre espace santé est ouvert : activez-le"  # same code as before
    jeanne = space(db, JEANNE_NIR)
    assert jeanne.status == SpaceStatus.ACTIVE
    kinds = db.scalars(
        select(Notification.kind)
        .where(Notification.account_id == jeanne.holder_account_id)
        .order_by(Notification.id.desc())
    ).first()
    assert kinds == "document_added"


def test_bad_lines_are_reported_and_nothing_escapes_the_folder(app, db, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (tmp_path / "secret.pdf").write_bytes(PDF)
    (folder / "page.txt").write_bytes(b"<html><script>alert(1)</script></html>")
    (folder / "cr.pdf").write_bytes(PDF)
    opposed = new_nir()
    enrol(app, write_file(tmp_path, line(opposed)))
    gone = space(db, opposed)
    gone.status = SpaceStatus.OPPOSED
    db.commit()
    nir = new_nir()
    result = migrate(
        app,
        manifest(
            folder,
            row(nir, "../secret.pdf"),  # 2
            row(nir, "absent.pdf"),  # 3
            row(nir, "page.txt"),  # 4
            row(nir, "cr.pdf", category="radiologie"),  # 5
            row(nir, "cr.pdf", when="2099-01-01"),  # 6
            row(opposed, "cr.pdf"),  # 7
            row(nir[:14], "cr.pdf"),  # 8
            row(nir, str(tmp_path / "secret.pdf")),  # 9: an absolute path
        ),
    )
    assert result.exit_code == 3
    errors = result.stderr
    assert "Ligne 2 ignorée : fichier en dehors du dossier importé" in errors
    assert "Ligne 3 ignorée : fichier introuvable dans le dossier : absent.pdf" in errors
    assert "Ligne 4 ignorée : fichier refusé" in errors
    assert "Ligne 5 ignorée : categorie inconnue" in errors
    assert "Ligne 6 ignorée : date_document dans le futur" in errors
    assert "Ligne 7 ignorée : la personne s'est opposée" in errors
    assert "Ligne 8 ignorée : nir de 14 caractères" in errors
    assert "Ligne 9 ignorée : fichier en dehors du dossier importé" in errors
    db.reload()
    assert (
        db.scalar(select(func.count()).select_from(Document).where(Document.space_id == gone.id))
        == 0
    )
    assert "Ignorées : 8" in result.output


def test_a_missing_manifest_or_a_wrong_header_imports_nothing(app, tmp_path):
    result = migrate(app, tmp_path)
    assert result.exit_code == 1 and "manifeste introuvable" in result.stderr
    (tmp_path / MANIFEST).write_text("nir;fichier\n", "utf-8")
    result = migrate(app, tmp_path)
    assert result.exit_code == 1 and "colonnes manquantes" in result.stderr
