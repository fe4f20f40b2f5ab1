"""Loading and resetting the demo data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from espace import clock
from espace.auth.passwords import hash_password
from espace.demo.personas import DEMO_PASSWORD, PERSONAS, PROFESSIONALS, SPACES
from espace.files import file_store
from espace.models import Account, Base, HealthSpace, Professional, SpaceStatus, StoredFile


@dataclass
class Seeded:
    """What the personas became, for the feature seeders that follow."""

    accounts: dict[str, Account] = field(default_factory=dict)
    spaces: dict[str, HealthSpace] = field(default_factory=dict)
    professionals: dict[str, Professional] = field(default_factory=dict)


def is_empty(db: Session) -> bool:
    return db.scalar(select(func.count()).select_from(Account)) == 0


def seed(db: Session) -> Seeded:
    now = clock.now()
    seeded = Seeded()
    password_hash = hash_password(DEMO_PASSWORD)  # same password: hash it once
    for persona in PERSONAS:
        if persona.email is None:
            continue
        account = Account(
            email=persona.email,
            password_hash=password_hash,
            role=persona.role,
            display_name=persona.display_name,
            created_at=now,
        )
        db.add(account)
        seeded.accounts[persona.key] = account
    for item in SPACES:
        opened = item.status in {SpaceStatus.OPEN, SpaceStatus.ACTIVE}
        space = HealthSpace(
            holder=seeded.accounts.get(item.persona),
            nir=item.nir,
            given_name=item.given_name,
            family_name=item.family_name,
            birth_date=item.birth_date,
            department=item.department,
            status=item.status,
            opened_at=now if opened else None,
            activated_at=now if item.status == SpaceStatus.ACTIVE else None,
            created_at=now,
        )
        db.add(space)
        seeded.spaces[item.persona] = space
    for item in PROFESSIONALS:
        professional = Professional(
            rpps=item.rpps,
            profession_code=item.profession_code,
            specialty=item.specialty,
            given_name=item.given_name,
            family_name=item.family_name,
            account=seeded.accounts[item.persona],
        )
        db.add(professional)
        seeded.professionals[item.persona] = professional
    db.flush()
    for feature_seed in feature_seeders():
        feature_seed(db, seeded, now)
        db.flush()
    return seeded


def feature_seeders() -> list[Callable[[Session, Seeded, datetime], None]]:
    """Each feature adds the demo data that shows it on the personas, in this order."""
    from espace.access import demo as access_demo
    from espace.activity import demo as activity_demo
    from espace.agenda import demo as agenda_demo
    from espace.catalogue import demo as catalogue_demo
    from espace.directory import demo as directory_demo
    from espace.documents import demo as documents_demo
    from espace.lifecycle import demo as lifecycle_demo
    from espace.messaging import demo as messaging_demo
    from espace.profile import demo as profile_demo
    from espace.reimbursements import demo as reimbursements_demo
    from espace.representatives import demo as representatives_demo

    # The history is written in time order, before features that record "now".
    return [
        documents_demo.seed,
        access_demo.seed,
        representatives_demo.seed,
        directory_demo.seed,
        activity_demo.seed,
        profile_demo.seed,
        reimbursements_demo.seed,
        lifecycle_demo.seed,  # invented people in each status, and a migrated DMP
        catalogue_demo.seed,  # records Jeanne's consent "now"
        agenda_demo.seed,  # records Dr Durand's appointment "now"
        messaging_demo.seed,  # threads in the past, no history entry
    ]


def wipe(db: Session, keep: frozenset[str] = frozenset()) -> None:
    """Delete every row, children first (foreign keys stay on), but the tables in ``keep``;
    the files on disk go once the transaction commits (the file store's rule)."""
    file_store().remove_after_commit(db, list(db.scalars(select(StoredFile))))
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in keep:
            db.execute(delete(table))
    db.flush()
