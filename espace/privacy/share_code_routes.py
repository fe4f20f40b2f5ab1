"""Views of /confidentialite/code-de-partage: a one-time code for a professional outside
the care team (one consultation).

The plain code exists only in the response to the POST: it is never stored (the table
keeps an HMAC), never flashed (the session cookie) and never put in a URL. The page is
sent with ``Cache-Control: no-store`` like every signed-in page.
"""

from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.access import AccessError, share_codes
from espace.db import get_session
from espace.policy import Area
from espace.policy.access import OPEN_STATUSES
from espace.privacy import bp
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space


def duration_fr(span: timedelta) -> str:
    """ "1 heure", "4 heures", "30 minutes": how long, as said aloud."""
    minutes = int(span.total_seconds() // 60)
    if minutes % 60:
        return f"{minutes} minute{'s' if minutes > 1 else ''}"
    hours = minutes // 60
    return f"{hours} heure{'s' if hours > 1 else ''}"


CODE_LIFETIME = duration_fr(share_codes.CODE_LIFETIME)
CONSULTATION = duration_fr(share_codes.CONSULTATION)


@bp.route("/code-de-partage", methods=["GET", "POST"])
@requires(Area.PRIVACY)
def share_code() -> ResponseReturnValue:
    space = current_space()
    if request.method == "GET":
        return render(
            "privacy/share_code.html",
            space_open=space.status in OPEN_STATUSES,
            code_lifetime=CODE_LIFETIME,
            consultation=CONSULTATION,
        )
    now = clock.now()
    try:
        code = share_codes.create(get_session(), current_actor(), space, now)
    except AccessError as refused:
        flash(refused.message, "error")
        return redirect(url_for("privacy.share_code"))
    shown = share_codes.shown(code)
    return render(
        "privacy/share_code_created.html",
        code=shown,
        # Screen readers read "ABCD-EFGH" as a word: spell it, one letter at a time.
        spelled=", ".join(" ".join(group) for group in shown.split("-")),
        valid_until=now + share_codes.CODE_LIFETIME,
        consultation=CONSULTATION,
    )
