"""The only SQL of the directory that differs between SQLite and PostgreSQL: the search,
and the bulk writes of the import (rows straight to the driver, the FTS5 index fed in one
statement per batch, identifiers looked up by one array parameter).

Both search the same folded words (``espace.directory.text``) in three parts of each
practice site: names, town, codes. A criterion is (part, word, prefix?): every criterion
must hold for the same site. The words are letters and digits only, and they are passed as
a bound parameter inside a quoted term, so nothing a person types is ever read as an
operator: not by FTS5 (``"NEAR"``, ``-``, ``*``, ``OR``), not by ``to_tsquery``, not by SQL.

- SQLite: FTS5 table ``directory_search`` (migration 0005), each word quoted:
  ``search_names : "lefe"* AND search_codes : "p10"``.
- PostgreSQL: the weighted tsvector of the GIN index ``ix_practice_site_search``
  (A names, B town, C codes): ``'lefe':*A & 'p10':C``.

Results are professionals, sorted by their folded name (byte order on both databases).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import String, Table, any_, bindparam, func, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from espace.models import DirectoryCode, PracticeSite, Professional

PARTS = {"names": "A", "town": "B", "codes": "C"}
# Same text as in migration 0005, which builds the index on it (a test checks it).
PG_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, search_names), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_town), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, search_codes), 'C')"
)

# Written out in full: no SQL is assembled at run time (the tests check that the PostgreSQL
# statements use PG_VECTOR exactly, so that its index serves them).
_COUNT = {
    "sqlite": "SELECT count(*) FROM ("
    "SELECT DISTINCT practice_site.professional_id FROM directory_search "
    "JOIN practice_site ON practice_site.id = directory_search.rowid "
    "WHERE directory_search MATCH :query LIMIT :cap) AS matched",
    "postgresql": "SELECT count(*) FROM ("
    "SELECT DISTINCT professional_id FROM practice_site WHERE ("
    "setweight(to_tsvector('simple'::regconfig, search_names), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_town), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, search_codes), 'C')"
    ") @@ to_tsquery('simple'::regconfig, :query) LIMIT :cap) AS matched",
}
_PAGE = {
    "sqlite": "SELECT professional.id FROM ("
    "SELECT DISTINCT practice_site.professional_id AS id FROM directory_search "
    "JOIN practice_site ON practice_site.id = directory_search.rowid "
    "WHERE directory_search MATCH :query) AS matched "
    "JOIN professional ON professional.id = matched.id "
    "ORDER BY professional.sort_key, professional.id LIMIT :limit OFFSET :offset",
    "postgresql": "SELECT professional.id FROM ("
    "SELECT DISTINCT professional_id AS id FROM practice_site WHERE ("
    "setweight(to_tsvector('simple'::regconfig, search_names), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_town), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, search_codes), 'C')"
    ") @@ to_tsquery('simple'::regconfig, :query)) AS matched "
    "JOIN professional ON professional.id = matched.id "
    'ORDER BY professional.sort_key COLLATE "C", professional.id LIMIT :limit OFFSET :offset',
}


class Criterion(NamedTuple):
    part: str  # "names", "town" or "codes"
    word: str  # folded: letters and digits only
    prefix: bool


def _is_postgresql(db: Session) -> bool:
    return db.get_bind().dialect.name == "postgresql"


def _query(db: Session, criteria: Iterable[Criterion]) -> str:
    terms = []
    for part, word, prefix in criteria:
        if part not in PARTS or not word.isalnum():
            raise ValueError(f"not a search criterion: {part!r} {word!r}")
        if _is_postgresql(db):
            terms.append(f"'{word}':{'*' if prefix else ''}{PARTS[part]}")
        else:
            terms.append(_sqlite_term(db, f"search_{part}", word, prefix))
    if not terms:
        raise ValueError("a search needs at least one criterion")
    return (" & " if _is_postgresql(db) else " AND ").join(terms)


# FTS5's prefix index covers 2 and 3 letters (migration 0005). A longer prefix makes FTS5
# merge the lists of every word it starts, in full, before the first row: "toulouse*" read
# 83,000 entries at scale even to count 1,000. When few words of the index start with it,
# they are searched as whole words instead (OR), which FTS5 reads only as far as needed:
# the same rows, two to four times faster (README, "Annuaire").
INDEXED_PREFIX = 3
MAX_WORDS_FOR_PREFIX = 8
_WORDS = text(
    "SELECT word FROM directory_search_words WHERE part = :part "
    "AND word >= :low AND word < :high ORDER BY word LIMIT :limit"
)


def _sqlite_term(db: Session, column: str, word: str, prefix: bool) -> str:
    if not prefix:
        return f'{column} : "{word}"'
    if len(word) > INDEXED_PREFIX:
        words = db.scalars(
            _WORDS,
            {"part": column, "low": word, "high": word + "\U0010ffff",
             "limit": MAX_WORDS_FOR_PREFIX + 1},
        ).all()  # fmt: skip
        if 0 < len(words) <= MAX_WORDS_FOR_PREFIX and all(w.isalnum() for w in words):
            whole_words = " OR ".join(f'"{w}"' for w in words)
            return f"{column} : ({whole_words})"
    return f'{column} : "{word}"*'


def _dialect(db: Session) -> str:
    return "postgresql" if _is_postgresql(db) else "sqlite"


def count_professionals(db: Session, criteria: list[Criterion], cap: int) -> int:
    """How many professionals match, counting no further than ``cap`` (bounded work)."""
    parameters = {"query": _query(db, criteria), "cap": cap}
    return db.scalar(text(_COUNT[_dialect(db)]), parameters) or 0


def page_of_professionals(
    db: Session, criteria: list[Criterion], limit: int, offset: int
) -> list[int]:
    """The ids of one page of the matching professionals, sorted by name."""
    parameters = {"query": _query(db, criteria), "limit": limit, "offset": offset}
    return list(db.scalars(text(_PAGE[_dialect(db)]), parameters))


def by_identifiers(db: Session, columns: list[Any], identifiers: list[str]) -> list[Any]:
    """``columns`` of the professionals with these identifiers, with one bound parameter
    (a JSON array read by ``json_each`` on SQLite, an array on PostgreSQL) rather than one
    per identifier: a batch asks for 10 000 at once."""
    rpps = Professional.__table__.c.rpps
    if _is_postgresql(db):
        condition = rpps == any_(bindparam("ids", identifiers, type_=postgresql.ARRAY(String)))
    else:
        values = func.json_each(json.dumps(identifiers)).table_valued("value")
        condition = rpps.in_(select(values.c.value))
    return list(db.execute(select(*columns).where(condition)))


def insert_sites(db: Session, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Add practice sites, and their words to the search index.

    Every insert of a practice site goes through here. On SQLite the index is fed by one
    INSERT ... SELECT per call (four times faster than a trigger per row); deletes and
    updates are kept in sync by triggers (migration 0005). The new rows are those above
    the largest id before the insert: the transaction holds SQLite's write lock, so no
    one else inserts meanwhile. On PostgreSQL the GIN index follows by itself.
    """
    if not rows:
        return
    sites = PracticeSite.__table__
    if _is_postgresql(db):
        bulk_insert(db, sites, columns, rows)
        return
    before = db.scalar(select(func.coalesce(func.max(sites.c.id), 0)))
    bulk_insert(db, sites, columns, rows)
    db.execute(_INDEX_NEW_SITES, {"after": before})
    _add_words(db, before)


