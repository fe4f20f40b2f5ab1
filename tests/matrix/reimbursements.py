"""Matrix rows of the historique des soins: the holder's own page, holders only."""

from tests.matrix import HOLDERS_ONLY

ROWS = {
    ("reimbursements.index", "GET"): HOLDERS_ONLY,
}
POST_ONLY: set[str] = set()
