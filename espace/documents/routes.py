"""Views of /documents."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.actors import ActorRole
from espace.db import get_session
from espace.documents import bp, services
from espace.documents.forms import FILE_HINT, FilterForm, UploadForm
from espace.files import file_store
from espace.files.serving import send_stored
from espace.files.sniffing import BY_MEDIA_TYPE, RefusedFile
from espace.files.storage import clean_name
from espace.models import Document, DocumentCategory
from espace.policy import Area
from espace.representatives.queries import is_minor
from espace.web.access import requires
from espace.web.forms import choices
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space


def _document_or_404(document_id: int) -> Document:
    document = services.find(get_session(), current_space(), document_id, current_actor())
    if document is None:
        abort(404)
    return document


@bp.get("")
@requires(Area.RECORD)
def index() -> ResponseReturnValue:
    db, space = get_session(), current_space()
    form = FilterForm(request.args)
    form.categorie.choices = choices(
        [("", "Toutes les catégories"), *((c.value, c.label) for c in DocumentCategory)]
    )
    form.auteur.choices = choices(
        [
            ("", "Tous les auteurs"),
            *((a.value, a.label) for a in services.author_choices(db, space, current_actor())),
        ]
    )
    if not form.validate():
        return render("documents/index.html", form=form, page=None, status=422)
    page = services.list_documents(
        db,
        current_actor(),
        space,
        category=DocumentCategory(form.categorie.data) if form.categorie.data else None,
        author=form.auteur.data or None,
        page=int(form.page.data or 1),
    )
    filters = {
        k: v for k, v in (("categorie", form.categorie.data), ("auteur", form.auteur.data)) if v
    }
    return render("documents/index.html", form=form, page=page, filters=filters)


@bp.route("/ajouter", methods=["GET", "POST"])
@requires(Area.RECORD)
def upload() -> ResponseReturnValue:
    form = UploadForm()
    if request.method == "GET":
        return render("documents/upload.html", form=form, file_hint=FILE_HINT)
    chosen = form.validate_with_file(request.files, "ajouter")
    if chosen is None:
        return render("documents/upload.html", form=form, file_hint=FILE_HINT, status=422)
    db = get_session()
    try:
        document = services.upload(
            db,
            file_store(),
            current_actor(),
            current_space(),
            content=chosen.content,
            filename=chosen.name,
            title=form.title.data,
            category=DocumentCategory(form.category.data),
            document_date=form.document_date.data,
            now=clock.now(),
        )
    except RefusedFile as refused:
        db.rollback()
        form.fail(form.file, f"{refused} Choisissez de nouveau le fichier.")
        return render("documents/upload.html", form=form, file_hint=FILE_HINT, status=422)
    # Flash messages travel in the session cookie: no title there (health data).
    flash("Le document est ajouté à votre espace.", "success")
    return redirect(url_for("documents.detail", document_id=document.id))


@bp.get("/<int:document_id>")
@requires(Area.RECORD)
def detail(document_id: int) -> ResponseReturnValue:
    document = _document_or_404(document_id)
    services.record_view(get_session(), current_actor(), current_space(), document)
    return render(
        "documents/detail.html",
        document=document,
        file_type=BY_MEDIA_TYPE[document.file.media_type],
        may_delete=services.may_delete(document),
        may_keep_confidential=_may_keep_confidential(),
    )


def _may_keep_confidential() -> bool:
    """A minor, on their own space, keeps confidential care from their parents (R1111-33)."""
    return current_actor().role == ActorRole.HOLDER and is_minor(
        current_space(), clock.today_in_paris()
    )


@bp.post("/<int:document_id>/confidentiel")
@requires(Area.RECORD)
def confidential(document_id: int) -> ResponseReturnValue:
    document = _document_or_404(document_id)
    if not _may_keep_confidential():
        abort(404)
    choice = request.form.get("confidentiel")
    if choice not in {"oui", "non"}:
        abort(400)
    services.set_confidential(
        get_session(), current_actor(), current_space(), document, choice == "oui", clock.now()
    )
    flash("C'est enregistré.", "success")
    return redirect(url_for("documents.detail", document_id=document.id))


@bp.get("/<int:document_id>/fichier")
@requires(Area.RECORD)
def file(document_id: int) -> ResponseReturnValue:
    document = _document_or_404(document_id)
    services.record_download(get_session(), current_actor(), current_space(), document)
    file_type = BY_MEDIA_TYPE[document.file.media_type]
    return send_stored(
        file_store(),
        document.file,
        clean_name(document.title, file_type),
        download=request.args.get("telecharger") == "1",
    )


@bp.route("/<int:document_id>/supprimer", methods=["GET", "POST"])
@requires(Area.RECORD)
def delete(document_id: int) -> ResponseReturnValue:
    document = _document_or_404(document_id)
    if not services.may_delete(document):
        abort(404)
    db, space, actor = get_session(), current_space(), current_actor()
    if request.method == "GET":
        services.record_view(db, actor, space, document)
        return render("documents/delete.html", document=document)
    services.delete(db, file_store(), actor, space, document)
    flash("Le document est supprimé de votre espace.", "success")
    return redirect(url_for("documents.index"))
