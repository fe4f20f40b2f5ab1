"""Enumeration timing: does the time of an answer tell whether an account, a code or a
person exists? Sign-in (known address with a wrong password vs unknown address),
activation and opposition (a real code with the wrong NIR vs a code that does not exist).

    python bench/enumeration.py [--tries 60]

In-process (Flask test client), production password hashing, demo data; each try comes
from another address so the rate limits do not close the door mid-measure. The two cases
of a pair alternate, so drift on the machine hits both. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from espace import create_app
from espace.commands import upgrade
from espace.db import get_session
from espace.demo import seed as demo_seed

CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')
CODE = re.compile(r"Votre code d'activation : ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2})")
MONIQUE = "monique.lefort@example.org"  # invented, notified by e-mail in the demo data


def token(client, path: str) -> str:  # type: ignore[no-untyped-def]
    return CSRF.search(client.get(path).get_data(as_text=True)).group(1)


def timed(post) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    post()
    return (time.perf_counter() - started) * 1000


def sign_in(app, email: str, n: int) -> float:  # type: ignore[no-untyped-def]
    client = app.test_client()
    csrf = token(client, "/connexion")
    data = {"csrf_token": csrf, "email": email, "password": "pas-le-bon-mot-de-passe"}
    environ = {"REMOTE_ADDR": f"10.1.{n // 250}.{n % 250}"}
    return timed(lambda: client.post("/connexion", data=data, environ_base=environ))


def code_then_identity(app, journey: str, code: str, nir: str, n: int) -> float:  # type: ignore[no-untyped-def]
    client = app.test_client()
    environ = {"REMOTE_ADDR": f"10.2.{n // 250}.{n % 250}"}
    csrf = token(client, f"/{journey}")
    client.post(f"/{journey}", data={"csrf_token": csrf, "code": code}, environ_base=environ)
    data = {"csrf_token": csrf, "nir": nir, "birth_date-jour": "17",
            "birth_date-mois": "1", "birth_date-annee": "1949"}  # fmt: skip
    return timed(lambda: client.post(f"/{journey}/identite", data=data, environ_base=environ))


def wrong_nir(n: int) -> str:
    from espace.nir import nir_key

    body = f"2490131555{n % 1000:03d}"
    return f"{body}{nir_key(body):02d}"


def report(label: str, first: list[float], second: list[float], names: tuple[str, str]) -> None:
    a, b = statistics.median(first), statistics.median(second)
    print(f"| {label} | {names[0]} : {a:.2f} ms | {names[1]} : {b:.2f} ms | {abs(a - b):.2f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tries", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {"ESPACE_ENV": "test", "INSTANCE_PATH": folder, "PRINT_EMAILS": False,
             "DATABASE_URL": f"sqlite:///{folder}/espace.sqlite3"}
        )  # fmt: skip
        with app.app_context():
            upgrade()
            demo_seed.seed(get_session())
            get_session().commit()
        outbox = Path(folder) / "outbox"
        mails = [p.read_text(errors="replace") for p in sorted(outbox.glob("*.eml"))]
        code = next(m.group(1) for text in mails if MONIQUE in text and (m := CODE.search(text)))

        print("| réponse | cas 1 (médiane) | cas 2 (médiane) | écart |")
        print("|---|---:|---:|---:|")
        known, unknown = [], []
        for n in range(args.tries):
            known.append(sign_in(app, "jeanne.martin@example.org", 2 * n))
            unknown.append(sign_in(app, f"personne{n}@example.org", 2 * n + 1))
        report("connexion", known, unknown, ("adresse connue", "adresse inconnue"))
        for journey in ("activation", "opposition"):
            real, fake = [], []
            other = code[:-2] + ("22" if code[-2:] != "22" else "33")  # well formed, unknown
            for n in range(args.tries):
                real.append(code_then_identity(app, journey, code, wrong_nir(n), 2 * n))
                fake.append(code_then_identity(app, journey, other, wrong_nir(n), 2 * n + 1))
            report(journey, real, fake, ("vrai code, autre NIR", "code inexistant"))


if __name__ == "__main__":
    main()
