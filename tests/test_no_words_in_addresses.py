"""Health data never travels in an address (the browser's history, a server's logs): a form
sent by GET only carries choices from fixed lists, or the directory's criteria (public
facts about professionals). Free text that may say something of one's health (the
messaging search) is posted."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
GET_FORM = re.compile(r'<form method="get"[^>]*>(.*?)</form>', re.S)
FIELD = re.compile(r"field\(form\.(\w+)|name=\"(\w+)\"")

# Template -> the fields its GET form may send, and why they say nothing of one's health.
ALLOWED = {
    "activity/index.html": {"vue", "periode"},  # a period and a view of the history
    "reimbursements/index.html": {"period", "care_type"},  # fixed lists
    "documents/index.html": {"categorie", "auteur"},  # fixed lists (the space's own authors)
    "privacy/documents.html": {"categorie"},  # a fixed list
    # The public directory of professionals: names, professions, places.
    "directory/index.html": {"name", "profession", "specialty", "town", "postcode", "department"},
}


def get_forms() -> dict[str, set[str]]:
    found = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        for form in GET_FORM.findall(path.read_text()):
            fields = {a or b for a, b in FIELD.findall(form)}
            found[str(path.relative_to(TEMPLATES))] = fields
    return found


def test_only_known_forms_send_their_fields_in_the_address():
    assert get_forms() == ALLOWED
