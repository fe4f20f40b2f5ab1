"""Meta-tests: every route is either public or behind sign-in; every template compiles;
every POST needs the CSRF token; every route has its expected status for every role."""

from __future__ import annotations

from pathlib import Path

import pytest

from espace.activation import PUBLIC_ENDPOINTS as ACTIVATION_ENDPOINTS
from espace.agenda import PUBLIC_ENDPOINTS as AGENDA_ENDPOINTS
from espace.config import PROJECT_ROOT
from espace.feedback import PUBLIC_ENDPOINTS as FEEDBACK_ENDPOINTS
from espace.opposition import PUBLIC_ENDPOINTS as OPPOSITION_ENDPOINTS
from espace.pages import PUBLIC_ENDPOINTS
from espace.workshop import PUBLIC_ENDPOINTS as WORKSHOP_ENDPOINTS
from tests.routes import all_routes

# Reachable without signing in, beyond the public pages: signing in itself, and assets.
ANONYMOUS_ENDPOINTS = (
    PUBLIC_ENDPOINTS
    | ACTIVATION_ENDPOINTS
    | OPPOSITION_ENDPOINTS
    | AGENDA_ENDPOINTS
    | FEEDBACK_ENDPOINTS
    | WORKSHOP_ENDPOINTS
    | {
        "auth.sign_in",
        "auth.code",
        "auth.resend_code",
        "auth.sign_out",
        "auth.stay_signed_in",
        "assets.static_file",
        "assets.favicon",
    }
)


def test_every_endpoint_that_is_not_public_requires_sign_in(app, client):
    checked = 0
    for route in all_routes(app):
        if route.endpoint in ANONYMOUS_ENDPOINTS:
            continue
        if "GET" in route.methods:
            response = client.get(route.url())
            assert response.status_code == 302, route
            assert response.headers["Location"].startswith("/connexion"), route
            checked += 1
        if "POST" in route.methods:
            client.get("/connexion")
            response = client.post_form(route.url())
            assert response.status_code in (302, 401), route
            assert response.headers["Location"].startswith("/connexion"), route
            checked += 1
    assert checked > 0


def test_every_post_route_refuses_a_request_without_csrf_token(app, login_as):
    client = login_as("jeanne.martin@example.org")
    posts = [route for route in all_routes(app) if "POST" in route.methods]
    assert posts
    for route in posts:
        response = client.post(route.url(), data={"x": "1"})
        assert response.status_code == 400, route
        assert "Le formulaire a expiré" in response.get_data(as_text=True), route
    # Still signed in: a refused form changes nothing.
    assert client.get("/tableau-de-bord").status_code == 200


def test_every_template_compiles(app):
    folder = PROJECT_ROOT / "templates"
    names = [path.relative_to(folder).as_posix() for path in folder.rglob("*.html")]
    assert names
    for name in names:
        app.jinja_env.get_template(name)


def test_no_template_uses_inline_scripts_styles_or_handlers():
    import re

    for path in Path(PROJECT_ROOT / "templates").rglob("*.html"):
        source = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), path
        assert not re.search(r"\son[a-z]+=", source), path
        assert not re.search(r'\sstyle="', source), path


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_get_a_french_405_page(client, method):
    response = client.open("/connexion", method=method)
    assert response.status_code == 405
    assert "Action impossible sur cette page" in response.get_data(as_text=True)
    assert "GET" in response.headers["Allow"]
