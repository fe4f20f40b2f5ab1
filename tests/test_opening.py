"""The opening job (``jobs run``): a space opens once its opposition window has passed,
counted from the notice that reached the person (an e-mail sent, a letter printed); it is
told by e-mail; two runs at the same time open each space once and notify once."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from espace import clock
from espace.db import database
from espace.jobs import run_all
from espace.lifecycle import opening
from espace.lifecycle.letters import print_waiting
from espace.models import AuditEntry, Notice, SpaceStatus
from tests.space_life_support import T0, enrol, line, new_nir, run_jobs, space, write_file

WINDOW = timedelta(days=42)


def opened_entries(db, space_id: int) -> int:
    db.reload()
    return db.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.event == "space.opened", AuditEntry.space_id == space_id)
    )


def test_a_space_opens_when_its_window_has_passed_and_not_a_second_before(
    app, db, outbox, tmp_path
):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="fenetre@example.org")))
    run_jobs(app, T0 + WINDOW - timedelta(seconds=1))
    assert space(db, nir).status == SpaceStatus.NOTIFIED
    assert len(outbox.to("fenetre@example.org")) == 1  # the notice only
    output = run_jobs(app, T0 + WINDOW)
    assert "1  espaces ouverts après le délai d'opposition" in output
    opened = space(db, nir)
    assert opened.status == SpaceStatus.OPEN and opened.opened_at == T0 + WINDOW
    assert opened_entries(db, opened.id) == 1
    told = outbox.last_to("fenetre@example.org")
    assert told["Subject"] == "Votre espace santé est ouvert : activez-le"
    assert "/activation" in told.get_content()
    run_jobs(app, T0 + WINDOW + timedelta(days=1))
    assert opened_entries(db, opened.id) == 1
    assert len(outbox.to("fenetre@example.org")) == 2


def test_the_window_is_a_setting(make_app, db, tmp_path):
    app = make_app(OPPOSITION_DAYS=30)
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="trente@example.org")))
    run_jobs(app, T0 + timedelta(days=30))
    with app.app_context():
        from espace.db import get_session
        from espace.models import HealthSpace

        status = get_session().scalar(select(HealthSpace.status).where(HealthSpace.nir == nir))
    assert status == SpaceStatus.OPEN


def test_a_letter_never_printed_never_opens_a_space_and_printing_starts_the_window(
    app, db, tmp_path
):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir)))
    run_jobs(app, T0 + WINDOW + timedelta(days=30))
    assert space(db, nir).status == SpaceStatus.NOTIFIED  # nobody was told yet
    printed = T0 + timedelta(days=10)
    batch_id = db.scalar(select(Notice.batch_id).where(Notice.space_id == space(db, nir).id))
    with app.app_context(), clock.frozen_at(printed):
        from espace.db import get_session

        letters = print_waiting(get_session(), batch_id, printed)
        get_session().commit()
    assert [letter.window_ends_at for letter in letters] == [printed + WINDOW]
    assert space(db, nir).notice_sent_at == printed
    run_jobs(app, printed + WINDOW - timedelta(minutes=1))
    assert space(db, nir).status == SpaceStatus.NOTIFIED
    run_jobs(app, printed + WINDOW)
    assert space(db, nir).status == SpaceStatus.OPEN


def test_an_opposed_space_never_opens(app, db, tmp_path):
    nir = new_nir()
    enrol(app, write_file(tmp_path, line(nir, email="refus@example.org")))
    opposed = space(db, nir)
    opposed.status = SpaceStatus.OPPOSED
    db.commit()
    run_jobs(app, T0 + WINDOW * 2)
    assert space(db, nir).status == SpaceStatus.OPPOSED
    assert opened_entries(db, opposed.id) == 0


def test_two_runs_at_the_same_time_open_each_space_once_and_notify_once(
    app, db, outbox, tmp_path, monkeypatch
):
    # Small chunks: the runs take turns between commits, each with its own list of due
    # spaces, so only the conditional claim keeps them from opening a space twice.
    monkeypatch.setattr(opening, "CHUNK", 3)
    nirs = [new_nir() for _ in range(30)]
    lines = [line(nir, email=f"ensemble{n}@example.org") for n, nir in enumerate(nirs)]
    enrol(app, write_file(tmp_path, *lines))
    errors: list[BaseException] = []
    engine = database(app).engine
    barrier = threading.Barrier(4)

    def run() -> None:
        try:
            with app.app_context(), Session(engine) as session:
                barrier.wait()
                run_all(session, T0 + WINDOW)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for n, nir in enumerate(nirs):
        opened = space(db, nir)
        assert opened.status == SpaceStatus.OPEN
        assert opened_entries(db, opened.id) == 1
        subjects = [m["Subject"] for m in outbox.to(f"ensemble{n}@example.org")]
        assert subjects.count("Votre espace santé est ouvert : activez-le") == 1
