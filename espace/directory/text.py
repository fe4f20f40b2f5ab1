"""Folding names and places for the search, and tidying the extract's capitals for display.

``fold`` is the one definition of "the same word" for the directory: lower case, accents
removed (NFKD, then the letters NFKD leaves alone: œ, æ, ß, ø, ł, đ), and any run of
characters that are not letters or digits (spaces, hyphens, apostrophes, quotes, ``*``...)
turned into one space. The index and the query are folded by this same function, on
SQLite and PostgreSQL alike, so "lefe" finds Lefèvre and LEFEBVRE, "muller" finds Müller
and "le gall" or "legall" find LE GALL.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LETTERS_NFKD_KEEPS = str.maketrans(
    {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o",
     "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ı": "i"}
)  # fmt: skip
_NOT_WORD = re.compile(r"[\W_]+")
# What people type before a name, and that no name index holds.
_TITLES = frozenset({"dr", "docteur", "pr", "professeur", "mme", "madame", "m", "monsieur"})
_SMALL_WORDS = frozenset(
    {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "sur", "sous", "aux", "au"}
)


@lru_cache(maxsize=100_000)  # names and towns repeat: a million lines fold a few
def fold(value: str) -> str:
    """ "N'DIAYE-Müller" → "n diaye muller"."""
    # Twice: NFKD may give capitals ("𝕬" → "A"), and lower case may give accents ("İ").
    bare = _bare(_bare(value).lower())
    return " ".join(_NOT_WORD.sub(" ", bare).split())


def _bare(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.translate(_LETTERS_NFKD_KEEPS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_terms(*names: str) -> str:
    """The indexed words of a name: each word, and each multi-word name written as one
    ("le gall legall", "n diaye ndiaye"), so both spellings are found."""
    words: list[str] = []
    for name in names:
        folded = fold(name)
        words.extend(folded.split())
        if " " in folded:
            words.append(folded.replace(" ", ""))
    return " ".join(dict.fromkeys(words))


def query_terms(value: str, *, drop_titles: bool = False) -> tuple[str, ...]:
    """The words of what a person typed, each to be matched as the start of a word.

    One-letter words are dropped when a longer one is there ("N'Diaye" searches "diaye";
    the compact "ndiaye" is indexed too); so are "Dr", "Madame"... before a name.
    """
    words = list(dict.fromkeys(fold(value).split()))
    if drop_titles and any(w not in _TITLES for w in words):
        words = [w for w in words if w not in _TITLES]
    if any(len(w) > 1 for w in words):
        words = [w for w in words if len(w) > 1]
    return tuple(words)


# The indexed codes: "p10" profession, "ssm42" specialty, "d2a" département, "c31000"
# postcode; letters first, so each is one word for both FTS5 and PostgreSQL.
CODE_PREFIXES = {"profession": "p", "specialty": "s", "department": "d", "postcode": "c"}


def code_term(kind: str, code: str) -> str:
    return CODE_PREFIXES[kind] + fold(code).replace(" ", "")


@lru_cache(maxsize=100_000)
def code_terms(profession: str, specialty: str, department: str, postcode: str) -> str:
    pairs = zip(CODE_PREFIXES, (profession, specialty, department, postcode), strict=True)
    return " ".join(code_term(kind, code) for kind, code in pairs if fold(code))


def sort_key(family_name: str, given_name: str) -> str:
    return f"{fold(family_name)} {fold(given_name)}".strip()[:210]


@lru_cache(maxsize=100_000)
def tidy(value: str, *, starts_sentence: bool = True) -> str:
    """The extract writes in capitals; "SAINT-GAUDENS" reads better, and is read out
    better by a screen reader, as "Saint-Gaudens". Mixed-case text is left as it is.
    ``starts_sentence=False`` for the end of a line: "DE LA GARE" → "de la Gare"."""
    value = " ".join(value.split())
    if not value or value != value.upper() or value == value.lower():
        return value
    words = value.title().split(" ")
    first = 1 if starts_sentence else 0
    for index, word in enumerate(words[first:], start=first):
        if word.lower() in _SMALL_WORDS:
            words[index] = word.lower()
        elif word[:2].lower() in {"d'", "l'"} and len(word) > 2:
            words[index] = word[:2].lower() + word[2:]
    return " ".join(words)
