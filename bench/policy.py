"""Policy decisions per second: the pure rules, and the full decision on real rows (the
facts gathered from the database, fresh, as every request does).

    python bench/policy.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from espace import create_app
from espace.commands import upgrade
from espace.db import get_session
from espace.demo.seed import seed
from espace.models import Document, HealthSpace, Professional
from espace.policy.access import professional_access
from espace.policy.rules import DocumentFacts, SpaceFacts, document_decision


def per_second(action, seconds: float) -> float:  # type: ignore[no-untyped-def]
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for _ in range(100):
            action()
        done += 100
    return done / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3)
    args = parser.parse_args()
    facts = SpaceFacts(space_open=True, is_gp=False, in_care_team=True, has_consent=False,
                       emergency=None, blocked=False, mask_all=False)  # fmt: skip
    document = DocumentFacts(profession_may_read=True, masked=True, is_author=False)
    pure = per_second(lambda: document_decision(facts, document), args.seconds)
    print(f"règles seules (fonction pure)            : {pure:12,.0f} décisions/s")

    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"ESPACE_ENV": "test", "INSTANCE_PATH": folder,
                          "PASSWORD_HASH_PROFILE": "fast", "PRINT_EMAILS": False})  # fmt: skip
        with app.app_context():
            upgrade()
            db = get_session()
            seed(db)
            db.commit()
            space = db.scalars(
                select(HealthSpace).where(HealthSpace.nir == "254033155512362")
            ).one()
            paul = db.scalars(select(Professional).where(Professional.family_name == "Leroy")).one()
            doc = db.scalars(select(Document).where(Document.space_id == space.id)).first()
            now = datetime.now(UTC)
            full = per_second(lambda: professional_access(db, paul, space, now).document(doc),
                              args.seconds)  # fmt: skip
            print(f"décision complète (faits lus en base)    : {full:12,.0f} décisions/s")
            access = professional_access(db, paul, space, now)
            cached = per_second(lambda: access.document(doc), args.seconds)
            print(f"décision par document, faits déjà lus   : {cached:12,.0f} décisions/s")


if __name__ == "__main__":
    main()
