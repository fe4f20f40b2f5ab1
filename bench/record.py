"""The record at size: the documents list and a document page with 1,000 documents in the
space and 100,000 in the database, as ratios to the hello-world baseline; and the time of
``audit verify`` per 100,000 history entries.

    python bench/record.py [--seconds 5] [--connections 8] [--documents 100000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, select, text

from bench.common import (
    DEMO_PASSWORD,
    JEANNE,
    ROOT,
    VENV_BIN,
    baseline,
    demo_instance,
    gunicorn,
    print_table,
    production_env,
    sign_in_cookie,
    wrk,
)
from espace.audit.chain import GENESIS, entry_hash
from espace.models import AuditEntry, AuditHead, Document, HealthSpace
from espace.nir import nir_key

JEANNE_NIR = "254033155512362"
OPENED = datetime(2026, 1, 1, tzinfo=UTC)
CATEGORIES = ["compte_rendu", "prescription", "synthese", "imagerie", "dispensation"]


def fill_documents(url: str, total: int, in_jeanne: int = 1000) -> int:
    """Bulk-insert document rows (metadata; they share one stored file). Returns Jeanne's
    latest document id."""
    engine = create_engine(url)
    with engine.begin() as connection:
        jeanne, file_id, author = connection.execute(
            select(HealthSpace.id, Document.file_id, Document.author_professional_id)
            .join(Document, Document.space_id == HealthSpace.id)
            .where(HealthSpace.nir == JEANNE_NIR, Document.author_professional_id.is_not(None))
            .limit(1)
        ).one()
        others = max(1, (total - in_jeanne) // 100)
        spaces = []
        for n in range(others):
            body = f"1{80 + n % 19:02d}01{31:02d}{n // 1000 % 1000:03d}{n % 1000:03d}"
            spaces.append({
                "nir": f"{body}{nir_key(body):02d}", "given_name": "Personne",
                "family_name": f"Fictive{n}", "birth_date": date(1980, 1, 1),
                "department": "31", "status": "open",
                "created_at": OPENED, "opened_at": OPENED,
            })  # fmt: skip
        connection.execute(insert(HealthSpace.__table__), spaces)
        other_ids = list(
            connection.execute(
                select(HealthSpace.id).where(HealthSpace.family_name.like("Fictive%"))
            ).scalars()
        )
        rows = []
        start = datetime(2024, 1, 1, tzinfo=UTC)
        for n in range(total):
            space_id = jeanne if n < in_jeanne else other_ids[n % len(other_ids)]
            rows.append({
                "space_id": space_id, "title": f"Compte rendu de consultation {n}",
                "category": CATEGORIES[n % len(CATEGORIES)],
                "document_date": (start + timedelta(hours=n)).date(),
                "author_kind": "professional", "author_professional_id": author,
                "file_id": file_id, "masked": False,
                "created_at": start, "updated_at": start,
            })  # fmt: skip
            if len(rows) == 10_000:
                connection.execute(insert(Document.__table__), rows)
                rows = []
        if rows:
            connection.execute(insert(Document.__table__), rows)
        latest = connection.execute(
            select(Document.id)
            .where(Document.space_id == jeanne)
            .order_by(Document.id.desc())
            .limit(1)
        ).scalar_one()
    engine.dispose()
    return latest


def jeanne_space(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = connection.execute(
            select(HealthSpace.id).where(HealthSpace.nir == JEANNE_NIR)
        ).scalar_one()
    engine.dispose()
    return found


def fill_history(url: str, count: int) -> None:
    """Append ``count`` entries to the chain, hashed exactly as the application does."""
    engine = create_engine(url)
    with engine.begin() as connection:
        head = connection.execute(select(AuditHead.seq, AuditHead.hash)).one_or_none()
        seq, previous = head if head else (0, GENESIS)
        moment = datetime(2026, 1, 1, tzinfo=UTC)
        rows = []
        for _ in range(count):
            seq += 1
            entry = AuditEntry(
                seq=seq, occurred_at=moment + timedelta(seconds=seq), space_id=1,
                event="document.viewed", actor_role="professional", actor_account_id=5,
                actor_professional_id=1, actor_profession_code="10", target_type="document",
                target_id=seq, category="prescription", reason=None, prev_hash=previous, hash="",
            )  # fmt: skip
            entry.hash = entry_hash(entry)
            previous = entry.hash
            row = {c.name: getattr(entry, c.name) for c in AuditEntry.__table__.columns}
            rows.append(row)
            if len(rows) == 10_000:
                connection.execute(insert(AuditEntry.__table__), rows)
                rows = []
        if rows:
            connection.execute(insert(AuditEntry.__table__), rows)
        connection.execute(text("DELETE FROM audit_head"))
        connection.execute(insert(AuditHead.__table__), {"id": 1, "seq": seq, "hash": previous})
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--history", type=int, default=100_000)
    args = parser.parse_args()
    run = {"seconds": args.seconds, "connections": args.connections}

    reference = baseline(**run)
    with tempfile.TemporaryDirectory(prefix="espace-bench-") as folder:
        instance = Path(folder)
        setup = demo_instance(instance)
        database = f"sqlite:///{instance / 'espace.sqlite3'}"
        started = time.perf_counter()
        latest = fill_documents(database, args.documents)
        print(f"{args.documents} documents créés en {time.perf_counter() - started:.1f} s")
        env = production_env(instance)
        results = []
        with gunicorn("app:app", env=env) as url:
            cookie = sign_in_cookie(url, instance, JEANNE, DEMO_PASSWORD)
            results.append(
                wrk("/documents (1 000 dans l'espace)", url + "/documents", cookie=cookie, **run)
            )
            results.append(
                wrk("/documents?page=40", url + "/documents?page=40", cookie=cookie, **run)
            )
            results.append(
                wrk(f"/documents/{latest}", f"{url}/documents/{latest}", cookie=cookie, **run)
            )
            # The same space seen by a professional of the care team (the matrix applied).
            pharmacist = sign_in_cookie(url, instance, "paul.leroy@example.org", DEMO_PASSWORD)
            space = f"/pro/patients/{jeanne_space(database)}"
            label = f"{space} (pharmacien, matrice)"
            results.append(wrk(label, url + space, cookie=pharmacist, **run))
        print_table(results, reference)

        fill_history(database, args.history)
        command = [str(VENV_BIN / "flask"), "--app", "app", "audit", "verify"]
        started = time.perf_counter()
        output = subprocess.run(
            command, cwd=ROOT, env={**__import__("os").environ, **setup},
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        elapsed = time.perf_counter() - started
        entries = int(output.split("OK : ")[1].split(" ")[0])
        print(
            f"audit verify : {entries} entrées en {elapsed:.2f} s "
            f"({elapsed / entries * 100_000:.2f} s pour 100 000 entrées, démarrage compris)"
        )


if __name__ == "__main__":
    main()
