"""Views of /proches: which space I manage, who helps me, invitations."""

from __future__ import annotations

from flask import abort, flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from espace import clock
from espace.db import get_session
from espace.models import Representation, RepresentationKind
from espace.policy import Area
from espace.representatives import bp, services
from espace.representatives.forms import AcceptForm, InviteCarerForm, InviteParentForm
from espace.representatives.queries import is_minor
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.spaces import ACTING_KEY, acting, current_actor, managed


def _page(status: int = 200, **forms: object) -> ResponseReturnValue:
    db = get_session()
    now_acting = acting()
    space = now_acting.space if now_acting else None
    helpers = services.representatives(db, space) if space is not None else []
    may_manage_helpers = now_acting is not None and (
        now_acting.own or now_acting.representation.kind == RepresentationKind.PARENT  # type: ignore[union-attr]
    )
    minor = space is not None and is_minor(space, clock.today_in_paris())
    context = {
        "choices": managed(),
        "acting": now_acting,
        "helpers": helpers if may_manage_helpers else [],
        "may_manage_helpers": may_manage_helpers,
        "minor": minor,
        "sections": services.SECTIONS,
        "carer_form": forms.get("carer_form") or InviteCarerForm(formdata=None),
        "parent_form": forms.get("parent_form") or InviteParentForm(formdata=None),
        "accept_form": forms.get("accept_form") or AcceptForm(formdata=None),
        "form": forms.get("form"),
    }
    return render("representatives/index.html", status=status, **context)


@bp.get("")
@requires(Area.RECORD)
def index() -> ResponseReturnValue:
    return _page()


@bp.post("/gerer")
@requires(Area.RECORD)
def switch() -> ResponseReturnValue:
    """Switching profile is explicit (DOMAIN.md, "Minors"): the person chooses it here."""
    wanted = request.form.get("espace", "")
    chosen = next((m for m in managed() if str(m.space.id) == wanted), None)
    if chosen is None:
        abort(404)
    session[ACTING_KEY] = chosen.space.id
    flash(
        "Vous avez changé d'espace : le nom de la personne est rappelé en haut de chaque page.",
        "success",
    )
    return redirect(url_for("dashboard.index"))


def _managed_space_for_helpers():  # type: ignore[no-untyped-def]
    now_acting = acting()
    if now_acting is None:
        abort(404)
    if not now_acting.own and now_acting.representation.kind != RepresentationKind.PARENT:  # type: ignore[union-attr]
        abort(404)  # a carer does not invite others
    return now_acting


@bp.post("/inviter-aidant")
@requires(Area.RECORD)
def invite_carer() -> ResponseReturnValue:
    now_acting = _managed_space_for_helpers()
    form = InviteCarerForm()
    if not form.validate():
        return _page(status=422, carer_form=form, form=form)
    try:
        services.invite(
            get_session(),
            current_actor(),
            now_acting.space,
            email=form.email.data,
            kind=RepresentationKind.CARER,
            sections=form.chosen_sections(),
            now=clock.now(),
        )
    except services.RepresentationError as refused:
        form.fail(form.email, refused.message)
        return _page(status=422, carer_form=form, form=form)
    flash(
        "Si cette adresse est celle d'un compte Espace santé, la personne a reçu un e-mail avec "
        "un code pour accepter. L'invitation est valable 14 jours.",
        "success",
    )
    return redirect(url_for("representatives.index"))


@bp.post("/inviter-parent")
@requires(Area.RECORD)
def invite_parent() -> ResponseReturnValue:
    now_acting = _managed_space_for_helpers()
    form = InviteParentForm()
    if not form.validate():
        return _page(status=422, parent_form=form, form=form)
    try:
        services.invite(
            get_session(),
            current_actor(),
            now_acting.space,
            email=form.email.data,
            kind=RepresentationKind.PARENT,
            sections=None,
            now=clock.now(),
        )
    except services.RepresentationError as refused:
        form.fail(form.email, refused.message)
        return _page(status=422, parent_form=form, form=form)
    flash(
        "Si cette adresse est celle d'un compte Espace santé, l'autre parent a reçu un e-mail "
        "avec un code pour accepter. L'invitation est valable 14 jours.",
        "success",
    )
    return redirect(url_for("representatives.index"))


@bp.post("/accepter")
@requires(Area.RECORD)
def accept() -> ResponseReturnValue:
    form = AcceptForm()
    if not form.validate():
        return _page(status=422, accept_form=form, form=form)
    try:
        services.accept(
            get_session(), current_user._get_current_object(), form.code.data, clock.now()
        )
    except services.RepresentationError as refused:
        form.fail(form.code, refused.message)
        return _page(status=422, accept_form=form, form=form)
    flash("Vous pouvez maintenant gérer cet espace : choisissez-le dans la liste.", "success")
    return redirect(url_for("representatives.index"))


@bp.post("/<int:representation_id>/retirer")
@requires(Area.RECORD)
def revoke(representation_id: int) -> ResponseReturnValue:
    db = get_session()
    now_acting = _managed_space_for_helpers()
    representation = db.scalar(
        select(Representation).where(
            Representation.id == representation_id,
            Representation.space_id == now_acting.space.id,
            Representation.revoked_at.is_(None),
        )
    )
    if representation is None:
        abort(404)
    services.revoke(db, current_actor(), representation, clock.now())
    flash("L'accès est retiré : il ne vaut plus dès maintenant.", "success")
    return redirect(url_for("representatives.index"))
