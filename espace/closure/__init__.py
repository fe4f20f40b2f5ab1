"""The state of the holder's space (/espace): closing it, reopening it, asking for the
deletion of its data (DOMAIN.md, "Lifecycle of a space", step 5; CSP R1111-36).

The rules live in ``espace.lifecycle.closure``; this package is the holder's side of them,
the guard that keeps a closed space's record out of sight, and the purge job.
"""

from __future__ import annotations

from flask import Blueprint, Flask

from espace.models import Role
from espace.web import navigation

bp = Blueprint("closure", __name__, url_prefix="/espace")


def init_app(app: Flask) -> None:
    from espace.closure import guard, routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
    app.before_request(guard.keep_closed_spaces_out_of_sight)
    navigation.add(app, "Mon espace", "closure.index", {Role.HOLDER}, order=88)
