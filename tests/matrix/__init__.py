"""The authorization matrix, one module per feature: ``ROWS`` maps (endpoint, "GET") to the
expected status for each role, and ``POST_ONLY`` lists endpoints tested in their own files.

Roles: anonymous, holder (Jeanne), other_holder (Karim, on Jeanne's objects), professional
(Dr Durand), operator, facilitator. URLs are built by ``url(endpoint)`` in each module, or
from the rule with sample arguments.
"""

from __future__ import annotations

import importlib
import pkgutil

ROLES = ["anonymous", "holder", "other_holder", "professional", "operator", "facilitator"]
EMAIL_OF = {
    "holder": "jeanne.martin@example.org",
    "other_holder": "karim.benali@example.org",
    "professional": "sophie.durand@example.org",
    "operator": "agent.cpam@example.org",
    "facilitator": "animation@example.org",
}
ANYONE = dict.fromkeys(ROLES, 200)
SIGNED_IN = {"anonymous": 302, **dict.fromkeys(ROLES[1:], 200)}
HOLDERS_ONLY = {"anonymous": 302, "holder": 200, "other_holder": 200, "professional": 404,
                "operator": 404, "facilitator": 404}  # fmt: skip
# A URL naming one of Jeanne's objects: only Jeanne gets it, and the others a 404.
JEANNE_ONLY = {**HOLDERS_ONLY, "other_holder": 404}


def collect() -> tuple[dict, set[str], dict]:
    """(rows, post_only endpoints, url builders) from every module of this package."""
    rows: dict = {}
    post_only: set[str] = set()
    urls: dict = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        rows.update(getattr(module, "ROWS", {}))
        post_only |= set(getattr(module, "POST_ONLY", set()))
        urls.update(getattr(module, "URLS", {}))
    return rows, post_only, urls
