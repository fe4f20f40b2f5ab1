"""Demo data of the reimbursements. SKELETON: to be written."""


def seed(db, seeded, now) -> None:  # type: ignore[no-untyped-def]
    return None
