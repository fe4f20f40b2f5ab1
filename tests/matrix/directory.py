"""Matrix rows of the directory: searching and reading a professional's page is for
holders and professionals (public information, behind sign-in); declaring a GP from it is
the holder's."""

from sqlalchemy import select

from espace.models import Professional
from tests.matrix import HOLDERS_ONLY, ROLES

SIGNED_IN_PEOPLE = {**dict.fromkeys(ROLES, 200), "anonymous": 302, "operator": 404,
                    "facilitator": 404}  # fmt: skip
DOCTOR_RPPS = "10555810350"  # Dr Joël Pierre, médecine générale (the sample extract)


def doctor_id(db) -> int:  # type: ignore[no-untyped-def]
    return db.scalars(select(Professional.id).where(Professional.rpps == DOCTOR_RPPS)).one()


URLS = {
    "directory.detail": lambda db: f"/annuaire/{doctor_id(db)}",
    "directory.declare_gp": lambda db: f"/annuaire/{doctor_id(db)}/medecin-traitant",
}
ROWS = {
    ("directory.index", "GET"): SIGNED_IN_PEOPLE,
    ("directory.detail", "GET"): SIGNED_IN_PEOPLE,
    ("directory.declare_gp", "GET"): HOLDERS_ONLY,
}
POST_ONLY = {"directory.keep"}  # tests/test_directory_page.py
