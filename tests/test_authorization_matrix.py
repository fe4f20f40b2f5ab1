"""Every route × every role gets the expected status. A new route must be added here."""

from __future__ import annotations

import pytest

from tests.routes import all_routes

ROLES = ["anonymous", "holder", "professional", "operator", "facilitator"]
EMAIL_OF = {
    "holder": "jeanne.martin@example.org",
    "professional": "sophie.durand@example.org",
    "operator": "agent.cpam@example.org",
    "facilitator": "animation@example.org",
}
SIGNED_IN = dict.fromkeys(ROLES[1:], 200)
ANYONE = dict.fromkeys(ROLES, 200)
TO_SIGN_IN = {"anonymous": 302}

# (endpoint, method) -> {role: status}. GET pages only; POST behaviour is tested per feature.
MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("pages.home", "GET"): {"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)},
    ("pages.accessibility", "GET"): ANYONE,
    ("pages.legal_notice", "GET"): ANYONE,
    ("pages.personal_data", "GET"): ANYONE,
    ("pages.healthz", "GET"): ANYONE,
    ("auth.sign_in", "GET"): {"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)},
    ("auth.code", "GET"): dict.fromkeys(ROLES, 302),  # no attempt under way
    ("dashboard.index", "GET"): {**TO_SIGN_IN, **SIGNED_IN},
    ("account.index", "GET"): {**TO_SIGN_IN, **SIGNED_IN},
    ("account.authenticator", "GET"): {**TO_SIGN_IN, **SIGNED_IN},
    ("account.remove_authenticator", "GET"): {**TO_SIGN_IN, **dict.fromkeys(ROLES[1:], 302)},
    ("assets.favicon", "GET"): ANYONE,
}
# Routes that only accept POST (their rules are tested in their own files) or need a
# real file name.
NOT_IN_GET_MATRIX = {
    "auth.resend_code",
    "auth.sign_out",
    "auth.stay_signed_in",
    "assets.static_file",
}


def test_every_route_is_in_the_matrix(app):
    missing = []
    for route in all_routes(app):
        for method in route.methods:
            listed = (route.endpoint, "GET") in MATRIX or route.endpoint in NOT_IN_GET_MATRIX
            if method in ("GET", "POST") and not listed:
                missing.append(f"{route.endpoint} ({method})")
    assert missing == [], f"add these routes to the authorization matrix: {missing}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_on_every_page(app, client, login_as, role):
    if role != "anonymous":
        client = login_as(EMAIL_OF[role])
    urls = {route.endpoint: route.url() for route in all_routes(app)}
    for (endpoint, _method), expected in MATRIX.items():
        response = client.get(urls[endpoint])
        assert response.status_code == expected[role], (endpoint, role)
