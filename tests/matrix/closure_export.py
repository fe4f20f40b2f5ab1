"""Matrix rows of /espace (closing, reopening, deletion) and /mes-donnees (the export):
holders only, each on their own space; an export is downloaded only by whoever asked."""

from tests.closure_support import ready_export
from tests.matrix import HOLDERS_ONLY, JEANNE_ONLY

# Asking for deletion needs a closed space: an open one is sent back to /espace.
OPEN_SPACE_SENT_BACK = {**HOLDERS_ONLY, "holder": 302, "other_holder": 302}

URLS = {
    "export.download": lambda db: f"/mes-donnees/{ready_export(db)}/fichier",
}
ROWS = {
    ("closure.index", "GET"): HOLDERS_ONLY,
    ("closure.close", "GET"): HOLDERS_ONLY,
    ("closure.deletion", "GET"): OPEN_SPACE_SENT_BACK,
    ("export.index", "GET"): HOLDERS_ONLY,
    ("export.download", "GET"): JEANNE_ONLY,
}
POST_ONLY = {"closure.reopen"}
