"""Health-data operations, one module per feature: each must add exactly one history entry.

A module defines ``OPERATIONS`` (a list of ``Operation``) and ``EXEMPT`` (endpoints of its
blueprints that neither read nor change health data, with the reason). The test in
``tests/test_completeness.py`` fails when an endpoint of a health-data blueprint is in
neither list.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

JEANNE = "jeanne.martin@example.org"


@dataclass(frozen=True)
class Operation:
    endpoint: str
    event: str
    method: str = "GET"
    # The URL, or a function of the test's database session that builds it (to name an
    # object that exists). ``data`` likewise for the form of a POST.
    url: str | Callable[[Session], str] = ""
    data: dict[str, Any] | Callable[[Session], dict[str, Any]] = field(default_factory=dict)
    files: Callable[[], dict[str, Any]] | None = None
    email: str = JEANNE
    notifies: str | None = None  # the notification kind the holder must receive
    follow: bool = False  # a POST that sends back to the page that reads (the search)

    def resolve(self, db: Session) -> tuple[str, dict[str, Any]]:
        url = self.url(db) if callable(self.url) else self.url
        data = self.data(db) if callable(self.data) else dict(self.data)
        if self.files is not None:
            data.update(self.files())
        return url, data


# Blueprints whose every endpoint reads or changes health data (or is exempted by name).
HEALTH_BLUEPRINTS = {
    "documents",
    "profile",
    "reimbursements",
    "activity",
    "notifications",
    "privacy",
    "pro",
    "directory",  # its search is exempt: public information
    "catalogue",
    "messaging",  # threads, messages, attachments, renewals
    "agenda",  # the calendar feed and forms are covered by name
    "closure",  # closing, reopening, asking for deletion
    "export",  # "Télécharger mes données"
    "desk",  # no health data, but each person shown or changed is in their history
}


def collect() -> tuple[list[Operation], dict[str, str]]:
    operations: list[Operation] = []
    exempt: dict[str, str] = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        operations += getattr(module, "OPERATIONS", [])
        exempt.update(getattr(module, "EXEMPT", {}))
    return operations, exempt
