"""The directory: searching it reads public information only; a professional's page shows
the holder what this professional is to them (a read of "mes professionnels" and the care
team), and its two actions change the record."""

from tests.completeness import Operation
from tests.matrix.directory import doctor_id

OPERATIONS = [
    Operation("directory.detail", "profile.viewed", url=lambda db: f"/annuaire/{doctor_id(db)}"),
    Operation(
        "directory.keep",
        "profile.item_added",
        "POST",
        lambda db: f"/annuaire/{doctor_id(db)}/mes-professionnels",
    ),
    Operation(
        "directory.declare_gp",
        "gp.declared",
        "POST",
        lambda db: f"/annuaire/{doctor_id(db)}/medecin-traitant",
    ),
]
EXEMPT = {
    "directory.index": "the national directory is public information: searching it reads "
    "and records nothing of anyone's health",
}
