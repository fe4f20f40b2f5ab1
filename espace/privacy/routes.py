"""The summary of /confidentialite: one short section per control, each linking to its
page (one task per page). It shows the holder's settings, no document and no name."""

from __future__ import annotations

from flask.typing import ResponseReturnValue

from espace.policy import Area
from espace.privacy import bp
from espace.privacy.lookups import masking_refusal
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_space


@bp.get("")
@requires(Area.PRIVACY)
def index() -> ResponseReturnValue:
    space = current_space()
    return render("privacy/index.html", space=space, masking_refusal=masking_refusal(space))
