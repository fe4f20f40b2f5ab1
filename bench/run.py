"""Throughput and latency of our pages against a hello-world baseline, same run, same machine.

    python bench/run.py [--seconds 5] [--connections 8]

Starts gunicorn (2 workers) on a free loopback port for the baseline, then for the app on a
fresh instance with the demo data, and runs wrk against each page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    DEMO_PASSWORD,
    JEANNE,
    baseline,
    demo_instance,
    gunicorn,
    machine,
    print_table,
    production_env,
    sign_in_cookie,
    wrk,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    run = {"seconds": args.seconds, "connections": args.connections}

    print(machine())
    reference = baseline(**run)

    with tempfile.TemporaryDirectory(prefix="espace-bench-") as folder:
        instance = Path(folder)
        demo_instance(instance)
        env = production_env(instance)
        results = []
        with gunicorn("app:app", env=env) as url:
            cookie = sign_in_cookie(url, instance, JEANNE, DEMO_PASSWORD)
            results.append(wrk("/ (accueil public)", url + "/", **run))
            results.append(wrk("/connexion", url + "/connexion", **run))
            results.append(
                wrk("/tableau-de-bord (connectée)", url + "/tableau-de-bord", cookie=cookie, **run)
            )
    print_table(results, reference)


if __name__ == "__main__":
    main()
