"""A closed space shows nothing of its record: its pages lead to the page of the closed
space, where the holder can reopen it or ask for the deletion of its data.

One hook for every blueprint of the record (rather than a check in each view), so a page
added later is covered too. ``require_open_space`` is the same rule for a view to call.
"""

from __future__ import annotations

from flask import abort, make_response, redirect, request, url_for
from flask_login import current_user
from werkzeug.exceptions import NotFound

from espace.closure.services import is_closed
from espace.models import HealthSpace, Role
from espace.web.htmx import is_htmx
from espace.web.spaces import current_space

# Blueprints that show or change what is in a space. Not here: the account, the
# notifications and "Mes proches" (about the person, not the space), public pages, and
# /espace itself.
RECORD_BLUEPRINTS = frozenset(
    {
        "dashboard",
        "documents",
        "profile",
        "reimbursements",
        "activity",
        "privacy",
        "catalogue",
        "directory",
        "messaging",
        "agenda",
        "export",
    }
)


def require_open_space(space: HealthSpace) -> None:
    """Stop the request with a redirect to /espace when ``space`` is closed (for htmx, an
    ``HX-Redirect``: a plain redirect would be followed and swapped into the page)."""
    if not is_closed(space):
        return
    target = url_for("closure.index")
    if is_htmx():
        response = make_response("", 204)
        response.headers["HX-Redirect"] = target
        abort(response)
    abort(redirect(target))


def _acting_space() -> HealthSpace | None:
    """The space the holder works on, or None when there is none for this page (the view
    then answers as it always does)."""
    try:
        return current_space()
    except NotFound:
        return None


def keep_closed_spaces_out_of_sight() -> None:
    """``before_request``: a holder on a page of the record of a closed space goes to
    /espace instead (professionals are kept out by the policy: CSP R1111-46)."""
    if request.blueprint not in RECORD_BLUEPRINTS or not current_user.is_authenticated:
        return
    if current_user.role != Role.HOLDER:
        return
    space = _acting_space()
    if space is not None:
        require_open_space(space)
