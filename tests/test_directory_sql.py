"""The dialect-specific part of the directory's search, checked without a PostgreSQL server:
the index expression is the same text in the migration and in the queries (or PostgreSQL
would not use the index), every word reaching a query is letters and digits only, and the
search index tables are kept out of Alembic's comparison."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.dialects import postgresql

from espace.db import database
from espace.directory import search_sql
from espace.directory.search import SearchRequest, criteria_of
from espace.directory.search_sql import Criterion
from espace.directory.text import fold, name_terms, query_terms
from espace.models import Base

MIGRATION = next((Path(__file__).parent.parent / "migrations" / "versions").glob("0005_*.py"))


def fake_session(dialect: str, words: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """A session that knows its dialect, and the words of its search index (SQLite)."""
    bind = SimpleNamespace(dialect=SimpleNamespace(name=dialect))

    def scalars(_statement, values):  # type: ignore[no-untyped-def]
        found = sorted(w for w in words if w.startswith(values["low"]))[: values["limit"]]
        return SimpleNamespace(all=lambda: found)

    return SimpleNamespace(get_bind=lambda: bind, scalars=scalars)


def test_the_postgresql_index_expression_is_the_one_the_queries_use():
    spec = importlib.util.spec_from_file_location("migration_0005", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.PG_VECTOR == search_sql.PG_VECTOR
    for statement in (search_sql._COUNT["postgresql"], search_sql._PAGE["postgresql"]):
        assert f"({search_sql.PG_VECTOR}) @@ to_tsquery('simple'::regconfig, :query)" in statement
        compiled = text(statement).compile(dialect=postgresql.dialect())
        assert set(compiled.params) <= {"query", "cap", "limit", "offset"}
    assert 'COLLATE "C"' in search_sql._PAGE["postgresql"]  # byte order, as SQLite sorts


def test_each_dialect_gets_quoted_words_and_no_operator():
    criteria = [Criterion("names", "lefe", True), Criterion("town", "saint", True),
                Criterion("codes", "p10", False)]  # fmt: skip
    assert search_sql._query(fake_session("postgresql"), criteria) == (
        "'lefe':*A & 'saint':*B & 'p10':C"
    )
    assert search_sql._query(fake_session("sqlite"), criteria) == (
        'search_names : "lefe"* AND search_town : "saint"* AND search_codes : "p10"'
    )
    for word in ['le"fe', "a'b", "x y", "", "*", "a:b"]:
        with pytest.raises(ValueError, match="not a search criterion"):
            search_sql._query(fake_session("sqlite"), [Criterion("names", word, True)])
    with pytest.raises(ValueError, match="not a search criterion"):
        search_sql._query(fake_session("sqlite"), [Criterion("rowid", "a", True)])


def test_a_long_prefix_is_searched_as_the_few_words_it_starts():
    index = ("lefebvre", "lefevre", "saint", "saintes", "marie", "martin")
    criteria = [Criterion("names", "lefe", True), Criterion("town", "saint", True),
                Criterion("names", "mar", True), Criterion("names", "durand", True),
                Criterion("codes", "p10", False)]  # fmt: skip
    assert search_sql._query(fake_session("sqlite", index), criteria) == (
        'search_names : ("lefebvre" OR "lefevre") AND search_town : ("saint" OR "saintes") '
        'AND search_names : "mar"* AND search_names : "durand"* AND search_codes : "p10"'
    )  # 3 letters: FTS5's own prefix index; no word known: the prefix, whatever happens
    many = tuple(f"lefe{n}" for n in range(search_sql.MAX_WORDS_FOR_PREFIX + 1))
    assert search_sql._query(fake_session("sqlite", many), criteria[:1]) == (
        'search_names : "lefe"*'
    )


@given(st.text(max_size=200), st.text(max_size=200), st.text(max_size=20))
def test_whatever_is_typed_only_letters_and_digits_reach_a_query(name, town, code):
    request = SearchRequest(name=name, town=town, profession=code, department=code)
    criteria = criteria_of(request)
    if isinstance(criteria, list):
        assert all(c.word.isalnum() for c in criteria)
        assert len([c for c in criteria if c.part == "names"]) <= 6
        search_sql._query(fake_session("postgresql"), criteria)  # never raises


@given(st.text(max_size=100))
def test_the_index_and_the_query_fold_alike(value):
    assert set(query_terms(value)) <= set(name_terms(value).split()) | {""}
    assert fold(fold(value)) == fold(value)


def test_the_search_index_tables_are_kept_out_of_alembic_s_comparison(app):
    """What migrations/env.py and tests/test_db.py need (``include_name``): without it,
    autogenerate sees FTS5's tables as tables to drop."""
    assert search_sql.is_search_index_table("directory_search")
    assert search_sql.is_search_index_table("directory_search_data")
    assert not search_sql.is_search_index_table("practice_site")
    with database(app).engine.connect() as connection:
        options = {"compare_type": True, "include_name": search_sql.include_name}
        context = MigrationContext.configure(connection, opts=options)
        assert compare_metadata(context, Base.metadata) == []
