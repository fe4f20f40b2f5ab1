"""Demo data of the profile. SKELETON: to be written."""


def seed(db, seeded, now) -> None:  # type: ignore[no-untyped-def]
    return None
