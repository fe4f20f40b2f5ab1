"""htmx as enhancement: one URL serves the whole page, or one block of it for htmx.

With ``HX-Request`` the named ``{% block %}`` of the same template is rendered alone, so
markup is never duplicated between the page and its fragment (STYLE.md, "htmx").
"""

from __future__ import annotations

from typing import Any

from flask import current_app, make_response, render_template, request
from flask.typing import ResponseReturnValue

from espace.db import commit_before_rendering


def is_htmx() -> bool:
    # History restores ask for the whole page.
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def render_block(template_name: str, block: str, **context: Any) -> str:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    template = app.jinja_env.get_or_select_template(template_name)
    app.update_template_context(context)
    return "".join(template.blocks[block](template.new_context(context)))


def render(
    template_name: str, block: str | None = None, status: int = 200, **context: Any
) -> ResponseReturnValue:
    """The page, or only ``block`` of it for an htmx request; always ``Vary: HX-Request``."""
    commit_before_rendering()
    if block is not None and is_htmx():
        body = render_block(template_name, block, **context)
    else:
        body = render_template(template_name, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response
