"""Matrix rows of /activation and /opposition: public pages, open to anyone signed in or
not; a later step without the earlier ones sends back to the first (302)."""

from tests.matrix import ANYONE, ROLES

BACK_TO_START = dict.fromkeys(ROLES, 302)

ROWS = {
    ("activation.start", "GET"): ANYONE,
    ("activation.identity", "GET"): BACK_TO_START,
    ("activation.email", "GET"): BACK_TO_START,
    ("activation.password", "GET"): BACK_TO_START,
    ("activation.confirm", "GET"): BACK_TO_START,
    ("activation.new_code", "GET"): ANYONE,
    ("activation.new_code_sent", "GET"): ANYONE,
    ("opposition.start", "GET"): ANYONE,
    ("opposition.identity", "GET"): BACK_TO_START,
    ("opposition.confirm", "GET"): BACK_TO_START,
    ("opposition.done", "GET"): BACK_TO_START,
    ("opposition.window_passed", "GET"): BACK_TO_START,
}
# Tested in tests/test_activation*.py.
POST_ONLY = {"activation.resend"}