_INDEX_NEW_SITES = text(
    "INSERT INTO directory_search (rowid, search_names, search_town, search_codes) "
    "SELECT id, search_names, search_town, search_codes FROM practice_site WHERE id > :after"
)
# The words of the new sites, as FTS5 itself cuts them: a scratch index with the same
# tokenizer, read through fts5vocab. directory_search_words thus holds every word of the
# index (and the words of deleted sites, which match nothing: harmless).
_NEW_WORDS = (
    "DROP TABLE IF EXISTS temp.directory_new_words",
    "CREATE VIRTUAL TABLE temp.directory_new_words USING fts5("
    "search_names, search_town, search_codes, content='', "
    "tokenize='unicode61 remove_diacritics 2', detail=column)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.directory_new_vocabulary "
    "USING fts5vocab(temp, directory_new_words, 'col')",
)
_FILL_NEW_WORDS = text(
    "INSERT INTO temp.directory_new_words (rowid, search_names, search_town, search_codes) "
    "SELECT id, search_names, search_town, search_codes FROM practice_site WHERE id > :after"
)
_KEEP_NEW_WORDS = text(
    "INSERT OR IGNORE INTO directory_search_words (part, word) "
    "SELECT col, term FROM temp.directory_new_vocabulary"
)


def _add_words(db: Session, after: int) -> None:
    connection = db.connection()
    for statement in _NEW_WORDS:
        connection.exec_driver_sql(statement)
    db.execute(_FILL_NEW_WORDS, {"after": after})
    db.execute(_KEEP_NEW_WORDS)
    connection.exec_driver_sql("DROP TABLE temp.directory_new_words")


def bulk_insert(
    db: Session, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """``executemany`` straight to the driver, for plain values (str, int, bool, None):
    the statement is compiled once by SQLAlchemy, the rows are passed as they are."""
    if not rows:
        return
    statement, order = _compiled_insert(db.get_bind().dialect, table, columns)
    parameters: list[Any]
    if order is None:  # named parameters (PostgreSQL)
        parameters = [dict(zip(columns, row, strict=True)) for row in rows]
    elif order == columns:  # qmark, in our order (SQLite)
        parameters = rows
    else:
        pick = itemgetter(*(columns.index(name) for name in order))
        parameters = [pick(row) for row in rows]
    db.connection().exec_driver_sql(statement, parameters)


@cache
def _compiled_insert(
    dialect: Dialect, table: Table, columns: tuple[str, ...]
) -> tuple[str, tuple[str, ...] | None]:
    statement = insert(table).values({name: bindparam(name) for name in columns})
    compiled = statement.compile(dialect=dialect)
    if compiled.positional and set(compiled.positiontup or ()) != set(columns):
        raise ValueError(f"give every column of {table.name} that has a default")
    return compiled.string, tuple(compiled.positiontup) if compiled.positional else None


def upsert_codes(db: Session, rows: list[dict[str, str]]) -> None:
    """Add the codes met in the extract, or update their label."""
    if not rows:
        return
    dialect = postgresql if _is_postgresql(db) else sqlite
    statement = dialect.insert(DirectoryCode.__table__)
    db.execute(
        statement.on_conflict_do_update(
            index_elements=["kind", "code"], set_={"label": statement.excluded.label}
        ),
        rows,
    )


def is_search_index_table(name: str | None) -> bool:
    """FTS5's virtual table and its shadow tables (``directory_search_data``...): built by
    migration 0005, unknown to the models. For Alembic's ``include_name`` hook, so that
    autogenerate neither drops them nor reports them as differences."""
    return name is not None and (name == "directory_search" or name.startswith("directory_search_"))


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Out of Alembic's comparison: SQLite's FTS5 tables, PostgreSQL's expression index."""
    if type_ == "index" and name == "ix_practice_site_search":
        return False
    return not (type_ == "table" and is_search_index_table(name))
