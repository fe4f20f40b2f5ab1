"""The browser helpers measure the page a click led to, even when its HTML arrives late.

A form's submit button returns as soon as the answer's headers arrive; on a busy CI
machine the body can follow later, and axe then ran on a document not parsed yet
(`Cannot read properties of null (reading 'documentElement')`). A server that holds the
body back shows it every time."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import axe_violations, html_gzip_size, no_horizontal_scroll, title

START = (
    b"<!doctype html><html lang='fr'><head><title>D\xc3\xa9part</title></head>"
    b"<body><main><h1>D\xc3\xa9part</h1><a href='/lente'>Suite</a></main></body></html>"
)
LATE = (
    b"<!doctype html><html lang='fr'><head><title>Arriv\xc3\xa9e</title></head>"
    b"<body><main><h1>Arriv\xc3\xa9e</h1><p>"
    + " ".join(f"Phrase {n}." for n in range(300)).encode()
    + b"</p></main></body></html>"
)


class _SlowBody(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        if self.path == "/lente":
            self.wfile.flush()
            time.sleep(0.8)  # headers sent, body held back
            self.wfile.write(LATE)
        else:
            self.wfile.write(START)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowBody)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_axe_audits_the_page_a_click_led_to_once_it_has_arrived(page: Page, slow_site):
    page.goto(slow_site + "/")
    page.click("a")
    assert axe_violations(page) == []
    assert page.title() == "Arrivée"


def test_the_weight_measured_after_a_click_is_the_new_page(page: Page, slow_site):
    page.goto(slow_site + "/")
    page.click("a")
    late = html_gzip_size(page)
    assert page.title() == "Arrivée"
    page.goto(slow_site + "/")
    assert late > html_gzip_size(page) + 500  # not the short page it left


def test_reflow_is_measured_on_the_new_page(page: Page, slow_site):
    page.goto(slow_site + "/")
    page.click("a")
    page.set_viewport_size({"width": 320, "height": 640})
    assert no_horizontal_scroll(page)
    assert page.title() == "Arrivée"


def test_the_title_read_after_a_click_is_the_new_page_s(page: Page, slow_site):
    page.goto(slow_site + "/")
    page.click("a")
    assert title(page) == "Arrivée"
