"""What browser tests do again and again: sign in, run axe, crawl, measure."""

from __future__ import annotations

import gzip
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from espace.demo.personas import DEMO_PASSWORD
from tests.support import Outbox

_axe = Axe()


def sign_in(page: Page, base_url: str, outbox: Outbox, email: str) -> None:
    page.goto(base_url + "/connexion")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/connexion/code")
    page.fill("#code", outbox.last_code_for(email))
    page.click("form[action='/connexion/code'] button[type=submit]")
    page.wait_for_url("**/tableau-de-bord")


def loaded(page: Page) -> Page:
    """The page once its document has loaded. A click that submits a form returns when the
    answer's first bytes arrive: until the HTML is parsed there is no document to audit
    (axe then fails on `documentElement` of null), or the old one is still measured."""
    page.wait_for_load_state("load")
    return page


def title(page: Page) -> str:
    """The title of the page a click led to (empty while its HTML is still on the way)."""
    return loaded(page).title()


def axe_violations(page: Page) -> list[dict]:
    results = _axe.run(loaded(page))
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["html"][:200] for n in v["nodes"][:3]],
        }
        for v in results.response["violations"]
    ]


def same_site_links(page: Page, base_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    links = []
    for href in hrefs:
        absolute = urljoin(page.url, href)
        parts = urlsplit(absolute)
        # Files (PDF, images) are downloads, not pages: their links are checked elsewhere.
        is_file = parts.path.startswith("/static/") or parts.path.endswith("/fichier")
        if absolute.startswith(base_url) and not is_file:
            links.append(base_url + parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def crawl(page: Page, base_url: str, start: str, limit: int = 80) -> list[str]:
    """Every page reachable by links from ``start`` (GET only: nothing is changed)."""
    seen: list[str] = []
    queue = [base_url + start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = page.goto(url)
        assert response is not None and response.status < 400, (
            f"{url}: {response and response.status}"
        )
        seen.append(url)
        queue.extend(link for link in same_site_links(page, base_url) if link not in seen)
    return seen


def no_horizontal_scroll(page: Page) -> bool:
    return loaded(page).evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def html_gzip_size(page: Page) -> int:
    """The page's HTML as it would travel gzip-compressed (the server compresses it)."""
    body = loaded(page).evaluate("document.documentElement.outerHTML")
    return len(gzip.compress(body.encode(), 6))
