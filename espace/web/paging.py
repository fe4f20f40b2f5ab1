"""One page of a long list: which page it is, how many there are, and the links around it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


class Paged:
    """For a dataclass with ``number`` (from 1) and ``count`` (how many pages)."""

    number: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def whole_number(raw: str | None, below: int = 100_000) -> int | None:
    """``raw`` as a whole number from 1 to ``below - 1``, else None. Only ASCII digits count:
    "²" is a digit to ``str.isdigit()`` but ``int()`` refuses it, and twenty digits overflow
    the database's integers."""
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        return None
    number = int(raw)
    return number if 0 < number < below else None


def database_id(raw: str | None) -> int | None:
    """A row's id sent back by a form or an address, or None: up to nine digits, which the
    database's integers always hold."""
    return whole_number(raw, below=2**31)


def page_number(raw: str | None) -> int:
    """The page asked for in an address; anything that is not a page number means the first
    (a page past the end shows the last one: the lists see to it)."""
    return whole_number(raw, below=10**9) or 1


@dataclass(frozen=True)
class Page(Paged, Generic[T]):
    items: list[T]
    number: int
    count: int
    total: int = 0
