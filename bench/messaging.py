"""The messaging at size: an inbox with 500 threads (the holder's, and her GP's), a thread
of 200 messages (its latest page, and its oldest), a search over them all, and the unread
count's refresh — as ratios to the hello-world baseline, beside the signed-in dashboard.

    python bench/messaging.py [--seconds 5] [--connections 8] [--threads 500] [--messages 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, func, insert, select

from bench.common import (
    DEMO_PASSWORD,
    JEANNE,
    baseline,
    demo_instance,
    gunicorn,
    print_table,
    production_env,
    sign_in_cookie,
    wrk,
)
from espace.models import HealthSpace, Message, Professional, Thread, ThreadRead

JEANNE_NIR = "254033155512362"
SOPHIE_RPPS = "10100000011"
START = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
BODY = (
    "Bonjour Madame Martin,\n\nVoici **les consignes** pour la semaine :\n- le traitement "
    "matin et soir ;\n- la glycémie à jeun.\n\nVoir https://www.ameli.fr/assure/sante\n\n"
    "Cordialement, Dr Durand"
)


def fill(url: str, threads: int, messages: int) -> tuple[int, int]:
    """``threads`` threads between Jeanne and Dr Durand (two messages each, one in three
    unread) and one thread of ``messages`` messages. Returns (long thread id, page count)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        space = connection.execute(
            select(HealthSpace.id, HealthSpace.holder_account_id).where(
                HealthSpace.nir == JEANNE_NIR
            )
        ).one()
        sophie = connection.execute(
            select(Professional.id, Professional.account_id).where(Professional.rpps == SOPHIE_RPPS)
        ).one()
        existing = connection.execute(select(func.max(Thread.id))).scalar() or 0
        rows = [
            {"space_id": space.id, "professional_id": sophie.id, "subject": f"Question n° {n}",
             "opened_by": "professional", "created_at": START + timedelta(hours=n),
             "last_message_at": START + timedelta(hours=n, minutes=30)}
            for n in range(threads)
        ]  # fmt: skip
        rows.append({
            "space_id": space.id, "professional_id": sophie.id, "subject": "Suivi du diabète",
            "opened_by": "professional", "created_at": START,
            "last_message_at": START + timedelta(days=60),
        })  # fmt: skip
        connection.execute(insert(Thread.__table__), rows)
        ids = list(
            connection.execute(
                select(Thread.id).where(Thread.id > existing).order_by(Thread.id)
            ).scalars()
        )
        long_id, short_ids = ids[-1], ids[:-1]
        messages_rows, reads = [], []
        for n, thread_id in enumerate(short_ids):
            for k, (side, author) in enumerate(
                (("professional", sophie.account_id), ("holder", space.holder_account_id))
            ):
                messages_rows.append({
                    "thread_id": thread_id, "side": side, "author_account_id": author,
                    "kind": "text", "body": f"{BODY} ({n})",
                    "created_at": START + timedelta(hours=n, minutes=30 * k),
                })  # fmt: skip
            if n % 3:
                for account in (space.holder_account_id, sophie.account_id):
                    reads.append({"thread_id": thread_id, "account_id": account,
                                  "read_at": START + timedelta(hours=n, minutes=45)})  # fmt: skip
        for n in range(messages):
            side = "professional" if n % 2 else "holder"
            author = sophie.account_id if n % 2 else space.holder_account_id
            messages_rows.append({
                "thread_id": long_id, "side": side, "author_account_id": author,
                "kind": "text", "body": f"{BODY} ({n})",
                "created_at": START + timedelta(minutes=n * 17),
            })  # fmt: skip
        connection.execute(insert(Message.__table__), messages_rows)
        connection.execute(insert(ThreadRead.__table__), reads)
    engine.dispose()
    return long_id, -(-messages // 20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=500)
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()
    run = {"seconds": args.seconds, "connections": args.connections}

    reference = baseline(**run)
    with tempfile.TemporaryDirectory(prefix="espace-bench-") as folder:
        instance = Path(folder)
        demo_instance(instance)
        database = f"sqlite:///{instance / 'espace.sqlite3'}"
        started = time.perf_counter()
        long_id, pages = fill(database, args.threads, args.messages)
        print(
            f"{args.threads} conversations et {args.messages + 2 * args.threads} messages créés "
            f"en {time.perf_counter() - started:.1f} s"
        )
        env = production_env(instance)
        results = []
        with gunicorn("app:app", env=env) as url:
            jeanne = sign_in_cookie(url, instance, JEANNE, DEMO_PASSWORD)
            sophie = sign_in_cookie(url, instance, "sophie.durand@example.org", DEMO_PASSWORD)
            # The words are posted once and kept with the session: each GET of the results
            # page runs the search again (what the back button does).
            searching = sign_in_cookie(
                url,
                instance,
                JEANNE,
                DEMO_PASSWORD,
                then=(("/messagerie/recherche", {"q": "glycemie"}),),
            )
            n = args.threads
            pages_of = {
                "/tableau-de-bord (référence connectée)": ("/tableau-de-bord", jeanne),
                f"/messagerie ({n} conversations, titulaire)": ("/messagerie", jeanne),
                f"/messagerie ({n} conversations, médecin)": ("/messagerie", sophie),
                "/messagerie?page=20 (médecin)": ("/messagerie?page=20", sophie),
                f"/messagerie/{long_id} ({args.messages} messages)": (f"/messagerie/{long_id}",
                                                                       jeanne),
                f"/messagerie/{long_id}?page={pages} (les plus anciens)": (
                    f"/messagerie/{long_id}?page={pages}", jeanne),
                "/messagerie/recherche (« glycemie »)": ("/messagerie/recherche", searching),
                "/messagerie/non-lus (compteur)": ("/messagerie/non-lus", jeanne),
            }  # fmt: skip
            for label, (path, cookie) in pages_of.items():
                results.append(wrk(label, url + path, cookie=cookie, **run))
        print_table(results, reference)


if __name__ == "__main__":
    main()
