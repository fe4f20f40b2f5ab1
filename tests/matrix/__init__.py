"""The authorization matrix, one module per feature: ``ROWS`` maps (endpoint, "GET") to the
expected status for each role, and ``POST_ONLY`` lists endpoints tested in their own files.

Roles, facing Jeanne Martin's space (DOMAIN.md, "Who may see what"):
- anonymous; holder (Jeanne); other_holder (Karim, on Jeanne's objects);
- gp (Dr Durand, médecin 10, her GP); pharmacist (Paul Leroy, 21, in her care team);
  nurse (Amina Diallo, 60, in her care team); emergency_doctor (the SAMU doctor, 10, in no
  care team); blocked (Marc Roux, 70, in her care team but blocked by her);
- operator; facilitator.
URLs are built by ``URLS[endpoint](db)`` when they name an object, else from the rule.
"""

from __future__ import annotations

import importlib
import pkgutil

PROFESSIONAL_ROLES = ["gp", "pharmacist", "nurse", "emergency_doctor", "blocked"]
ROLES = ["anonymous", "holder", "other_holder", *PROFESSIONAL_ROLES, "operator", "facilitator"]
EMAIL_OF = {
    "holder": "jeanne.martin@example.org",
    "other_holder": "karim.benali@example.org",
    "gp": "sophie.durand@example.org",
    "pharmacist": "paul.leroy@example.org",
    "nurse": "amina.diallo@example.org",
    "emergency_doctor": "urgence.samu@example.org",
    "blocked": "marc.roux@example.org",
    "operator": "agent.cpam@example.org",
    "facilitator": "animation@example.org",
}
ANYONE = dict.fromkeys(ROLES, 200)
SIGNED_IN = {"anonymous": 302, **dict.fromkeys(ROLES[1:], 200)}
HOLDERS_ONLY = {
    "anonymous": 302,
    "holder": 200,
    "other_holder": 200,
    **dict.fromkeys(PROFESSIONAL_ROLES, 404),
    "operator": 404,
    "facilitator": 404,
}
# A URL naming one of Jeanne's objects: only Jeanne gets it, and the others a 404.
JEANNE_ONLY = {**HOLDERS_ONLY, "other_holder": 404}
PROFESSIONALS_ONLY = {
    **dict.fromkeys(ROLES, 404),
    "anonymous": 302,
    **dict.fromkeys(PROFESSIONAL_ROLES, 200),
}


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
