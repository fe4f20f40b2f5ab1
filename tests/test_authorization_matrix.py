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


def block_marc_in_jeannes_care_team(db) -> None:
    """The "blocked" role: a professional of Jeanne's care team whom she blocked."""
    from sqlalchemy import select

    from espace import clock
    from espace.models import Block, CareTeamMember, HealthSpace, Professional

    jeanne = db.scalars(select(HealthSpace).where(HealthSpace.nir == "254033155512362")).one()
    marc = db.scalars(select(Professional).where(Professional.family_name == "Roux")).one()
    db.add(CareTeamMember(space_id=jeanne.id, professional_id=marc.id, joined_at=clock.now()))
    db.add(Block(space_id=jeanne.id, professional_id=marc.id, created_at=clock.now()))
    db.commit()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_on_every_page(app, client, db, login_as, role):
    block_marc_in_jeannes_care_team(db)
    if role != "anonymous":
        client = login_as(EMAIL_OF[role])
    sample = {route.endpoint: route.url() for route in all_routes(app)}
    for (endpoint, _method), expected in ROWS.items():
        url = URLS[endpoint](db) if endpoint in URLS else sample[endpoint]
        response = client.get(url)
        assert response.status_code == expected[role], (endpoint, url, role)
