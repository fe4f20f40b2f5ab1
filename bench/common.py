"""Shared by the bench scripts: a gunicorn on a free loopback port, wrk, a signed-in cookie.

Figures are printed, never asserted: targets are read by people, against a baseline
measured in the same invocation on the same machine.
"""

from __future__ import annotations

import http.cookiejar
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DEMO_PASSWORD = "Espace-Demo-2026"  # noqa: S105 - the public demo password
JEANNE = "jeanne.martin@example.org"


def machine() -> str:
    """The first line of every bench: figures compare only on the same machine."""
    return (
        f"Machine : {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {len(os.sched_getaffinity(0))} cœurs"
    )


def demo_instance(instance: Path) -> dict[str, str]:
    """Migrations and the demo data in ``instance``; returns the environment of the flask
    commands (development: demo data may be created)."""
    setup = {"ESPACE_INSTANCE_PATH": str(instance), "ESPACE_ENV": "development"}
    flask_command(instance, "db", "upgrade", env=setup)
    flask_command(instance, "demo", "seed", env=setup)
    return setup


def production_env(instance: Path) -> dict[str, str]:
    """Served as in production: no demo features, no e-mails printed, a fresh secret."""
    return {
        "ESPACE_INSTANCE_PATH": str(instance),
        "ESPACE_ENV": "production",
        "ESPACE_SECRET_KEY": secrets.token_urlsafe(48),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(app: str, env: dict[str, str] | None = None, workers: int = 2) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--no-control-socket",
            "--preload",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app,
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not answer on {url}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Result:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(
    name: str, url: str, seconds: int = 5, connections: int = 8, cookie: str | None = None
) -> Result:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk manque : apt-get install wrk")
    command = ["wrk", "--latency", "-t", "2", "-c", str(connections), "-d", f"{seconds}s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command += ["-H", "Accept-Encoding: gzip", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    count = int(errors.group(1)) if errors else 0
    if socket_errors:
        count += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return Result(name, rps, _ms(*p50.groups()), _ms(*p99.groups()), count)


def baseline(name: str = "hello world (référence)", **run: int) -> Result:
    """The hello-world app served the same way, measured the same way."""
    with gunicorn("bench.hello:app") as url:
        return wrk(name, url + "/", **run)


def print_table(results: list[Result], baseline: Result) -> None:
    print(f"{'page':42} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>7} {'errors':>7}")
    for result in [baseline, *results]:
        ratio = result.requests_per_second / baseline.requests_per_second
        print(
            f"{result.name:42} {result.requests_per_second:9.0f} {result.p50_ms:8.2f} "
            f"{result.p99_ms:8.2f} {ratio:7.0%} {result.errors:7d}"
        )


def sign_in_cookie(
    base_url: str,
    instance: Path,
    email: str,
    password: str,
    then: tuple[tuple[str, dict[str, str]], ...] = (),
) -> str:
    """Sign in over HTTP like a browser, then send the forms of ``then`` (path, fields) as
    that person (a search kept with the session...); return the Cookie header."""

    class LoopbackPolicy(http.cookiejar.DefaultCookiePolicy):
        # The app marks its cookie Secure; on loopback, send it over plain HTTP anyway.
        def return_ok_secure(self, cookie, request):  # type: ignore[no-untyped-def]
            return True

        def set_ok(self, cookie, request):  # type: ignore[no-untyped-def]
            return True

    jar = http.cookiejar.CookieJar(LoopbackPolicy())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def form(path: str, fields: dict[str, str]) -> None:
        page = opener.open(base_url + path).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, **fields}).encode()
        opener.open(base_url + path, data=data)

    form("/connexion", {"email": email, "password": password})
    outbox = sorted((instance / "outbox").glob("*.eml"))
    code = re.search(r"code de connexion est : (\d{6})", outbox[-1].read_text()).group(1)
    form("/connexion/code", {"code": code})
    for path, fields in then:
        form(path, fields)
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def flask_command(instance: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "app", *args],
        cwd=ROOT,
        env={**os.environ, "ESPACE_INSTANCE_PATH": str(instance), **(env or {})},
        check=True,
        capture_output=True,
    )
