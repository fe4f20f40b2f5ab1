"""Background jobs: ``flask --app app jobs run`` runs every due job once.

Safe to call from cron every minute, and twice at the same time: each job claims its
rows with a conditional UPDATE that succeeds only once, inside its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Job:
    name: str
    label: str  # what the summary prints, in French
    run: Callable[[Session, datetime], int]


def registry() -> list[Job]:
    """Every job, in the order they run."""
    from espace.access.deposits import release_due, send_held_notices

    return [
        Job("held-notices", "avis neutres pour des résultats en attente", send_held_notices),
        Job("held-release", "résultats rendus visibles après un mois", release_due),
    ]


def run_all(db: Session, now: datetime) -> dict[str, int]:
    """Run each job in its own transaction; returns how many items each one handled."""
    done: dict[str, int] = {}
    for job in registry():
        try:
            done[job.name] = job.run(db, now)
            db.commit()
        except Exception:
            db.rollback()
            raise
    return done
