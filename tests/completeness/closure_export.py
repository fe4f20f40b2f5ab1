"""The life of a space, the holder's side: closing, reopening, asking for deletion, and
"Télécharger mes données" are each one history entry. The pages that explain them show
the state of the space, never its health data."""

from espace.demo.personas import DEMO_PASSWORD
from tests.closure_support import close_jeanne, ready_export
from tests.completeness import Operation


def _closed(url: str):  # type: ignore[no-untyped-def]
    def arrange(db) -> str:  # type: ignore[no-untyped-def]
        close_jeanne(db)
        return url

    return arrange


OPERATIONS = [
    Operation("closure.close", "space.closed", "POST", "/espace/fermer",
              data={"password": DEMO_PASSWORD}),
    Operation("closure.reopen", "space.reopened", "POST", _closed("/espace/rouvrir")),
    Operation("closure.deletion", "space.deletion_requested", "POST",
              _closed("/espace/suppression"), data={"password": DEMO_PASSWORD}),
    Operation("export.index", "export.requested", "POST", "/mes-donnees"),
    Operation("export.download", "export.downloaded",
              url=lambda db: f"/mes-donnees/{ready_export(db)}/fichier"),
]  # fmt: skip

EXEMPT = {
    "closure.index": "the state of the space (open, closed, since when): no health data",
    "closure.close": "the GET explains what closing means: no health data",
    "closure.deletion": "the GET explains what deletion means: no health data",
}
