"""Throughput and latency of our pages against a hello-world baseline, same run, same machine.

    python bench/run.py [--seconds 5] [--connections 8]

Starts gunicorn (2 workers) on a free loopback port for the baseline, then for the app on a
fresh instance with the demo data, and runs wrk against each page.
"""

from __future__ import annotations

import argparse
import platform
import secrets
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import flask_command, gunicorn, print_table, sign_in_cookie, wrk

PASSWORD = "Espace-Demo-2026"  # noqa: S105 - the public demo password


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    run = {"seconds": args.seconds, "connections": args.connections}

    print(
        f"Machine : {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {len(__import__('os').sched_getaffinity(0))} cœurs"
    )
    with gunicorn("bench.hello:app") as url:
        baseline = wrk("hello world (référence)", url + "/", **run)

    with tempfile.TemporaryDirectory(prefix="espace-bench-") as folder:
        instance = Path(folder)
        setup = {"ESPACE_INSTANCE_PATH": str(instance), "ESPACE_ENV": "development"}
        flask_command(instance, "db", "upgrade", env=setup)
        flask_command(instance, "demo", "seed", env=setup)
        # Served as in production: no demo features, no e-mails printed.
        env = {
            "ESPACE_INSTANCE_PATH": str(instance),
            "ESPACE_ENV": "production",
            "ESPACE_SECRET_KEY": secrets.token_urlsafe(48),
        }
        results = []
        with gunicorn("app:app", env=env) as url:
            cookie = sign_in_cookie(url, instance, "jeanne.martin@example.org", PASSWORD)
            results.append(wrk("/ (accueil public)", url + "/", **run))
            results.append(wrk("/connexion", url + "/connexion", **run))
            results.append(
                wrk("/tableau-de-bord (connectée)", url + "/tableau-de-bord", cookie=cookie, **run)
            )
    print_table(results, baseline)


if __name__ == "__main__":
    main()
