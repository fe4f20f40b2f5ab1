"""Views of /mes-donnees: ask for the file, follow its preparation, download it."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from espace import clock
from espace.db import get_session
from espace.export import bp, services
from espace.export.job import LIFETIME
from espace.files import file_store
from espace.files.serving import send_stored
from espace.models import ExportStatus
from espace.policy import Area
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space

POLL_SECONDS = 20


@bp.route("", methods=["GET", "POST"])
@requires(Area.EXPORT)
def index() -> ResponseReturnValue:
    db, actor, space = get_session(), current_actor(), current_space()
    if request.method == "POST":
        _, created = services.request_export(db, actor, space, clock.now())
        flash(
            "Votre demande est enregistrée : nous vous prévenons dès que le fichier est prêt."
            if created
            else "Votre fichier est déjà en préparation : nous vous prévenons dès qu'il est prêt.",
            "success",
        )
        return redirect(url_for("export.index"))
    exports = services.recent_exports(db, actor, space)
    return render(
        "export/index.html",
        block="state",
        space=space,
        own=space.holder_account_id == current_user.id,
        exports=exports,
        pending=any(e.status == ExportStatus.PENDING for e in exports),
        now=clock.now(),
        downloadable=services.is_downloadable,
        lifetime_days=LIFETIME.days,
        poll_seconds=POLL_SECONDS,
    )


@bp.get("/<int:export_id>/fichier")
@requires(Area.EXPORT)
def download(export_id: int) -> ResponseReturnValue:
    db, actor, space = get_session(), current_actor(), current_space()
    export = services.downloadable(db, actor, space, export_id, clock.now())
    store = file_store()
    if export is None or export.file is None or not store.path(export.file).is_file():
        abort(404)
    services.record_download(db, actor, space, export)
    return send_stored(store, export.file, export.file.original_name, download=True)
