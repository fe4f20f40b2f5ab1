"""/gestion: the overview, finding a person, oppositions and deaths received by post.

Recording an opposition or a death takes two steps: the form finds the person (a lookup,
in their history), a confirmation shows who it is, then the POST with ``confirme=oui``
records it. NIRs only ever travel in POST bodies.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.db import get_session
from espace.desk import bp, services
from espace.desk.forms import DeathForm, PaperOppositionForm, PersonForm, SpaceForm
from espace.lifecycle import LifecycleError, letters
from espace.lifecycle.reissue import reissue
from espace.models import HealthSpace, NoticeChannel
from espace.policy import Area
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.paging import database_id
from espace.web.spaces import current_actor

NOT_FOUND = (
    "Aucun espace santé ne correspond à ce numéro et à cette date de naissance. Vérifiez "
    "les deux sur le courrier ou la pièce reçue."
)


@bp.get("")
@requires(Area.DESK)
def index() -> ResponseReturnValue:
    db = get_session()
    waiting = {
        group.batch.id if group.batch else None: group.count for group in letters.waiting(db)
    }
    return render(
        "desk/index.html",
        counts=services.counts(db),
        batches=services.recent_batches(db),
        waiting=waiting,
        statuses=services.STATUSES,
    )


@bp.route("/recherche", methods=["GET", "POST"])
@requires(Area.DESK)
def lookup() -> ResponseReturnValue:
    form = PersonForm()
    if request.method == "GET":
        return render("desk/lookup.html", form=form)
    if not form.validate():
        return render("desk/lookup.html", form=form, status=422)
    db = get_session()
    space = services.find_space(db, form.nir.data, form.birth_date.data)
    if space is None:
        form.fail(form.nir, NOT_FOUND)
        return render("desk/lookup.html", form=form, status=422)
    person = services.look_up(db, current_actor(), space, clock.now())
    return render(
        "desk/lookup.html", form=PersonForm(formdata=None), person=person, reissue_form=SpaceForm()
    )


@bp.post("/recherche/nouveau-code")
@requires(Area.DESK)
def reissue_code() -> ResponseReturnValue:
    form = SpaceForm()
    db = get_session()
    space_id = database_id(form.space.data)
    space = db.get(HealthSpace, space_id) if space_id is not None else None
    if space is None:
        flash("Cet espace n'existe pas. Recherchez de nouveau la personne.", "error")
        return redirect(url_for("desk.lookup"))
    channel = reissue(db, current_actor(), space, clock.now())
    if channel == NoticeChannel.EMAIL:
        flash("Un nouveau code est envoyé à l'adresse e-mail connue.", "success")
    elif channel == NoticeChannel.LETTER:
        flash("Un courrier avec un nouveau code est ajouté aux courriers à imprimer.", "success")
    else:
        flash(
            "Aucun code ne peut être envoyé : l'espace est activé, fermé, refusé, ou "
            "aucune adresse n'est connue.",
            "error",
        )
    return redirect(url_for("desk.lookup"))


def _record(kind: str) -> ResponseReturnValue:
    """The two steps shared by paper oppositions and deaths."""
    form = PaperOppositionForm() if kind == "opposition" else DeathForm()
    template = f"desk/{kind}.html"
    if request.method == "GET":
        return render(template, form=form)
    if not form.validate():
        return render(template, form=form, status=422)
    db = get_session()
    space = services.find_space(db, form.nir.data, form.birth_date.data)
    if space is None:
        form.fail(form.nir, NOT_FOUND)
        return render(template, form=form, status=422)
    actor, now = current_actor(), clock.now()
    if request.form.get("confirme") != "oui":
        person = services.look_up(db, actor, space, now)
        return render("desk/confirm.html", form=form, kind=kind, person=person)
    try:
        if kind == "opposition":
            services.record_paper_opposition(db, actor, space, form.letter_date.data, now)
        else:
            services.record_death(db, actor, space, form.death_date.data, now)
    except LifecycleError as refused:
        flash(refused.message, "error")
        return redirect(url_for(f"desk.{'paper_opposition' if kind == 'opposition' else 'death'}"))
    flash(
        "L'opposition est enregistrée : l'espace ne sera pas créé."
        if kind == "opposition"
        else "Le décès est enregistré : l'espace est fermé.",
        "success",
    )
    return redirect(url_for("desk.index"))


@bp.route("/opposition", methods=["GET", "POST"])
@requires(Area.DESK)
def paper_opposition() -> ResponseReturnValue:
    return _record("opposition")


@bp.route("/deces", methods=["GET", "POST"])
@requires(Area.DESK)
def death() -> ResponseReturnValue:
    return _record("death")
