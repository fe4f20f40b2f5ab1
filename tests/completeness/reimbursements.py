"""Health-data operations of the historique des soins: reading it is one history entry."""

from tests.completeness import Operation

OPERATIONS = [
    Operation("reimbursements.index", "reimbursements.viewed", url="/historique-des-soins"),
    Operation(
        "reimbursements.index",
        "reimbursements.viewed",
        url="/historique-des-soins?period=3&care_type=pharmacie&page=2",
    ),
]
EXEMPT: dict[str, str] = {}
