"""Views of /profil/notes: private notes, for the holder alone."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace.db import get_session
from espace.models import PrivateNote
from espace.policy import Area
from espace.profile import bp
from espace.profile.forms import ConfirmForm, NoteForm
from espace.profile.notes import (
    add_note,
    change_note,
    delete_note,
    find_note,
    list_notes,
    record_note_view,
)
from espace.profile.sections import unique_names
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space

INTRO = (
    "Vos notes ne sont visibles que par vous : aucun professionnel de santé ne peut les "
    "lire, pas même votre médecin traitant, ni en cas d'urgence."
)


def note_or_404(note_id: int) -> PrivateNote:
    note = find_note(get_session(), current_space(), note_id)
    if note is None:
        abort(404)
    return note


def _render_form(
    form: NoteForm, note: PrivateNote | None = None, status: int = 200
) -> ResponseReturnValue:
    return render(
        "profile/form.html",
        form=form,
        heading="Écrire une note" if note is None else "Modifier une note",
        intro=INTRO,
        action=url_for("profile.note_add")
        if note is None
        else url_for("profile.note_edit", note_id=note.id),
        submit="Enregistrer la note",
        back=url_for("profile.notes"),
        back_text="Annuler et revenir à mes notes",
        status=status,
    )


@bp.get("/notes")
@requires(Area.RECORD)
def notes() -> ResponseReturnValue:
    rows = list_notes(get_session(), current_actor(), current_space())
    names = unique_names(note.title for note in rows)
    return render("profile/notes.html", notes=list(zip(rows, names, strict=True)), intro=INTRO)


@bp.route("/notes/ajouter", methods=["GET", "POST"])
@requires(Area.RECORD)
def note_add() -> ResponseReturnValue:
    form = NoteForm()
    if request.method == "GET":
        return _render_form(form)  # an empty form: nothing read, nothing recorded
    if not form.validate():
        return _render_form(form, status=422)
    add_note(get_session(), current_actor(), current_space(), form.values())
    flash("La note est enregistrée.", "success")
    return redirect(url_for("profile.notes"))


@bp.route("/notes/<int:note_id>/modifier", methods=["GET", "POST"])
@requires(Area.RECORD)
def note_edit(note_id: int) -> ResponseReturnValue:
    note = note_or_404(note_id)
    db, space, actor = get_session(), current_space(), current_actor()
    if request.method == "GET":
        record_note_view(db, actor, space, note)
        return _render_form(NoteForm.for_item(note), note)
    form = NoteForm()
    if not form.validate():
        return _render_form(form, note, status=422)
    change_note(db, actor, space, note, form.values())
    flash("La note est modifiée.", "success")
    return redirect(url_for("profile.notes"))


@bp.route("/notes/<int:note_id>/supprimer", methods=["GET", "POST"])
@requires(Area.RECORD)
def note_delete(note_id: int) -> ResponseReturnValue:
    note = note_or_404(note_id)
    db, space, actor = get_session(), current_space(), current_actor()
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        delete_note(db, actor, space, note)
        flash("La note est supprimée.", "success")
        return redirect(url_for("profile.notes"))
    record_note_view(db, actor, space, note)
    return render(
        "profile/delete.html",
        form=form,
        heading=f"Supprimer la note « {note.title} » ?",
        details=[("Texte", note.body)],
        action=url_for("profile.note_delete", note_id=note.id),
        back=url_for("profile.notes"),
        back_text="Non, revenir à mes notes",
    )
