"""Searching the directory: by name, profession, specialty, town, postcode, département.

What a person types is plain text: it is folded into words (``text.query_terms``) and each
word must start a word of the name (or of the town); nothing typed is ever an operator.
Criteria combine (all must hold for the same practice site). At most ``MAX_RESULTS``
professionals are listed: a broader search is asked for another criterion instead, so
the work of any search stays bounded. The directory is public information: searching it
reads no health data and records nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from espace.db import run_prebuilt
from espace.directory.search_sql import Criterion, count_professionals, page_of_professionals
from espace.directory.text import code_term, fold, query_terms
from espace.models import PROFESSIONS, DirectoryCode, Professional
from espace.web.paging import Paged

PER_PAGE = 20
MAX_RESULTS = 1000
MAX_WORDS = 6  # per text field: enough for any name, and a bound on the query's work


@dataclass(frozen=True)
class SearchRequest:
    name: str = ""
    profession: str = ""
    specialty: str = ""
    town: str = ""
    postcode: str = ""  # digits: the whole postcode, or its start
    department: str = ""
    page: int = 1


class Outcome(StrEnum):
    NOTHING_ASKED = "nothing_asked"
    TOO_SHORT = "too_short"
    TOO_BROAD = "too_broad"
    FOUND = "found"  # perhaps nobody


@dataclass(frozen=True)
class SearchResults(Paged):
    """One page of results; ``number``, ``count`` and ``has_*`` are what the shared
    pagination macro reads."""

    outcome: Outcome
    total: int = 0
    number: int = 1
    count: int = 1
    professionals: list[Professional] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """The sentence announced to screen readers when the results change."""
        if self.outcome == Outcome.NOTHING_ASKED:
            return (
                "Saisissez un nom, ou choisissez une profession, une ville, un code postal ou "
                "un département, puis lancez la recherche."
            )
        if self.outcome == Outcome.TOO_SHORT:
            return "Saisissez au moins 2 lettres du nom."
        if self.outcome == Outcome.TOO_BROAD:
            return (
                f"Plus de {number_fr(MAX_RESULTS)} professionnels correspondent à votre "
                "recherche : ajoutez un critère (le début du nom, une ville ou une profession) "
                "pour réduire la liste."
            )
        if self.total == 0:
            return "Aucun professionnel trouvé."
        found = (
            "1 professionnel trouvé"
            if self.total == 1
            else f"{number_fr(self.total)} professionnels trouvés"
        )
        return found + (f", page {self.number} sur {self.count}." if self.count > 1 else ".")


def number_fr(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def criteria_of(request: SearchRequest) -> list[Criterion] | Outcome:
    """The criteria of a search, or why there are none to run."""
    criteria: list[Criterion] = []
    names = query_terms(request.name, drop_titles=True)[:MAX_WORDS]
    if names and all(len(word) == 1 for word in names):
        return Outcome.TOO_SHORT
    criteria += [Criterion("names", word, True) for word in names]
    # A town may be one letter ("Y", in the Somme): a one-letter word is matched whole.
    criteria += [Criterion("town", w, len(w) > 1) for w in query_terms(request.town)[:MAX_WORDS]]
    for kind in ("profession", "specialty", "department"):
        code = getattr(request, kind)
        if code:
            criteria.append(Criterion("codes", code_term(kind, code), False))
    if request.postcode:
        term = code_term("postcode", request.postcode)
        criteria.append(Criterion("codes", term, len(request.postcode) < 5))
    return criteria or Outcome.NOTHING_ASKED


def search(db: Session, request: SearchRequest) -> SearchResults:
    criteria = criteria_of(request)
    if isinstance(criteria, Outcome):
        return SearchResults(criteria)
    total = count_professionals(db, criteria, cap=MAX_RESULTS + 1)
    if total > MAX_RESULTS:
        return SearchResults(Outcome.TOO_BROAD, total=total)
    pages = max(1, -(-total // PER_PAGE))
    number = min(max(request.page, 1), pages)  # a page past the end shows the last one
    ids = page_of_professionals(db, criteria, PER_PAGE, (number - 1) * PER_PAGE) if total else []
    found = {
        p.id: p
        for p in db.scalars(
            select(Professional)
            .where(Professional.id.in_(ids))
            .options(selectinload(Professional.sites))
        )
    }
    return SearchResults(Outcome.FOUND, total, number, pages, [found[i] for i in ids])


@dataclass(frozen=True)
class Choices:
    """The options of the search form's lists: (code, label), sorted by label."""

    professions: list[tuple[str, str]]
    specialties: list[tuple[str, str]]
    departments: list[tuple[str, str]]


def choices(db: Session) -> Choices:
    found: dict[str, dict[str, str]] = {"profession": {}, "specialty": {}, "department": {}}
    for kind, code, label in run_prebuilt(db, _CODES, {}):
        found.setdefault(kind, {})[code] = label
    professions = {**found["profession"], **PROFESSIONS}  # our labels first
    departments = sorted(found["department"].items(), key=lambda item: _department_order(item[0]))
    return Choices(
        professions=sorted(professions.items(), key=lambda item: fold(item[1])),
        specialties=sorted(found["specialty"].items(), key=lambda item: fold(item[1])),
        departments=[(code, f"{code} – {label}") for code, label in departments],
    )


# Read on every directory page, a few hundred rows: as plain rows, not objects.
_CODES = select(DirectoryCode.kind, DirectoryCode.code, DirectoryCode.label)


def _department_order(code: str) -> tuple[int, str]:
    """01 … 19, 2A, 2B, 21 … 95, 971 …: as on a map of France."""
    number = code.replace("2A", "20").replace("2B", "20")
    return (int(number) if number.isdigit() else 999, code)
