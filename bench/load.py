"""Load and latency of the main pages, at the demo size and at scale, against a hello-world
baseline measured in the same run (issue 9 targets, checked and printed, never asserted).

    python bench/load.py [--seconds 5] [--connections 8]
                         [--spaces 100000] [--documents 1000000] [--directory 1000000]

For each size: a fresh instance (migrations, demo data, then ``demo scale`` for the scale
size), gunicorn with 2 workers serving it as in production, wrk on each page. Targets on a
2-core machine: every signed-in page at least 25 % of the baseline's requests per second
with a p99 under 50 ms at 8 connections; no page more than 1.5 times slower at scale.

The accessibility statement is measured twice, as floors: anonymous (a static page, no
database) and signed in (the same page with only what every signed-in page does: the
session, the spaces managed, the menu and its counters; no health data, no history entry).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    DEMO_PASSWORD,
    Result,
    baseline,
    demo_instance,
    flask_command,
    gunicorn,
    machine,
    production_env,
    sign_in_cookie,
    wrk,
)

JEANNE_NIR = "254033155512362"


def pages(instance: Path) -> list[tuple[str, str, str | None]]:
    """(label, path, who) of the measured pages; ``who`` signs in first (None: anonymous)."""
    with sqlite3.connect(instance / "espace.sqlite3") as db:
        space = db.execute("SELECT id FROM health_space WHERE nir = ?", (JEANNE_NIR,)).fetchone()
        thread = db.execute(
            "SELECT id FROM thread WHERE space_id = ? ORDER BY id LIMIT 1", space
        ).fetchone()
    jeanne, sophie = "jeanne.martin@example.org", "sophie.durand@example.org"
    return [
        ("/ (accueil public)", "/", None),
        ("/connexion", "/connexion", None),
        ("/accessibilite (statique, anonyme)", "/accessibilite", None),
        ("/accessibilite (connecté : session et menu seuls)", "/accessibilite", jeanne),
        ("/tableau-de-bord", "/tableau-de-bord", jeanne),
        ("/documents", "/documents", jeanne),
        ("/pro/patients/<id> (médecin traitant)", f"/pro/patients/{space[0]}", sophie),
        ("/annuaire?name=mar&town=toulouse", "/annuaire?name=mar&town=toulouse", jeanne),
        ("/messagerie/<id> (conversation)", f"/messagerie/{thread[0]}", jeanne),
    ]


def measure(instance: Path, run: dict) -> list[Result]:
    env = production_env(instance)
    results = []
    with gunicorn("app:app", env=env) as url:
        cookies: dict[str, str] = {}
        for label, path, who in pages(instance):
            if who and who not in cookies:
                cookies[who] = sign_in_cookie(url, instance, who, DEMO_PASSWORD)
            results.append(wrk(label, url + path, cookie=cookies.get(who), **run))
    return results


def prepare(folder: Path, scale: list[str] | None) -> Path:
    instance = folder
    setup = demo_instance(instance)
    if scale:
        started = time.monotonic()
        flask_command(instance, "demo", "scale", *scale, env=setup)
        print(f"demo scale {' '.join(scale)} : {time.monotonic() - started:.0f} s")
    return instance


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--spaces", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--directory", type=int, default=1_000_000)
    args = parser.parse_args()
    run = {"seconds": args.seconds, "connections": args.connections}
    print(f"{machine()} ; wrk {args.connections} connexions, {args.seconds} s par page")
    scale = ["--spaces", str(args.spaces), "--documents", str(args.documents),
             "--directory", str(args.directory)]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="espace-load-") as folder:
        demo = prepare(Path(folder) / "demo", None)
        big = prepare(Path(folder) / "echelle", scale)
        anonymous = {label for label, _, who in pages(demo) if who is None}
        reference = baseline(**run)
        at_demo = measure(demo, run)
        at_scale = measure(big, run)
        reference_after = baseline("hello world (référence, fin)", **run)
    base = (reference.requests_per_second + reference_after.requests_per_second) / 2
    print()
    print("| page | taille | req/s | p50 ms | p99 ms | ratio à la référence | échelle / démo |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for ref in (reference, reference_after):
        print(f"| {ref.name} | | {ref.requests_per_second:.0f} | {ref.p50_ms:.2f} | "
              f"{ref.p99_ms:.2f} | 100 % | |")  # fmt: skip
    missed = []
    for small, large in zip(at_demo, at_scale, strict=True):
        slower = small.requests_per_second / max(large.requests_per_second, 0.1)
        for size, result in (("démo", small), ("échelle", large)):
            ratio = result.requests_per_second / base
            extra = f"{slower:.2f}" if size == "échelle" else ""
            print(
                f"| {result.name} | {size} | {result.requests_per_second:.0f} | "
                f"{result.p50_ms:.2f} | {result.p99_ms:.2f} | {ratio:.0%} | {extra} |"
            )
            signed_in = result.name not in anonymous
            if signed_in and ratio < 0.25:
                missed.append(f"{result.name} ({size}) : {ratio:.0%} de la référence")
            if signed_in and result.p99_ms >= 50:
                missed.append(f"{result.name} ({size}) : p99 {result.p99_ms:.0f} ms")
            if result.errors:
                missed.append(f"{result.name} ({size}) : {result.errors} erreurs")
        if slower > 1.5:
            missed.append(f"{small.name} : {slower:.2f} fois plus lent à l'échelle")
    print()
    print("Objectifs manqués :" if missed else "Tous les objectifs sont atteints.")
    for line in missed:
        print(f"- {line}")


if __name__ == "__main__":
    main()
