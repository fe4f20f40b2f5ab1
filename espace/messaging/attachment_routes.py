"""Views of /messagerie/pieces-jointes: opening an attachment, and the holder saving one
into their documents (a category, one button)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.db import get_session
from espace.files import file_store
from espace.files.serving import send_stored
from espace.files.sniffing import BY_MEDIA_TYPE
from espace.files.storage import clean_name
from espace.messaging import attachments, bp
from espace.messaging.context import current_viewer
from espace.messaging.routes import render_thread, save_form
from espace.models import DocumentCategory
from espace.policy import Area
from espace.web.access import requires


def _found_or_404(attachment_id: int) -> attachments.Found:
    found = attachments.find(get_session(), current_viewer(), attachment_id, clock.now())
    if found is None:
        abort(404)
    return found


@bp.get("/pieces-jointes/<int:attachment_id>/fichier")
@requires(Area.MESSAGING)
def attachment(attachment_id: int) -> ResponseReturnValue:
    found = _found_or_404(attachment_id)
    attachments.record_download(get_session(), current_viewer(), found, clock.now())
    stored = found.attachment.file
    return send_stored(
        file_store(),
        stored,
        clean_name(stored.original_name, BY_MEDIA_TYPE[stored.media_type]),
        download=request.args.get("telecharger") == "1",
    )


@bp.post("/pieces-jointes/<int:attachment_id>/enregistrer")
@requires(Area.MESSAGING)
def save(attachment_id: int) -> ResponseReturnValue:
    viewer = current_viewer()
    found = _found_or_404(attachment_id)
    if viewer.space is None:  # professionals have no "my documents"
        abort(404)
    form = save_form(attachment_id, formdata=True)
    if not form.validate():
        return render_thread(viewer, found.thread, failed=form,
                             failed_attachment=attachment_id, status=422)  # fmt: skip
    db = get_session()
    existing = attachments.already_saved(db, found.space, found.attachment.file)
    if existing is not None:
        flash("Cette pièce jointe est déjà dans vos documents.", "info")
        return redirect(url_for("documents.detail", document_id=existing.id))
    document = attachments.save_to_documents(
        db, file_store(), viewer, found, DocumentCategory(form.categorie.data), clock.now()
    )
    flash("La pièce jointe est enregistrée dans vos documents.", "success")
    return redirect(url_for("documents.detail", document_id=document.id))
