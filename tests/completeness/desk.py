"""The operators' desk: it never reads health data, but every time it shows a person, or
changes the life of their space, one entry goes into that space's history."""

from datetime import date

from sqlalchemy import select

from espace.lifecycle.demo import FIRST_WAVE, SECOND_WAVE, nir
from espace.models import HealthSpace
from tests.completeness import Operation

OPERATOR = "agent.cpam@example.org"
MONIQUE = nir(SECOND_WAVE[0][0])  # demo: notified, e-mail on file, born 1949-01-17
PAULETTE = nir(FIRST_WAVE[0][0])  # demo: open, born 1947-03-08


def _person(nir_: str, born: date, **extra: str) -> dict[str, str]:
    return {
        "nir": nir_,
        "birth_date-jour": str(born.day),
        "birth_date-mois": str(born.month),
        "birth_date-annee": str(born.year),
        **extra,
    }


def _dated(prefix: str, when: date) -> dict[str, str]:
    return {
        f"{prefix}-jour": str(when.day),
        f"{prefix}-mois": str(when.month),
        f"{prefix}-annee": str(when.year),
    }


def _monique_id(db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"space": str(db.scalar(select(HealthSpace.id).where(HealthSpace.nir == MONIQUE)))}


MONIQUE_FORM = _person(MONIQUE, date(1949, 1, 17))
PAULETTE_FORM = _person(PAULETTE, date(1947, 3, 8))
LETTER = _dated("letter_date", date(2025, 1, 6))
DEATH = _dated("death_date", date(2025, 1, 6))

OPERATIONS = [
    Operation(
        "desk.lookup",
        "operator.lookup",
        "POST",
        "/gestion/recherche",
        data=MONIQUE_FORM,
        email=OPERATOR,
    ),
    Operation(
        "desk.paper_opposition",
        "operator.lookup",
        "POST",
        "/gestion/opposition",
        data={**MONIQUE_FORM, **LETTER},
        email=OPERATOR,
    ),
    Operation(
        "desk.paper_opposition",
        "space.opposed",
        "POST",
        "/gestion/opposition",
        data={**MONIQUE_FORM, **LETTER, "confirme": "oui"},
        email=OPERATOR,
    ),
    Operation(
        "desk.death",
        "operator.lookup",
        "POST",
        "/gestion/deces",
        data={**PAULETTE_FORM, **DEATH},
        email=OPERATOR,
    ),
    Operation(
        "desk.death",
        "space.closed",
        "POST",
        "/gestion/deces",
        data={**PAULETTE_FORM, **DEATH, "confirme": "oui"},
        email=OPERATOR,
    ),
    Operation(
        "desk.reissue_code",
        "activation_code.reissued",
        "POST",
        "/gestion/recherche/nouveau-code",
        data=_monique_id,
        email=OPERATOR,
    ),
]

EXEMPT = {
    "desk.index": "counts by status and département, and batches: no person is shown",
    "desk.letters_to_print": "counts of letters waiting, by batch: no person is shown",
    "desk.lookup": "the GET is an empty search form",
    "desk.paper_opposition": "the GET is an empty form",
    "desk.death": "the GET is an empty form",
    "desk.print_letters": "prints the notices recorded at enrolment (space.notified), one "
    "letter per person: no health data, and no entry per letter",
    "desk.reprint_letters": "new codes: one activation_code.reissued per letter reprinted "
    "(tested in tests/test_desk_letters.py)",
}
