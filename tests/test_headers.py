"""Security headers on every response, cookies with the right flags."""

from __future__ import annotations

import re

import pytest

from tests.routes import all_routes


def assert_security_headers(response, signed_in: bool) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    if not (response.request.path.endswith("/fichier") and response.status_code == 200):
        assert "object-src 'none'" in csp and "base-uri 'none'" in csp
        assert re.search(r"script-src 'nonce-[A-Za-z0-9_-]{20,}'", csp)
    else:  # a stored file: nothing may run in it
        assert "script-src" not in csp and "default-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    if signed_in and response.mimetype == "text/html":
        assert response.headers["Cache-Control"] == "no-store"


def test_every_page_for_anonymous_and_signed_in_people_has_the_headers(app, client, login_as):
    holder = login_as("jeanne.martin@example.org")
    urls = [route.url() for route in all_routes(app) if "GET" in route.methods]
    for url in [*urls, "/nexiste-pas"]:
        if url.startswith("/static/"):
            continue
        assert_security_headers(client.get(url), signed_in=False)
        assert_security_headers(holder.get(url), signed_in=True)


def test_a_new_nonce_is_drawn_for_each_response(client):
    first = client.get("/connexion").headers["Content-Security-Policy"]
    second = client.get("/connexion").headers["Content-Security-Policy"]
    assert first != second


def test_error_pages_have_the_headers_too(make_app):
    app = make_app()

    @app.get("/_test/boom")
    def boom():
        raise RuntimeError("boom")

    client = app.test_client()
    response = client.get("/_test/boom")
    assert response.status_code == 500
    assert "Le service rencontre un problème" in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert_security_headers(response, signed_in=True)
    assert_security_headers(client.get("/nexiste-pas"), signed_in=True)


def test_a_500_writes_nothing(make_app, db_templates):
    from sqlalchemy import select

    from espace.db import get_session
    from espace.models import Account

    app = make_app()

    @app.get("/_test/half-written")
    def half_written():
        account = get_session().scalars(select(Account)).first()
        account.display_name = "changé"
        get_session().flush()
        raise RuntimeError("after the write")

    assert app.test_client().get("/_test/half-written").status_code == 500
    with app.app_context():
        names = get_session().scalars(select(Account.display_name)).all()
    assert "changé" not in names


@pytest.mark.parametrize(("env", "secure"), [("test", True), ("development", False)])
def test_the_session_cookie_is_httponly_lax_and_secure_outside_development(make_app, env, secure):
    app = make_app(ESPACE_ENV=env, SESSION_COOKIE_SECURE=env != "development")
    cookie = app.test_client().get("/connexion").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ("Secure" in cookie) is secure
    assert app.config["SESSION_COOKIE_SECURE"] is secure


def test_static_files_are_fingerprinted_cached_for_a_year_and_compressed(client):
    html = client.get("/connexion").get_data(as_text=True)
    css = re.search(r'href="(/static/css/espace\.[0-9a-f]{10}\.css)"', html).group(1)
    js = re.search(r'src="(/static/vendor/htmx-2\.0\.11\.min\.[0-9a-f]{10}\.js)"', html).group(1)
    for url in (css, js):
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response.headers["Vary"]
    plain = client.get(css)
    assert "Content-Encoding" not in plain.headers and b"font-family" in plain.data
    assert client.get("/static/css/espace.0000000000.css").status_code == 404
    assert client.get("/static/css/espace.css").status_code == 404


def test_pages_are_gzipped_when_the_browser_accepts_it(client):
    import gzip

    response = client.get("/accessibilite", headers={"Accept-Encoding": "gzip, deflate"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Déclaration" in gzip.decompress(response.data).decode()


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.data) == (200, b"ok")


def test_healthz_answers_503_when_the_database_does_not(app):
    from sqlalchemy import create_engine

    app.extensions["espace.db"].engine = create_engine("sqlite:////proc/absent/espace.db")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503


def test_a_403_looks_exactly_like_a_404(make_app):
    from flask import abort

    app = make_app()

    @app.get("/_test/interdit")
    def forbidden():
        abort(403)

    client = app.test_client()
    refused = client.get("/_test/interdit")
    missing = client.get("/_test/absent")
    assert refused.status_code == 403 and missing.status_code == 404

    def visible(response):
        html = response.get_data(as_text=True)
        return re.sub(r'(nonce|content|value)="[^"]*"|Code de l.erreur : \d+', "", html)

    assert visible(refused) == visible(missing)


def test_a_400_page_says_what_to_do_next(make_app):
    from flask import abort

    app = make_app()

    @app.get("/_test/mauvaise-demande")
    def bad():
        abort(400)

    response = app.test_client().get("/_test/mauvaise-demande")
    assert response.status_code == 400
    assert "Revenez à la page précédente" in response.get_data(as_text=True)


def test_a_huge_id_in_a_url_is_a_404_not_an_overflow(login_as):
    client = login_as("jeanne.martin@example.org")
    for url in ("/documents/99999999999999999999", "/documents/9223372036854775808/fichier"):
        assert client.get(url).status_code == 404, url
