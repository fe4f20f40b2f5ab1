"""Every route × every role gets the expected status. A new route must be added to a module
of ``tests/matrix/``, or this test fails."""

from __future__ import annotations

import pytest

from tests.matrix import EMAIL_OF, ROLES, collect
from tests.routes import all_routes

ROWS, POST_ONLY, URLS = collect()


def test_every_route_is_in_the_matrix(app):
    missing = sorted(
        f"{route.endpoint} ({method})"
        for route in all_routes(app)
        for method in route.methods & {"GET", "POST"}
        if (route.endpoint, "GET") not in ROWS and route.endpoint not in POST_ONLY
    )
    assert missing == [], f"add these routes to tests/matrix/: {missing}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_on_every_page(app, client, db, login_as, role):
    if role != "anonymous":
        client = login_as(EMAIL_OF[role])
    sample = {route.endpoint: route.url() for route in all_routes(app)}
    for (endpoint, _method), expected in ROWS.items():
        url = URLS[endpoint](db) if endpoint in URLS else sample[endpoint]
        response = client.get(url)
        assert response.status_code == expected[role], (endpoint, url, role)
