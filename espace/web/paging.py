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


@dataclass(frozen=True)
class Page(Paged, Generic[T]):
    items: list[T]
    number: int
    count: int
    total: int = 0
