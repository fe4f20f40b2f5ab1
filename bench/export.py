"""Export time for a space with 1,000 documents: how long the job takes to build the ZIP
(summary, files, FHIR Bundle validated), and how long it holds SQLite's write lock.

    python bench/export.py [--documents 1000] [--runs 3]

Documents are bulk-inserted the way bench/record.py does (they share one stored file, a
small PDF: the archive holds it once per document). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, select

from bench.common import demo_instance
from bench.record import fill_documents, jeanne_space
from espace import clock, create_app
from espace.actors import Actor, ActorRole
from espace.db import database, get_session
from espace.export import job as export_job
from espace.export.services import request_export
from espace.files import file_store
from espace.models import Export, HealthSpace


class LockWatch:
    """The longest write transaction (BEGIN IMMEDIATE to COMMIT) on the engine."""

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self.longest = 0.0
        self._started: float | None = None
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "commit", self._end)
        event.listen(engine, "rollback", self._end)

    def _begin(self, connection) -> None:  # type: ignore[no-untyped-def]
        deferred = connection.get_execution_options().get("sqlite_deferred", False)
        self._started = None if deferred else time.perf_counter()

    def _end(self, _connection) -> None:  # type: ignore[no-untyped-def]
        if self._started is not None:
            self.longest = max(self.longest, time.perf_counter() - self._started)
        self._started = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="espace-bench-") as folder:
        instance = Path(folder)
        demo_instance(instance)
        url = f"sqlite:///{instance / 'espace.sqlite3'}"
        fill_documents(url, total=args.documents, in_jeanne=args.documents)
        space_id = jeanne_space(url)
        app = create_app(
            {"ESPACE_ENV": "development", "INSTANCE_PATH": str(instance), "DATABASE_URL": url,
             "PRINT_EMAILS": False}
        )  # fmt: skip
        watch = LockWatch(database(app).engine)
        timings, locks = [], []
        with app.app_context():
            db = get_session()
            space = db.get(HealthSpace, space_id)
            actor = Actor(ActorRole.HOLDER, space.holder)
            for _ in range(args.runs):
                export, _ = request_export(db, actor, space, clock.now())
                db.commit()
                watch.longest = 0.0
                started = time.perf_counter()
                built = export_job.run(db, clock.now())
                db.commit()
                timings.append(time.perf_counter() - started)
                locks.append(watch.longest)
                if built != 1:
                    raise SystemExit("L'export n'a pas été préparé.")
            stored = db.scalar(select(Export).where(Export.id == export.id)).file
            path, size = file_store().path(stored), stored.size
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        documents = sum(1 for name in names if name.startswith("documents/"))
        print(
            f"Export d'un espace de {documents} documents ({args.runs} essais) : "
            f"médiane {statistics.median(timings):.2f} s, max {max(timings):.2f} s ; "
            f"verrou d'écriture SQLite tenu au plus {max(locks) * 1000:.0f} ms ; "
            f"archive de {size / 1024 / 1024:.1f} Mo, {len(names)} fichiers."
        )


if __name__ == "__main__":
    main()
