"""Matrix rows of the foundation: public pages, sign-in, dashboard, account."""

from tests.matrix import ANYONE, ROLES, SIGNED_IN

ROWS = {
    ("pages.home", "GET"): {"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)},
    ("pages.accessibility", "GET"): ANYONE,
    ("pages.legal_notice", "GET"): ANYONE,
    ("pages.personal_data", "GET"): ANYONE,
    ("pages.healthz", "GET"): ANYONE,
    ("auth.sign_in", "GET"): {"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)},
    ("auth.code", "GET"): dict.fromkeys(ROLES, 302),  # no attempt under way
    ("dashboard.index", "GET"): SIGNED_IN,
    ("account.index", "GET"): SIGNED_IN,
    ("account.authenticator", "GET"): SIGNED_IN,
    ("account.remove_authenticator", "GET"): {"anonymous": 302, **dict.fromkeys(ROLES[1:], 302)},
    ("assets.favicon", "GET"): ANYONE,
}
POST_ONLY = {"auth.resend_code", "auth.sign_out", "auth.stay_signed_in", "assets.static_file"}
