"""sanitize_html: the allowlist, the light formatting, and the injection corpus."""

from __future__ import annotations

import pytest

from espace.web.sanitize import sanitize_html
from tests.xss import injected, payloads


def test_light_formatting_becomes_html():
    html = sanitize_html("Bonjour,\n\nVoici **le résultat** et *la suite*.\nÀ bientôt")
    assert html == (
        "<p>Bonjour,</p><p>Voici <strong>le résultat</strong> et <em>la suite</em>."
        "<br>À bientôt</p>"
    )


def test_lists_and_numbered_lists():
    assert sanitize_html("- pain\n- lait") == "<ul><li>pain</li><li>lait</li></ul>"
    assert sanitize_html("1. matin\n2. soir") == "<ol><li>matin</li><li>soir</li></ol>"


def test_links_are_made_clickable_and_get_rel():
    html = sanitize_html("Voir https://www.ameli.fr/assure et <a href='https://x.fr'>ici</a>")
    assert '<a href="https://www.ameli.fr/assure" rel="noopener noreferrer nofollow">' in html
    assert '<a href="https://x.fr" rel="noopener noreferrer nofollow">ici</a>' in html


@pytest.mark.parametrize(
    ("raw", "forbidden"),
    [
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<p style="color:red">x</p>', "style="),
        ('<b onclick="x()">x</b>', "onclick="),
        ('<a href="/x" hx-get="/y" hx-trigger="load">x</a>', "hx-get"),
        ("<script>window.__xss=1</script>", "<script"),
        ('<img src=x onerror="window.__xss=1">', "<img"),
        ('<a href="data:text/html,<script>x</script>">x</a>', "data:"),
    ],
)
def test_what_is_not_allowed_never_comes_back_as_markup(raw, forbidden):
    assert forbidden not in sanitize_html(raw)


def test_text_in_angle_brackets_is_shown_not_dropped():
    assert sanitize_html("si glycémie <1 g/L et >0,7") == "<p>si glycémie &lt;1 g/L et &gt;0,7</p>"


def test_the_whole_corpus_is_neutralised():
    for payload in payloads():
        html = f"<main>{sanitize_html(payload)}</main>"
        assert injected(html, page_nonce=None) == [], payload[:80]


def test_empty_text_gives_nothing():
    assert sanitize_html("") == "" and sanitize_html("  \n ") == ""
