"""The directory at national size: a generated extract in the national format (invented
names), its import rate and peak memory, search latency over varied queries, and the
search page under gunicorn + wrk as a ratio to the hello-world baseline.

    python bench/directory.py [--lines 1000000] [--queries 400] [--seconds 5]
    python bench/directory.py --generate FICHIER [--lines N]   # only write an extract

Targets (issue 6, on the 2-core machine): import ≥ 20 000 lines per second, peak memory
under 200 MB, search p95 under 20 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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
from espace.directory.invented import (
    GIVEN,
    PROFESSIONS,
    SPECIALTIES,
    TOWNS,
    family_name,
    generate,
)


def timed_import(instance: Path, path: Path) -> tuple[float, float, str]:
    """Seconds, peak memory (MB) of the import's own process, and its summary."""
    env = {**os.environ, "ESPACE_INSTANCE_PATH": str(instance), "ESPACE_ENV": "development"}
    command = [str(VENV_BIN / "flask"), "--app", "app", "annuaire", "import", str(path)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode not in (0, 3):
            raise SystemExit(err.read()[-2000:])
        return elapsed, usage.ru_maxrss / 1024, out.read()


def queries(count: int, seed: int = 7) -> list[dict[str, str]]:
    """Varied searches, as people type them: prefixes, whole names, with a town or a
    profession, town or postcode alone, and some broad ones."""
    rng = random.Random(seed)
    asked: list[dict[str, str]] = []
    while len(asked) < count:
        name = family_name(rng).lower()
        town, postcode, department, _ = rng.choice(TOWNS)
        code = rng.choice(PROFESSIONS)[0]
        asked.append(rng.choice([
            {"name": name[: rng.randint(2, 5)]},
            {"name": name},
            {"name": f"{rng.choice(GIVEN)} {name}"},
            {"name": name[:4], "town": town},
            {"name": name[:3], "profession": code},
            {"name": name, "department": department},
            {"profession": code, "town": town},
            {"specialty": rng.choice(SPECIALTIES)[0], "department": department},
            {"postcode": postcode, "profession": code},
            {"town": town},
            {"name": rng.choice(["n'diaye", "le gall", "Müller", "lefe", "da silva"])},
        ]))  # fmt: skip
    return asked


def search_latencies(instance: Path, asked: list[dict[str, str]]) -> list[float]:
    from espace import create_app
    from espace.db import get_session
    from espace.directory.search import SearchRequest, search

    app = create_app({"ESPACE_ENV": "test", "INSTANCE_PATH": str(instance),
                      "PASSWORD_HASH_PROFILE": "fast", "PRINT_EMAILS": False})  # fmt: skip
    timings = []
    with app.app_context():
        db = get_session()
        for criteria in asked[:20]:  # warm the page cache, as a running server has it
            search(db, SearchRequest(**criteria))
        for criteria in asked:
            started = time.perf_counter()
            results = search(db, SearchRequest(**criteria))
            [len(p.sites) for p in results.professionals]  # what the page reads
            timings.append((time.perf_counter() - started) * 1000)
            db.rollback()
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--generate", type=Path, help="write an extract there, and stop")
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.lines)
        return
    run = {"seconds": args.seconds, "connections": args.connections}
    with tempfile.TemporaryDirectory(prefix="espace-bench-") as folder:
        instance = Path(folder)
        extract = instance / "extraction.txt"
        started = time.perf_counter()
        generate(extract, args.lines)
        size = extract.stat().st_size / 1e6
        took = time.perf_counter() - started
        print(f"Extraction générée : {args.lines} lignes, {size:.0f} Mo, en {took:.1f} s")
        demo_instance(instance)

        for label in ("premier import", "second import (rien n'a changé)"):
            elapsed, peak, output = timed_import(instance, extract)
            print(f"{label} : {elapsed:.1f} s, {args.lines / elapsed:,.0f} lignes/s, "
                  f"mémoire maximale du processus {peak:.0f} Mo")  # fmt: skip
            print("   " + " | ".join(output.strip().splitlines()[1:6]))
        database = instance / "espace.sqlite3"
        print(f"Base : {database.stat().st_size / 1e6:.0f} Mo")

        asked = queries(args.queries)
        timings = search_latencies(instance, asked)
        print(
            f"Recherche ({len(asked)} requêtes variées) : p50 {statistics.median(timings):.2f} ms, "
            f"p95 {percentile(timings, 0.95):.2f} ms, p99 {percentile(timings, 0.99):.2f} ms, "
            f"max {max(timings):.2f} ms"
        )

        reference = baseline(**run)
        env = production_env(instance)
        results = []
        with gunicorn("app:app", env=env) as url:
            cookie = sign_in_cookie(url, instance, JEANNE, DEMO_PASSWORD)
            for path in ("/annuaire", "/annuaire?name=mar&town=toulouse",
                         "/annuaire?name=lefe&profession=10", "/annuaire?name=dur"):  # fmt: skip
                results.append(wrk(path, url + path, cookie=cookie, **run))
        print_table(results, reference)


if __name__ == "__main__":
    main()
