"""``flask --app app enrolment import FICHIER``: the insurer's file becomes spaces in status
``notified``, each with one notice (e-mail at once, or a letter to print), in the pilot
départements only; re-running notifies nobody twice; bad lines are reported by number."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from espace.lifecycle.codes import code_hash
from espace.models import (
    ActivationCode,
    AuditEntry,
    EnrolmentBatch,
    HealthSpace,
    Notice,
    NoticeChannel,
    Representation,
    RepresentationKind,
    SpaceStatus,
)
from tests.space_life_support import (
    KARIM_NIR,
    T0,
    code_from,
    enrol,
    line,
    new_nir,
    space,
    write_file,
)


def count(db, model, *where) -> int:
    db.reload()
    return db.scalar(select(func.count()).select_from(model).where(*where))


def test_each_person_of_a_pilot_departement_gets_a_notified_space_and_one_notice(
    app, db, outbox, tmp_path
):
    by_email, by_letter = new_nir(), new_nir(department="44")
    path = write_file(
        tmp_path,
        line(by_email, email="Colette.Durand@Example.org"),
        line(
            by_letter,
            given_name="Lucien",
            department="44",
            address="2 quai Ceineray",
            postcode="44000",
            town="Nantes",
        ),
    )
    result = enrol(app, path)
    assert result.exit_code == 0, result.output
    assert "Espaces créés : 2 (avis par e-mail : 1, courriers à imprimer : 1)" in result.output

    first = space(db, by_email)
    assert first.status == SpaceStatus.NOTIFIED and first.notice_sent_at == T0
    assert first.email_on_file == "colette.durand@example.org"
    notice = db.scalars(select(Notice).where(Notice.space_id == first.id)).one()
    assert notice.channel == NoticeChannel.EMAIL and notice.sent_at == T0
    assert notice.window_ends_at == T0 + timedelta(days=42)
    email = outbox.last_to("colette.durand@example.org")
    body = email.get_content()
    assert "refuser sa création jusqu'au 13 avril 2026" in body
    assert "/opposition" in body and "/activation" in body and "fermer" in body
    code = code_from(outbox, "colette.durand@example.org")
    stored = db.scalars(select(ActivationCode).where(ActivationCode.space_id == first.id)).one()
    assert stored.code_hash != code and len(stored.code_hash) == 64  # only the HMAC is kept
    with app.app_context():
        assert stored.code_hash == code_hash(code.lower().replace("-", " "))
    assert stored.expires_at == T0 + timedelta(days=90)

    second = space(db, by_letter)
    letter = db.scalars(select(Notice).where(Notice.space_id == second.id)).one()
    assert letter.channel == NoticeChannel.LETTER and letter.printed_at is None
    assert second.notice_sent_at is None  # the window starts when the letter is printed
    assert count(db, ActivationCode, ActivationCode.space_id == second.id) == 0
    assert (
        count(
            db,
            AuditEntry,
            AuditEntry.event == "space.notified",
            AuditEntry.space_id.in_([first.id, second.id]),
        )
        == 2
    )
    batch = db.get(EnrolmentBatch, letter.batch_id)
    assert (batch.file_name, batch.lines_read, batch.spaces_created) == ("assures.csv", 2, 2)


def test_outside_the_pilot_departements_people_are_counted_and_skipped(
    make_app, db, tmp_path, outbox
):
    app = make_app(PILOT_DEPARTMENTS=("2A", "31"))
    corsican = new_nir(department="2A")
    paris = new_nir(department="75")
    path = write_file(
        tmp_path,
        line(corsican, department="2A", email="ajaccio@example.org"),
        line(paris, department="75", email="paris@example.org"),
    )
    result = enrol(app, path)
    assert result.exit_code == 0, result.output
    assert "Hors départements pilotes : 1" in result.output
    with app.app_context():
        from espace.db import get_session

        nirs = set(get_session().scalars(select(HealthSpace.nir)))
    assert corsican in nirs and paris not in nirs
    assert outbox.to("paris@example.org") == []


def test_running_the_file_again_notifies_nobody_twice_even_after_an_opposition(
    app, db, outbox, tmp_path
):
    nir = new_nir()
    path = write_file(tmp_path, line(nir, email="deux.fois@example.org"), line(nir))
    result = enrol(app, path)
    assert "Espaces créés : 1" in result.output and "Déjà connus : 1" in result.output
    first = space(db, nir)
    first.status = SpaceStatus.OPPOSED
    db.commit()
    result = enrol(app, path, at=T0 + timedelta(days=1))
    assert result.exit_code == 0
    assert "Espaces créés : 0" in result.output and "Déjà connus : 2" in result.output
    assert len(outbox.to("deux.fois@example.org")) == 1
    assert count(db, Notice, Notice.space_id == first.id) == 1
    assert count(db, EnrolmentBatch, EnrolmentBatch.file_name == "assures.csv") == 2


def test_bad_lines_are_reported_with_their_number_and_skipped(app, db, tmp_path):
    good = new_nir()
    wrong_key = good[:13] + f"{(int(good[13:]) % 97) + 1:02d}"
    corsica = new_nir(department="2B")
    corsica_wrong = corsica[:5] + "2A" + corsica[7:]  # same digits, the other Corsica
    path = write_file(
        tmp_path,
        line(good, email="bonne.ligne@example.org"),  # line 2
        line(wrong_key),  # 3
        line(corsica, department="2B"),  # 4: valid, but 2B is not a pilot département
        line(corsica_wrong),  # 5
        line(good[:14]),  # 6: 14 characters
        line(good + "1"),  # 7: 16 characters
        line(new_nir(), birth="31/02/1954"),  # 8
        line(new_nir(), email="pas-une-adresse"),  # 9
        f"{new_nir()};Durand;Colette;1954-03-09;;;31000;Toulouse;31;",  # 10: no street
        line(new_nir(year=60), birth="1954-03-09"),  # 11: the NIR says 1960
        "un;deux;trois",  # 12
        line(new_nir(), parent="123"),  # 13
    )
    result = enrol(app, path)
    assert result.exit_code == 3, result.output
    errors = result.stderr
    assert "Ligne 3 ignorée : nir avec une clé fausse" in errors
    assert "Ligne 5 ignorée : nir avec une clé fausse" in errors
    assert "Ligne 6 ignorée : nir de 14 caractères au lieu de 15" in errors
    assert "Ligne 7 ignorée : nir de 16 caractères au lieu de 15" in errors
    assert "Ligne 8 ignorée : date_naissance qui n'existe pas" in errors
    assert "Ligne 9 ignorée : email mal écrit" in errors
    assert "Ligne 10 ignorée :" in errors and "ni email ni adresse postale complète" in errors
    assert "Ligne 11 ignorée : date_naissance : l'année ne correspond pas" in errors
    assert "Ligne 12 ignorée : 3 champs au lieu de 10" in errors
    assert "Ligne 13 ignorée : nir_parent de 3 caractères" in errors
    assert "Ligne 2 " not in errors and "Ligne 4 " not in errors
    assert "Ignorées : 10" in result.output and "Hors départements pilotes : 1" in result.output
    assert count(db, HealthSpace, HealthSpace.nir == good) == 1
    batch = db.scalars(
        select(EnrolmentBatch).where(EnrolmentBatch.file_name == "assures.csv")
    ).one()
    assert (batch.lines_read, batch.spaces_created, batch.skipped, batch.outside_pilot) == (
        12,
        1,
        10,
        1,
    )


def test_a_wrong_header_or_a_missing_file_imports_nothing(app, db, tmp_path):
    path = write_file(tmp_path, line(new_nir()), header="nir;nom;prenom")
    result = enrol(app, path)
    assert result.exit_code == 1
    assert "colonnes manquantes : date_naissance" in result.output
    assert "Rien n'a été importé." in result.output
    assert count(db, EnrolmentBatch, EnrolmentBatch.file_name == "assures.csv") == 0
    result = enrol(app, tmp_path / "absent.csv")
    assert result.exit_code == 1 and "fichier introuvable" in result.output


def test_a_dependant_whose_parent_has_an_account_is_represented_at_once(app, db, tmp_path):
    child, orphan = new_nir(year=15, sex=1, department="44"), new_nir(year=15, department="44")
    path = write_file(
        tmp_path,
        line(child, birth="2015-03-01", department="44", parent=KARIM_NIR),
        line(orphan, birth="2015-03-02", department="44", parent=new_nir()),
    )
    result = enrol(app, path)
    assert result.exit_code == 0, result.output
    assert "Parents rattachés à l'espace de leur enfant : 1" in result.output
    karim = space(db, KARIM_NIR)
    represented = db.scalars(
        select(Representation).where(Representation.space_id == space(db, child).id)
    ).one()
    assert represented.account_id == karim.holder_account_id
    assert represented.kind == RepresentationKind.PARENT
    assert count(db, Representation, Representation.space_id == space(db, orphan).id) == 0
    assert space(db, child).insured_parent_nir == KARIM_NIR


def test_help_is_in_french(app):
    result = app.test_cli_runner().invoke(args=["enrolment", "import", "--help"])
    assert "Format : texte UTF-8" in result.output and "nir_parent" in result.output


def test_a_large_file_is_committed_by_batches_with_the_right_counts(app, db, outbox):
    import io

    from espace.db import get_session
    from espace.lifecycle.enrolment import import_enrolment
    from tests.space_life_support import HEADER

    nirs = [new_nir() for _ in range(5)]
    rows = [line(nir, email=f"lot{n}@example.org") for n, nir in enumerate(nirs)]
    stream = io.StringIO("\n".join([HEADER, *rows, rows[0], "mauvaise;ligne"]) + "\n")
    with app.app_context():
        session = get_session()
        report = import_enrolment(
            session,
            stream,
            "gros.csv",
            T0,
            pilot_departments=("31",),
            commit=session.commit,
            batch_size=2,
        )
    assert (report.read, report.created, report.already_known, report.skipped) == (7, 5, 1, 1)
    batch = db.get(EnrolmentBatch, report.batch_id)
    assert (batch.lines_read, batch.spaces_created, batch.already_known, batch.skipped) == (
        7,
        5,
        1,
        1,
    )
    assert all(space(db, nir).status == SpaceStatus.NOTIFIED for nir in nirs)
    assert len(outbox.to("lot4@example.org")) == 1
