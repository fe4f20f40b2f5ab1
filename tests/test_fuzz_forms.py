"""Every form, fuzzed with Hypothesis: whatever a person (or a script) sends, the answer is
a page or a redirect with a 2xx, 3xx or 4xx status, never a 5xx."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.matrix import EMAIL_OF, collect
from tests.routes import all_routes
from tests.support import sign_in

# Who posts to each blueprint: the role whose forms these are.
POSTER = {
    "pro": "gp",
    "desk": "operator",
    "activation": "anonymous",
    "opposition": "anonymous",
    "auth": "anonymous",
    "feedback": "anonymous",
}
# Posting these would end the fuzzing client's own session.
SKIPPED = {"auth.sign_out", "closure.close"}
NAME = re.compile(r'<(?:input|textarea|select)[^>]*\sname="([^"]+)"')
COMMON_FIELDS = ["body", "title", "reason", "code", "note", "text", "email", "nir", "password"]

NASTY = st.sampled_from(
    ["", " ", "0", "-1", "1e400", "NaN", "99999999999999999999", "31", "2", "1900", "3000",
     "<script>alert(1)</script>", "' OR 1=1 --", "\x00", "é" * 3000, "../../etc/passwd",
     "=SUM(A1)", "2A", "254033155512362", "jeanne.martin@example.org", "oui", "non", "y",
     "²", "１２"]  # a digit to str.isdigit() that int() refuses; full-width digits
)  # fmt: skip
VALUES = st.one_of(NASTY, st.text(max_size=40), st.text(min_size=200, max_size=6000))


def _post_routes(app):  # type: ignore[no-untyped-def]
    _, _, urls = collect()
    for route in all_routes(app):
        if "POST" in route.methods and route.endpoint not in SKIPPED:
            yield route, urls.get(route.endpoint)


def test_every_form_answers_anything_without_a_server_error(app, db, outbox):
    clients = {}
    for role in (set(POSTER.values()) | {"holder"}) - {"anonymous"}:
        client = app.test_client()
        sign_in(client, outbox, EMAIL_OF[role])
        clients[role] = client
    clients["anonymous"] = app.test_client()
    routes = list(_post_routes(app))
    assert len(routes) > 60

    failures: list[str] = []
    for route, url_builder in routes:
        role = POSTER.get(route.endpoint.partition(".")[0], "holder")
        client = clients[role]
        url = url_builder(db) if url_builder else route.url()
        page = client.get(url) if "GET" in route.methods else client.get("/")
        fields = sorted(set(NAME.findall(page.get_data(as_text=True))) - {"csrf_token"})
        fields = fields or COMMON_FIELDS
        client.get("/")  # a CSRF token for the post

        fuzz(client, url, route.endpoint, fields, failures)
    assert failures == []


def fuzz(client, url: str, endpoint: str, fields: list[str], failures: list[str]) -> None:  # type: ignore[no-untyped-def]
    @settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries(dict.fromkeys(fields, VALUES)))
    def post(data: dict[str, str]) -> None:
        response = client.post_form(url, data)
        if response.status_code >= 500:
            failures.append(f"{endpoint} {url} {data!r} -> {response.status_code}")

    post()
