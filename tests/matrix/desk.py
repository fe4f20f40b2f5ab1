"""Matrix rows of the operators' desk (/gestion): operators only, a 404 for everyone else."""

from tests.matrix import ROLES

DESK_ONLY = {**dict.fromkeys(ROLES, 404), "anonymous": 302, "operator": 200}

ROWS = {
    ("desk.index", "GET"): DESK_ONLY,
    ("desk.letters_to_print", "GET"): DESK_ONLY,
    ("desk.lookup", "GET"): DESK_ONLY,
    ("desk.paper_opposition", "GET"): DESK_ONLY,
    ("desk.death", "GET"): DESK_ONLY,
}
# Tested in tests/test_desk*.py (printing, reprinting, a new code for a person).
POST_ONLY = {"desk.print_letters", "desk.reprint_letters", "desk.reissue_code"}
