"""Views of /messagerie/nouvelle (a new thread, from either side) and
/messagerie/renouvellement/<document> (the holder asks their GP to renew a prescription)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.access import AccessError
from espace.db import get_session
from espace.documents import services as documents
from espace.files import file_store
from espace.files.sniffing import RefusedFile
from espace.messaging import bp, compose, renewal, services
from espace.messaging.context import current_viewer
from espace.messaging.forms import BODY_HINT, FILE_HINT, RenewalForm, ThreadForm
from espace.messaging.viewer import Viewer
from espace.models import Side
from espace.policy import Area
from espace.representatives.queries import is_minor
from espace.web.access import requires
from espace.web.forms import choices
from espace.web.htmx import render


def _recipients(viewer: Viewer) -> list[compose.Recipient]:
    db = get_session()
    if viewer.space is not None:
        return compose.holder_recipients(db, viewer.actor, viewer.space, clock.now())
    assert viewer.professional is not None  # noqa: S101
    return compose.professional_recipients(db, viewer.professional)


def _form(viewer: Viewer, recipients: list[compose.Recipient], posted: bool) -> ThreadForm:
    form = ThreadForm() if posted else ThreadForm(formdata=None)
    prompt = (
        "Choisissez un professionnel" if viewer.side == Side.HOLDER else "Choisissez un patient"
    )
    form.recipient.choices = choices([("", prompt), *((r.value, r.label) for r in recipients)])
    form.recipient.label.text = "Professionnel" if viewer.side == Side.HOLDER else "Patient"
    if not posted:  # ?professionnel= or ?patient=: from a professional's or a patient's page
        wanted = request.args.get("professionnel") or request.args.get("patient") or ""
        if any(r.value == wanted for r in recipients):
            form.recipient.data = wanted
    return form


def _page(
    viewer: Viewer, form: ThreadForm, recipients: list, status: int = 200
) -> ResponseReturnValue:
    minor = viewer.space is not None and is_minor(viewer.space, clock.today_in_paris())
    return render(
        "messaging/new.html",
        viewer=viewer,
        form=form,
        recipients=recipients,
        body_hint=BODY_HINT,
        file_hint=FILE_HINT,
        minor=minor,
        status=status,
    )


@bp.route("/nouvelle", methods=["GET", "POST"])
@requires(Area.MESSAGING)
def new() -> ResponseReturnValue:
    viewer = current_viewer()
    recipients = _recipients(viewer)
    posted = request.method == "POST"
    form = _form(viewer, recipients, posted)
    if not posted:
        return _page(viewer, form, recipients)
    valid, upload = form.validate_with_file(request.files)
    if not valid:
        return _page(viewer, form, recipients, status=422)
    chosen = next(r for r in recipients if r.value == form.recipient.data)
    db = get_session()
    space = viewer.space or chosen.space
    professional = chosen.professional or viewer.professional
    assert space is not None and professional is not None  # noqa: S101
    try:
        thread = services.start_thread(
            db, file_store(), viewer.actor, space, professional, subject=form.subject.data,
            body=form.body.data, upload=upload, now=clock.now(),
            confidential=bool(form.confidential.data),
        )  # fmt: skip
    except AccessError as refused:
        db.rollback()
        form.fail(form.recipient, refused.message)
        return _page(viewer, form, recipients, status=422)
    except RefusedFile as refused:
        db.rollback()
        form.fail(form.file, f"{refused} Choisissez de nouveau le fichier.")
        return _page(viewer, form, recipients, status=422)
    flash("Votre message est envoyé.", "success")
    return redirect(url_for("messaging.thread", thread_id=thread.id))


@bp.route("/renouvellement/<int:document_id>", methods=["GET", "POST"])
@requires(Area.MESSAGING)
def renew(document_id: int) -> ResponseReturnValue:
    viewer = current_viewer()
    if viewer.space is None:  # the holder's side only
        abort(404)
    db, now, space = get_session(), clock.now(), viewer.space
    document = renewal.prescription(db, space, document_id)
    if document is None:
        abort(404)
    form = RenewalForm() if request.method == "POST" else RenewalForm(formdata=None)
    refused = renewal.refusal(db, viewer.actor, space, now)
    if request.method == "GET" or refused or not form.validate():
        documents.record_view(db, viewer.actor, space, document)
        status = 200 if request.method == "GET" else (409 if refused else 422)
        return render("messaging/renewal.html", form=form, document=document, gp=space.gp,
                      refusal=refused, status=status)  # fmt: skip
    thread = renewal.request_renewal(db, file_store(), viewer.actor, space, document,
                                     form.note.data or "", now)  # fmt: skip
    flash("Votre demande de renouvellement est envoyée à votre médecin traitant.", "success")
    return redirect(url_for("messaging.thread", thread_id=thread.id))
