"""Matrix rows of "Mes proches" (parents and carers)."""

from tests.matrix import HOLDERS_ONLY

ROWS = {("representatives.index", "GET"): HOLDERS_ONLY}
POST_ONLY = {
    "representatives.switch",
    "representatives.invite_carer",
    "representatives.invite_parent",
    "representatives.accept",
    "representatives.revoke",
}
