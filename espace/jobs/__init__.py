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
    from espace.agenda.reminders import send_reminders
    from espace.auth.sessions import forget_searches
    from espace.closure.purge import purge_due
    from espace.export import job as export_job
    from espace.lifecycle.opening import open_due
    from espace.representatives.services import coming_of_age

    return [
        Job("space-opening", "espaces ouverts après le délai d'opposition", open_due),
        Job("held-notices", "avis neutres pour des résultats en attente", send_held_notices),
        Job("held-release", "résultats rendus visibles après un mois", release_due),
        Job("appointment-reminders", "rappels de rendez-vous envoyés", send_reminders),
        Job("coming-of-age", "espaces devenus ceux de leur titulaire à 18 ans", coming_of_age),
        Job("exports", "fichiers « Télécharger mes données » préparés", export_job.run),
        Job("space-purge", "espaces fermés dont les données sont supprimées", purge_due),
        Job("forgotten-searches", "recherches oubliées des sessions terminées", forget_searches),
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
