"""The main navigation: each feature declares its entries once, shown by role.

Only pages that exist for this person are listed (no dead links); the current one carries
``aria-current="page"`` (RGAA 12.3).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user

from espace.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    roles: frozenset[Role]
    order: int
    badge: Callable[[], int] | None = None  # a count shown beside the label (unread...)


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool
    badge: int = 0


def init_app(app: Flask) -> None:
    app.extensions["espace.navigation"] = []
    app.jinja_env.globals["main_navigation"] = main_navigation


def add(
    app: Flask,
    label: str,
    endpoint: str,
    roles: set[Role],
    order: int,
    badge: Callable[[], int] | None = None,
) -> None:
    items: list[NavItem] = app.extensions["espace.navigation"]
    items.append(NavItem(label, endpoint, frozenset(roles), order, badge))
    items.sort(key=lambda item: item.order)


def main_navigation() -> list[NavLink]:
    if not current_user.is_authenticated:
        return []
    items: list[NavItem] = current_app.extensions["espace.navigation"]
    here = "" if g.get("error_page") else (request.endpoint or "")
    section = here.partition(".")[0]
    role = current_user.role
    links = []
    for item in items:
        if role not in item.roles:
            continue
        current = here == item.endpoint or (
            section == item.endpoint.partition(".")[0] and section not in {"", "pages"}
        )
        badge = item.badge() if item.badge else 0
        links.append(NavLink(item.label, url_for(item.endpoint), current, badge))
    return links
