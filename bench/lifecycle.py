"""The life of a space at size: the enrolment import rate for 100,000 people, and the time of
``jobs run`` when 100,000 spaces are due to open. Peak memory of each command is printed.

    python bench/lifecycle.py [--people 100000] [--email-share 0.7]

A fresh instance (migrations, no demo data) in a temporary folder, the application in
``production`` mode (e-mails are written to the outbox, not printed). The file is
generated with invented names: 70 % of people have an e-mail address (the notice goes out
at once, with its code), the others get a letter to print. The windows are then moved
into the past (letters marked printed) and ``jobs run`` opens every space.
"""

from __future__ import annotations

import argparse
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, func, select, update

from bench.common import ROOT, VENV_BIN, flask_command
from espace.lifecycle.enrolment_file import COLUMNS
from espace.models import HealthSpace, Notice, SpaceStatus
from espace.nir import nir_key

GIVEN = ["Colette", "Marcel", "Odette", "Lucien", "Yvette", "Gérard", "Aimée", "Basile"]
FAMILY = ["Durand", "Lefort", "Marchand", "Caron", "Girard", "Perrin", "Masson", "Roussel"]
DEPARTMENTS = ["31", "44", "80"]


def write_file(path: Path, people: int, email_share: float) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(";".join(COLUMNS) + "\n")
        for n in range(people):
            department = DEPARTMENTS[n % 3]
            year = 30 + n % 70
            body = f"{1 + n % 2}{year:02d}{1 + n % 12:02d}{department}{n // 1000:03d}{n % 1000:03d}"
            nir = f"{body}{nir_key(body):02d}"
            birth = f"19{year:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
            given, family = GIVEN[n % 8], f"{FAMILY[n // 8 % 8]}{n}"
            if (n % 100) < email_share * 100:
                contact = f"personne{n}@example.org;;;"
            else:
                contact = f";{n % 200 + 1} rue des Lilas;{department}000;Ville{department}"
            out.write(f"{nir};{family};{given};{birth};{contact};{department};\n")


def timed(instance: Path, env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, output) of one ``flask`` command. CPU time is printed too:
    on a busy machine it says what the command costs, whatever else runs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "app", *args],
        cwd=ROOT, env={**os.environ, "ESPACE_INSTANCE_PATH": str(instance), **env},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 3):
        raise SystemExit(result.stderr[-2000:])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(f"  mémoire maximale : {after.ru_maxrss / 1024:.0f} Mo (processus le plus gros)")
    return elapsed, cpu, result.stdout


def move_windows_into_the_past(url: str) -> int:
    engine = create_engine(url)
    past = datetime.now(UTC) - timedelta(days=1)
    with engine.begin() as connection:
        connection.execute(
            update(Notice.__table__)
            .where(Notice.__table__.c.printed_at.is_(None), Notice.__table__.c.sent_at.is_(None))
            .values(printed_at=past - timedelta(days=42))
        )
        connection.execute(update(Notice.__table__).values(window_ends_at=past))
        due = connection.execute(
            select(func.count()).select_from(HealthSpace.__table__).where(
                HealthSpace.__table__.c.status == SpaceStatus.NOTIFIED.value)
        ).scalar_one()  # fmt: skip
    engine.dispose()
    return due


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--email-share", type=float, default=0.7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="espace-bench-") as folder:
        instance = Path(folder)
        env = {"ESPACE_ENV": "production", "ESPACE_SECRET_KEY": secrets.token_urlsafe(48)}
        flask_command(instance, "db", "upgrade", env=env)
        path = instance / "assures.csv"
        write_file(path, args.people, args.email_share)
        print(f"Fichier : {args.people} personnes, {path.stat().st_size / 1e6:.1f} Mo")

        print("enrolment import :")
        elapsed, cpu, output = timed(instance, env, "enrolment", "import", str(path))
        print("  " + output.replace("\n", "\n  ").rstrip())
        print(
            f"  {elapsed:.1f} s ({cpu:.1f} s de calcul), soit {args.people / elapsed:.0f} "
            f"personnes par seconde ({args.people / cpu:.0f} par seconde de calcul)"
        )

        print("enrolment import du même fichier (personne n'est avisé deux fois) :")
        elapsed, cpu, _ = timed(instance, env, "enrolment", "import", str(path))
        print(
            f"  {elapsed:.1f} s ({cpu:.1f} s de calcul), soit {args.people / elapsed:.0f} "
            "lignes par seconde"
        )

        due = move_windows_into_the_past(f"sqlite:///{instance / 'espace.sqlite3'}")
        print(f"jobs run ({due} espaces à ouvrir) :")
        elapsed, cpu, output = timed(instance, env, "jobs", "run")
        opened = next(line for line in output.splitlines() if "espaces ouverts" in line)
        print(f"  {opened.strip()}")
        print(
            f"  {elapsed:.1f} s ({cpu:.1f} s de calcul), soit {due / elapsed:.0f} espaces "
            f"ouverts par seconde ({due / cpu:.0f} par seconde de calcul)"
        )
        elapsed, cpu, _ = timed(instance, env, "jobs", "run")
        print(f"jobs run une seconde fois (rien à faire) : {elapsed:.1f} s ({cpu:.1f} s de calcul)")


if __name__ == "__main__":
    main()
