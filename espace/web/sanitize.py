"""The one place where text written by people becomes HTML: ``sanitize_html()``.

Messages are stored exactly as written. When shown, a light formatting is understood —
paragraphs (a blank line), line breaks, **gras**, *italique*, lists ("- " or "1. "),
links (written out or as <a href>) — and the result goes through bleach with a short
allowlist: no style, no event handler, no htmx attribute, no ``javascript:``. Links get
``rel="noopener noreferrer nofollow"``. Anything else written in angle brackets is shown as
text. The caller puts the result inside an ``hx-disable`` container (STYLE.md).
"""

from __future__ import annotations

import re
from functools import cache

import bleach
from bleach.linkifier import LinkifyFilter
from markupsafe import Markup

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
REL = "noopener noreferrer nofollow"

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_BULLET = re.compile(r"^\s*[-•*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def _set_rel(attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = REL
    return attrs


@cache
def _cleaner() -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=False,  # what is not allowed is shown as text, not silently dropped
        strip_comments=True,
        filters=[lambda source: LinkifyFilter(source, callbacks=[_set_rel])],
    )


def _inline(line: str) -> str:
    line = _BOLD.sub(r"<strong>\1</strong>", line)
    return _ITALIC.sub(r"<em>\1</em>", line)


def _blocks(text: str) -> str:
    """The light formatting as (unsafe) HTML: the cleaner makes it safe afterwards."""
    html: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip()):
        lines = block.split("\n")
        if all(_BULLET.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_BULLET.match(line).group(1))}</li>" for line in lines)  # type: ignore[union-attr]
            html.append(f"<ul>{items}</ul>")
        elif all(_NUMBERED.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_NUMBERED.match(line).group(1))}</li>" for line in lines)  # type: ignore[union-attr]
            html.append(f"<ol>{items}</ol>")
        else:
            html.append("<p>" + "<br>".join(_inline(line) for line in lines) + "</p>")
    return "".join(html)


def sanitize_html(text: str) -> Markup:
    """Safe HTML for a message written by a person (never raises)."""
    if not text or not text.strip():
        return Markup("")
    cleaned = _cleaner().clean(_blocks(text))
    return Markup(cleaned)  # noqa: S704 - produced by bleach with the allowlist above
