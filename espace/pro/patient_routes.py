"""/pro/patients/<id>: one patient's space as the rules let this professional see it, or,
without access, the ways in (care episode, share code, emergency access)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace.access import AccessError, care_team, deposits, share_codes
from espace.files import file_store
from espace.files.serving import send_stored
from espace.files.sniffing import BY_MEDIA_TYPE
from espace.files.storage import clean_name
from espace.models import Document
from espace.policy import Area
from espace.policy.rules import Basis
from espace.pro import bp, services
from espace.pro.context import Visit, at_the_door, inside, visit
from espace.pro.forms import ShareCodeForm
from espace.pro.profile import read_profile
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.paging import page_number

LASTING = {Basis.GP, Basis.CARE_TEAM}


def _door(current: Visit, form: ShareCodeForm, status: int = 200) -> ResponseReturnValue:
    """The page of a space found by NIR and birth date, without access: the ways in."""
    return render(
        "pro/door.html",
        visit=current,
        form=form,
        care_refusal=services.care_episode_refusal(current.db, current.professional,
                                                   current.space),
        status=status,
    )  # fmt: skip


@bp.get("/patients/<int:space_id>")
@requires(Area.PRO)
def patient(space_id: int) -> ResponseReturnValue:
    current = visit(space_id)
    access = current.access
    if not access.granted:
        if not current.found:
            current.refuse()
        services.record_refusal(current.db, current.actor, current.space, access.decision.reason)
        return _door(current, ShareCodeForm(formdata=None))
    page = services.visible_documents(
        current.db, current.actor, access, page_number(request.args.get("page"))
    )
    return render(
        "pro/patient.html",
        visit=current,
        basis=services.basis_label(access.basis) if access.basis else "",
        until=services.access_until(current.db, access, current.now),
        page=page,
        may_deposit=access.deposit().allowed,
    )


def _readable(current: Visit, document_id: int) -> Document:
    document = services.find_document(current.db, current.space, document_id)
    if document is None:  # not in this space: the same page as a missing id
        abort(404)
    decision = current.access.document(document)
    if not decision:
        current.refuse(decision.reason, document)
    return document


@bp.get("/patients/<int:space_id>/documents/<int:document_id>")
@requires(Area.PRO)
def document(space_id: int, document_id: int) -> ResponseReturnValue:
    current = inside(space_id)
    found = _readable(current, document_id)
    services.record_document(current.db, current.actor, current.space, found, "document.viewed")
    return render(
        "pro/document.html",
        visit=current,
        document=found,
        author=services.author_of(found),
        file_type=BY_MEDIA_TYPE[found.file.media_type],
    )


@bp.get("/patients/<int:space_id>/documents/<int:document_id>/fichier")
@requires(Area.PRO)
def file(space_id: int, document_id: int) -> ResponseReturnValue:
    current = inside(space_id)
    found = _readable(current, document_id)
    services.record_document(current.db, current.actor, current.space, found, "document.downloaded")
    file_type = BY_MEDIA_TYPE[found.file.media_type]
    return send_stored(
        file_store(),
        found.file,
        clean_name(found.title, file_type),
        download=request.args.get("telecharger") == "1",
    )


@bp.post("/patients/<int:space_id>/documents/<int:document_id>/liberer")
@requires(Area.PRO)
def release(space_id: int, document_id: int) -> ResponseReturnValue:
    current = inside(space_id)
    found = _readable(current, document_id)
    back = (
        url_for("pro.patient", space_id=space_id)
        if request.form.get("retour") == "liste"
        else url_for("pro.document", space_id=space_id, document_id=document_id)
    )
    try:
        deposits.release(current.db, current.actor, current.space, found, current.now)
    except AccessError as refused:
        flash(refused.message, "error")
        return redirect(back)
    flash("Le document est maintenant visible par le patient, qui en est informé.", "success")
    return redirect(back)


@bp.get("/patients/<int:space_id>/profil")
@requires(Area.PRO)
def profile(space_id: int) -> ResponseReturnValue:
    current = inside(space_id)
    view = read_profile(current.db, current.actor, current.access)
    return render("pro/profile.html", visit=current, profile=view)


@bp.route("/patients/<int:space_id>/prise-en-charge", methods=["GET", "POST"])
@requires(Area.PRO)
def care_episode(space_id: int) -> ResponseReturnValue:
    current = at_the_door(space_id)
    context = {
        "visit": current,
        "already": current.access.basis in LASTING,
        "refusal": services.care_episode_refusal(current.db, current.professional,
                                                 current.space),
    }  # fmt: skip
    if request.method == "GET" or context["already"]:
        return render("pro/care_episode.html", **context)
    try:
        care_team.declare_care_episode(current.db, current.actor, current.space, current.now)
    except AccessError as refused:
        return render("pro/care_episode.html", **{**context, "refusal": refused.message},
                      status=422)  # fmt: skip
    flash(
        "Vous faites maintenant partie de l'équipe de soins du patient. Il en est informé "
        "et peut vous en retirer.",
        "success",
    )
    return redirect(url_for("pro.patient", space_id=space_id))


@bp.post("/patients/<int:space_id>/code")
@requires(Area.PRO)
def share_code(space_id: int) -> ResponseReturnValue:
    current = at_the_door(space_id)
    form = ShareCodeForm()
    if form.validate():
        try:
            consent = share_codes.redeem(
                current.db, current.actor, current.space, form.code.data, current.now
            )
        except AccessError as refused:
            form.fail(form.code, refused.message)
        else:
            hours = int((consent.expires_at - consent.granted_at).total_seconds() // 3600)
            flash(
                "Le code est accepté : vous pouvez consulter l'espace du patient pendant "
                f"{hours} heures.",
                "success",
            )
            return redirect(url_for("pro.patient", space_id=space_id))
    return _door(current, form, status=422)
