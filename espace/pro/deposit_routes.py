"""/pro/patients/<id>/deposer: a professional of the care team deposits a document, with
the same file rules as the holder's uploads, optionally held until announced (CSP
R1111-53)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.access import AccessError, deposits
from espace.files import file_store
from espace.files.sniffing import RefusedFile
from espace.models import DocumentCategory
from espace.policy import Area
from espace.pro import bp
from espace.pro.context import Visit, inside
from espace.pro.forms import FILE_HINT, HELD_HINT, DepositForm
from espace.representatives.queries import is_minor
from espace.web.access import requires
from espace.web.htmx import render


def _form_page(current: Visit, form: DepositForm, status: int = 200) -> ResponseReturnValue:
    minor = is_minor(current.space, clock.today_in_paris())
    return render(
        "pro/deposit.html",
        visit=current,
        form=form,
        file_hint=FILE_HINT,
        held_hint=HELD_HINT,
        minor=minor,
        status=status,
    )


@bp.route("/patients/<int:space_id>/deposer", methods=["GET", "POST"])
@requires(Area.PRO)
def deposit(space_id: int) -> ResponseReturnValue:
    current = inside(space_id)
    decision = current.access.deposit()
    if not decision:
        current.refuse(decision.reason)
    form = DepositForm.for_profession(current.professional.profession_code)
    if request.method == "GET":
        return _form_page(current, form)
    chosen = form.validate_with_file(request.files, "déposer")
    if chosen is None:
        return _form_page(current, form, status=422)
    db = current.db
    try:
        document = deposits.deposit(
            db,
            file_store(),
            current.actor,
            current.space,
            content=chosen.content,
            filename=chosen.name,
            title=form.title.data,
            category=DocumentCategory(form.category.data),
            document_date=form.document_date.data,
            held=bool(form.held.data),
            confidential=bool(form.confidential.data)
            and is_minor(current.space, clock.today_in_paris()),
            now=current.now,
        )
    except RefusedFile as refused:
        db.rollback()
        form.fail(form.file, f"{refused} Choisissez de nouveau le fichier.")
        return _form_page(current, form, status=422)
    except AccessError:  # the access changed since the page was checked
        db.rollback()
        abort(404)
    # Flash messages travel in the session cookie: no title there (health data).
    if document.held:
        flash(
            "Le document est déposé. Il reste caché au patient jusqu'à ce que vous le rendiez "
            "visible.",
            "success",
        )
    else:
        flash("Le document est déposé dans l'espace du patient, qui en est informé.", "success")
    return redirect(url_for("pro.document", space_id=space_id, document_id=document.id))
