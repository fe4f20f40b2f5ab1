"""Faults: concurrent writers on 2 gunicorn workers, then the workers killed with SIGKILL in
the middle of the writes and restarted, and an online backup taken while writes go on.

    python bench/faults.py [--threads 100] [--writes 20]

Each client thread adds private notes (one write of health data and one history entry
each, through the real form with its CSRF token). A write counts as acknowledged when the
client received the redirect that follows a committed write. Afterwards: every
acknowledged note is in the database, ``PRAGMA integrity_check`` says ``ok``, the history
chain verifies (``audit verify``), and the same holds for the backup restored elsewhere.
Prints the figures and ends with a non-zero status when a check fails.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    DEMO_PASSWORD,
    JEANNE,
    ROOT,
    VENV_BIN,
    demo_instance,
    free_port,
    production_env,
    sign_in_cookie,
)

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Server:
    """gunicorn with 2 workers in its own process group, so SIGKILL reaches all of it."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--no-control-socket", "--preload", "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", "app:app"],
            cwd=ROOT, env={**os.environ, **self.env}, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("gunicorn ne répond pas")

    def kill(self) -> None:
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)


class Writers:
    def __init__(self, server: Server, cookie: str, threads: int, writes: int) -> None:
        self.server, self.cookie = server, cookie
        self.threads, self.writes = threads, writes
        self.acknowledged: list[str] = []
        self.errors: list[str] = []  # HTTP answers other than the redirect of a write
        self.refused_connections = 0  # while the server was down
        self.locked = 0
        self.lock = threading.Lock()

    def _request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        request = urllib.request.Request(
            self.server.url + path,
            data=urllib.parse.urlencode(data).encode() if data else None,
            headers={"Cookie": self.cookie},
        )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def run_one(self, thread: int) -> None:
        done = 0
        while done < self.writes:
            title = f"Note {thread}-{done}"
            try:
                status, page = self._request("/profil/notes/ajouter")
                token = TOKEN.search(page)
                if status != 200 or token is None:
                    raise ConnectionError(status)
                status, page = self._request(
                    "/profil/notes/ajouter",
                    {"csrf_token": token.group(1), "title": title, "body": "Écriture"},
                )
            except (OSError, ConnectionError, http.client.HTTPException):
                # Refused, or cut off mid-answer by the kill: never acknowledged.
                with self.lock:
                    self.refused_connections += 1
                time.sleep(0.05)
                continue  # not acknowledged: the client tries again, as a person would
            with self.lock:
                if status == 302:
                    self.acknowledged.append(title)
                else:
                    self.errors.append(f"{status} {title}")
                    self.locked += "database is locked" in page
            done += 1

    def run(self) -> None:
        pool = [threading.Thread(target=self.run_one, args=(n,)) for n in range(self.threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def checks(database: Path, instance: Path, titles: list[str], env: dict[str, str]) -> dict:
    with sqlite3.connect(database) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        present = {row[0] for row in connection.execute("SELECT title FROM private_note")}
    verify = subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "app", "audit", "verify"],
        cwd=ROOT, env={**os.environ, **env, "ESPACE_INSTANCE_PATH": str(instance)},
        capture_output=True, text=True,
    )  # fmt: skip
    missing = [t for t in titles if t not in present]
    return {"integrity": integrity, "missing": missing, "chain": verify.returncode == 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=100)
    parser.add_argument("--writes", type=int, default=20)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder) / "instance"
        demo_instance(instance)
        env = production_env(instance)
        server = Server(env)
        server.start()
        cookie = sign_in_cookie(server.url, instance, JEANNE, DEMO_PASSWORD)

        print(f"1. {args.threads} clients × {args.writes} écritures, 2 processus gunicorn")
        writers = Writers(server, cookie, args.threads, args.writes)
        started = time.monotonic()
        writers.run()
        elapsed = time.monotonic() - started
        total = args.threads * args.writes
        print(f"   {len(writers.acknowledged)} écritures confirmées sur {total} en {elapsed:.1f} s "
              f"({len(writers.acknowledged) / elapsed:.0f} par seconde) ; erreurs : "
              f"{len(writers.errors)} ; « database is locked » : {writers.locked}")  # fmt: skip
        ok &= not writers.errors and len(writers.acknowledged) == total

        print("2. SIGKILL des processus au milieu des écritures, puis redémarrage")
        crash = Writers(server, cookie, args.threads, args.writes)
        runner = threading.Thread(target=crash.run)
        runner.start()
        while len(crash.acknowledged) < total // 3:
            time.sleep(0.01)
        server.kill()
        killed_at = len(crash.acknowledged)
        time.sleep(0.5)
        server.start()
        runner.join()
        print(
            f"   tué après {killed_at} écritures confirmées ; {crash.refused_connections} "
            f"tentatives refusées pendant l'arrêt ; erreurs HTTP : {len(crash.errors)}"
        )
        ok &= not crash.errors

        print("3. Sauvegarde en ligne pendant des écritures")
        during = Writers(server, cookie, 10, args.writes)
        runner = threading.Thread(target=during.run)
        runner.start()
        backup = Path(folder) / "sauvegarde"
        result = subprocess.run(
            [str(VENV_BIN / "flask"), "--app", "app", "ops", "backup", str(backup)],
            cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True,
        )  # fmt: skip
        runner.join()
        server.stop()
        print("   " + result.stdout.strip().replace("\n", "\n   "))
        ok &= result.returncode == 0

        titles = writers.acknowledged + crash.acknowledged + during.acknowledged
        found = checks(instance / "espace.sqlite3", instance, titles, env)
        print(f"4. Base après l'arrêt brutal : intégrité {found['integrity']}, "
              f"{len(titles) - len(found['missing'])} écritures confirmées retrouvées sur "
              f"{len(titles)}, chaîne de l'historique "
              f"{'vérifiée' if found['chain'] else 'ROMPUE'}")  # fmt: skip
        ok &= found["integrity"] == "ok" and not found["missing"] and found["chain"]
        restored = checks(backup / "espace.sqlite3", backup, [], env)
        print(f"5. Sauvegarde restaurée : intégrité {restored['integrity']}, chaîne "
              f"{'vérifiée' if restored['chain'] else 'ROMPUE'}")  # fmt: skip
        ok &= restored["integrity"] == "ok" and restored["chain"]
    print("Résultat :", "tout est bon" if ok else "ÉCHEC")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
