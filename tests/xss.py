"""The injection corpus of ``shared/data/xss`` and the checks of its README.

``payloads()`` reads the file as its README says (split on "\\n" only, no stripping,
``\\r``/``\\n`` escapes replaced). ``injected(html, allowed_nonce)`` lists what user content
introduced into a page: scripts without the nonce, ``on*``, ``hx-*`` attributes,
dangerous URL schemes, and forbidden elements. Template probes must come back literally.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import html5lib

# A copy of shared/data/xss/payloads.txt, so a clean clone carries its own test data.
CORPUS = Path(__file__).parent / "data" / "xss-payloads.txt"
NS = "{http://www.w3.org/1999/xhtml}"
FORBIDDEN_ELEMENTS = {"base", "meta", "iframe", "object", "embed", "style", "template"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
DANGEROUS_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


@cache
def payloads() -> tuple[str, ...]:
    raw = CORPUS.read_text(encoding="utf-8")
    lines = raw.split("\n")
    return tuple(
        line.replace("\\r", "\r").replace("\\n", "\n")
        for line in lines
        if line and not line.startswith("# ")
    )


def sample(step: int = 5) -> tuple[str, ...]:
    """Every ``step``-th payload: covers every section at a fraction of the cost."""
    return payloads()[::step]


def injected(html: str, page_nonce: str | None, baseline: str | None = None) -> list[str]:
    """What markup the page holds that our templates never produce.

    Our templates do use ``hx-*`` attributes: pass ``baseline``, the same page rendered
    with harmless content, and any ``hx-*`` attribute beyond its own counts as injected.
    """
    problems: list[str] = []
    allowed_htmx = _htmx_attributes(baseline) if baseline is not None else None
    root = html5lib.parse(html, treebuilder="etree")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.split("}")[-1].lower()
        if tag == "script" and element.get("nonce") != page_nonce:
            problems.append("script without the nonce")
        if tag in FORBIDDEN_ELEMENTS and not (tag == "meta" and _our_meta(element)):
            problems.append(f"<{tag}> element")
        for name, value in element.attrib.items():
            bare = name.split("}")[-1].lower()
            if bare.startswith("on"):
                problems.append(f"{bare} attribute on <{tag}>")
            if bare.startswith(("hx-", "data-hx-")):
                if allowed_htmx is None or not allowed_htmx.get(bare):
                    problems.append(f"{bare} attribute on <{tag}>")
                else:
                    allowed_htmx[bare] -= 1
            if bare in URL_ATTRIBUTES and DANGEROUS_SCHEME.match(value or ""):
                problems.append(f"{bare}={value[:40]!r} on <{tag}>")
            if bare in {"id", "name"} and value == "__xss":
                problems.append("element named __xss (DOM clobbering)")
    return problems


def _our_meta(element) -> bool:  # type: ignore[no-untyped-def]
    return element.get("name") in {"viewport", "description", "htmx-config", "csrf-token"} or (
        element.get("charset") is not None
    )


def _htmx_attributes(html: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for element in html5lib.parse(html, treebuilder="etree").iter():
        if isinstance(element.tag, str):
            for name in element.attrib:
                bare = name.split("}")[-1].lower()
                if bare.startswith(("hx-", "data-hx-")):
                    counts[bare] = counts.get(bare, 0) + 1
    return counts


def nonce_of(response) -> str | None:  # type: ignore[no-untyped-def]
    match = re.search(r"'nonce-([^']+)'", response.headers.get("Content-Security-Policy", ""))
    return match.group(1) if match else None
