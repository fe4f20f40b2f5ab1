"""Views of /confidentialite/documents: mask or unmask each document, or everything."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from espace import clock
from espace.access import AccessError, controls
from espace.db import get_session
from espace.documents import services as documents
from espace.models import DocumentCategory
from espace.policy import Area
from espace.privacy import bp
from espace.privacy.forms import NO, YES, DocumentFilter
from espace.privacy.lookups import find_document, masking_refusal
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space


@bp.get("/documents")
@requires(Area.PRIVACY)
def documents_list() -> ResponseReturnValue:
    space = current_space()
    form = DocumentFilter(request.args)
    context = {"form": form, "space": space, "refusal": masking_refusal(space)}
    if not form.validate():
        return render("privacy/documents.html", page=None, filters={}, status=422, **context)
    category = form.categorie.data
    page = documents.list_documents(  # records document.listed
        get_session(),
        current_actor(),
        space,
        category=DocumentCategory(category) if category else None,
        page=form.page_number,
    )
    filters = {"categorie": category} if category else {}
    return render(
        "privacy/documents.html",
        page=page,
        filters=filters,
        back={**filters, "page": str(page.number)} if page.number > 1 else filters,
        **context,
    )


def _back_to_list() -> Response:
    """Post/Redirect/Get to the page and filter the button was on (valid values only)."""
    return redirect(url_for("privacy.documents_list", **DocumentFilter(request.args).kept()))


def _change_mask(document_id: int, masked: bool) -> Response:
    space = current_space()
    document = find_document(get_session(), space, document_id)
    if document is None:
        abort(404)
    try:
        controls.set_masked(get_session(), current_actor(), space, document, masked, clock.now())
    except AccessError as refused:
        flash(refused.message, "error")
        return _back_to_list()
    # Flash messages travel in the session cookie: no title there (health data).
    if masked:
        flash(
            "Le document est masqué : les professionnels ne le voient plus, sauf son auteur "
            "et votre médecin traitant.",
            "success",
        )
    else:
        flash("Le document est de nouveau visible par les professionnels autorisés.", "success")
    return _back_to_list()


@bp.post("/documents/<int:document_id>/masquer")
@requires(Area.PRIVACY)
def mask(document_id: int) -> ResponseReturnValue:
    return _change_mask(document_id, masked=True)


@bp.post("/documents/<int:document_id>/demasquer")
@requires(Area.PRIVACY)
def unmask(document_id: int) -> ResponseReturnValue:
    return _change_mask(document_id, masked=False)


@bp.post("/tout-masquer")
@requires(Area.PRIVACY)
def mask_all() -> ResponseReturnValue:
    choice = request.form.get("masquer")
    if choice not in {YES, NO}:
        abort(400)  # the buttons only send oui or non: anything else is not from our page
    try:
        controls.set_mask_all(
            get_session(), current_actor(), current_space(), choice == YES, clock.now()
        )
    except AccessError as refused:
        flash(refused.message, "error")
        return _back_to_list()
    if choice == YES:
        flash(
            "Tous vos documents sont masqués : plus aucun professionnel ne les voit, même en "
            "urgence.",
            "success",
        )
    else:
        flash(
            "Vos documents sont de nouveau visibles par les professionnels autorisés, sauf "
            "ceux que vous avez masqués un par un.",
            "success",
        )
    return _back_to_list()
