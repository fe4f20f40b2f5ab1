"""The page check of STYLE.md, run on every HTML page a route test GETs.

It fails the test with the list of problems found: one ``h1``, a title that starts with it,
unique ids, labelled controls, existing ``aria-describedby`` targets, CSRF on every POST
form, the CSP nonce on every script, ``lang="fr"``, no inline handlers or styles, and
links whose text says where they go (RGAA 6.1).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import html5lib

NS = "{http://www.w3.org/1999/xhtml}"
SERVICE_SUFFIX = " – Espace santé"
LABELLABLE = {"input", "select", "textarea"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}
AUTOCOMPLETE_EXPECTED = {"email": {"email", "username"}}


def text_of(element: Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def tag(element: Element) -> str:
    return element.tag.removeprefix(NS) if isinstance(element.tag, str) else ""


def parse(html: str) -> Element:
    return html5lib.parse(html, treebuilder="etree")


def page_problems(html: str, csp_header: str | None) -> list[str]:
    problems: list[str] = []
    root = parse(html)
    elements = [e for e in root.iter() if tag(e)]
    by_tag: dict[str, list[Element]] = {}
    for element in elements:
        by_tag.setdefault(tag(element), []).append(element)

    if root.get("lang") != "fr":
        problems.append('<html> must have lang="fr"')

    h1s = by_tag.get("h1", [])
    if len(h1s) != 1:
        problems.append(f"expected exactly one h1, found {len(h1s)}")
    titles = by_tag.get("title", [])
    title = text_of(titles[0]) if titles else ""
    if not title.endswith(SERVICE_SUFFIX):
        problems.append(f"title {title!r} must end with {SERVICE_SUFFIX!r}")
    if h1s:
        heading = text_of(h1s[0])
        bare = title.removeprefix("Erreur : ")
        if not bare.startswith(heading):
            problems.append(f"title {title!r} must start with the h1 {heading!r}")
    has_errors = any("error-summary" in (e.get("class") or "") for e in elements)
    if has_errors and not title.startswith("Erreur : "):
        problems.append("a page with an error summary must have a title starting 'Erreur : '")

    ids: dict[str, int] = {}
    for element in elements:
        if element.get("id"):
            ids[element.get("id")] = ids.get(element.get("id"), 0) + 1
    duplicated = sorted(i for i, n in ids.items() if n > 1)
    if duplicated:
        problems.append(f"duplicated ids: {duplicated}")

    labels_for = {label.get("for") for label in by_tag.get("label", []) if label.get("for")}
    for element in elements:
        name = tag(element)
        if name in LABELLABLE:
            if name == "input" and (element.get("type") or "text") in UNLABELLED_INPUT_TYPES:
                continue
            if not (
                element.get("id") in labels_for
                or element.get("aria-label")
                or element.get("aria-labelledby")
            ):
                problems.append(f"unlabelled <{name} name={element.get('name')!r}>")
        if name == "button" and not (text_of(element) or element.get("aria-label")):
            problems.append("a <button> without text")
        for attribute in ("aria-describedby", "aria-labelledby", "aria-controls"):
            for target in (element.get(attribute) or "").split():
                if target not in ids:
                    problems.append(f"{attribute} points to missing id {target!r}")
        for attribute in element.attrib:
            if attribute.lower().startswith("on"):
                problems.append(f"inline event handler {attribute} on <{name}>")
        if element.get("style") is not None and name != "svg":
            problems.append(f"inline style attribute on <{name}> (CSP forbids it)")

    for form in by_tag.get("form", []):
        if (form.get("method") or "get").lower() == "post":
            names = {i.get("name") for i in form.iter(f"{NS}input")}
            if "csrf_token" not in names:
                problems.append(f"POST form to {form.get('action')!r} without a csrf_token")

    nonce = None
    if csp_header:
        match = re.search(r"'nonce-([^']+)'", csp_header)
        nonce = match.group(1) if match else None
    for script in by_tag.get("script", []):
        if nonce is None or script.get("nonce") != nonce:
            problems.append("a <script> without the response's CSP nonce")

    targets: dict[str, set[str]] = {}
    for link in by_tag.get("a", []):
        href = link.get("href")
        if href is None:
            continue
        name = link.get("aria-label") or text_of(link)
        if not name:
            problems.append(f"a link to {href!r} without text")
            continue
        targets.setdefault(name.lower(), set()).add(href.split("#")[0] or href)
    for name, hrefs in targets.items():
        if len(hrefs) > 1:
            problems.append(f"links named {name!r} go to different places: {sorted(hrefs)}")

    helps = [d for d in by_tag.get("details", []) if "help" in (d.get("class") or "").split()]
    summary = helps[0].find(f"{NS}summary") if helps else None
    if summary is None or text_of(summary) != "Besoin d'aide ?" or len(text_of(helps[0])) < 40:
        problems.append("every page needs its « Besoin d'aide ? » text (espace/web/help.py)")
    hrefs = {(link.get("href") or "").split("?")[0] for link in by_tag.get("a", [])}
    hrefs |= {form.get("action") for form in by_tag.get("form", [])}  # the feedback page
    for required in ("/accessibilite", "/avis"):
        if required not in hrefs:
            problems.append(f"every page links to {required}")

    main = by_tag.get("main", [])
    if len(main) != 1 or main[0].get("id") != "contenu":
        problems.append('expected one <main id="contenu">')
    skip = by_tag.get("a", [None])[0]
    if skip is None or skip.get("href") != "#contenu":
        problems.append("the first link must be the skip link to #contenu")
    return problems
