"""/activation, last steps (once the identity is proved): an e-mail address, a password,
then the 6-digit code sent to that address, which activates the space and signs in."""

from __future__ import annotations

from flask import flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.activation import bp
from espace.activation.forms import ConfirmationCodeForm, EmailForm, EmptyForm, PasswordForm
from espace.activation.routes import journey
from espace.auth.services import complete_sign_in
from espace.auth.sessions import end_session
from espace.db import get_session
from espace.lifecycle import activation
from espace.lifecycle.identity import Proved, still_valid
from espace.models import SecondFactor
from espace.web.htmx import render

RESTART = (
    "Votre activation a été interrompue (elle doit se faire en moins de 30 minutes). "
    "Recommencez : saisissez votre code d'activation."
)


def _proof() -> Proved | None:
    space_id, hashed = journey.get("space"), journey.get("code")
    if not space_id or not hashed:
        return None
    return still_valid(get_session(), space_id, hashed, clock.now(), activation.ACTIVABLE)


def _restart() -> ResponseReturnValue:
    journey.end()
    flash(RESTART, "info")
    return redirect(url_for("activation.start"))


@bp.route("/adresse", methods=["GET", "POST"])
def email() -> ResponseReturnValue:
    proved = _proof()
    if proved is None:
        return _restart()
    db = get_session()
    pending = journey.get("account")
    known = activation.pending_email(db, pending) or proved.space.email_on_file
    form = EmailForm(data={"email": known} if request.method == "GET" else None)
    if request.method == "GET":
        return render("activation/email.html", form=form)
    if not form.validate():
        return render("activation/email.html", form=form, status=422)
    if activation.email_taken(db, form.email.data, pending, clock.now()):
        form.fail(
            form.email,
            "Cette adresse e-mail est déjà celle d'un compte Espace santé. "
            "Saisissez une autre adresse (chaque personne a la sienne).",
        )
        return render("activation/email.html", form=form, status=422)
    account_id = activation.choose_email(db, proved.space, form.email.data, pending, clock.now())
    journey.update(account=account_id)
    journey.drop("token")
    return redirect(url_for("activation.password"))


@bp.route("/mot-de-passe", methods=["GET", "POST"])
def password() -> ResponseReturnValue:
    proved = _proof()
    db = get_session()
    address = activation.pending_email(db, journey.get("account"))
    if proved is None:
        return _restart()
    if address is None:
        return redirect(url_for("activation.email"))
    form = PasswordForm(email=address)
    if request.method == "GET":
        return render("activation/password.html", form=form)
    if not form.validate():
        return render("activation/password.html", form=form, status=422)
    try:
        token = activation.choose_password(
            db, journey.get("account"), form.password.data, clock.now()
        )
    except activation.ConfirmationRefused as refused:
        flash(refused.message, "error")
        return redirect(url_for("activation.email"))
    journey.update(token=token)
    return redirect(url_for("activation.confirm"))


@bp.route("/confirmation", methods=["GET", "POST"])
def confirm() -> ResponseReturnValue:
    proved = _proof()
    if proved is None:
        return _restart()
    db = get_session()
    address = activation.pending_email(db, journey.get("account"))
    if address is None or not journey.get("token"):
        return redirect(url_for("activation.email"))
    form = ConfirmationCodeForm()
    context = {"form": form, "address": address, "resend_form": EmptyForm()}
    if request.method == "GET":
        return render("activation/confirm.html", **context)
    if not form.validate():
        return render("activation/confirm.html", **context, status=422)
    try:
        account = activation.confirm(db, proved, journey.get("token"), form.code.data, clock.now())
    except activation.ConfirmationRefused as refused:
        if refused.over:
            journey.drop("token")
            flash(refused.message, "error")
            return redirect(url_for("activation.email"))
        form.fail(form.code, refused.message)
        return render("activation/confirm.html", **context, status=422)
    if old := session.get("sid"):
        end_session(db, old, clock.now())  # someone else was signed in on this browser
    token = complete_sign_in(db, account, SecondFactor.EMAIL_CODE, clock.now())
    # A brand-new session: nothing from before survives (no session fixation).
    session.clear()
    session["sid"] = token
    session.permanent = True
    flash("Votre espace santé est activé. Bienvenue !", "success")
    return redirect(url_for("dashboard.index"))


@bp.post("/confirmation/nouveau")
def resend() -> ResponseReturnValue:
    if _proof() is None:
        return _restart()
    try:
        activation.resend(get_session(), journey.get("token") or "", clock.now())
    except activation.ConfirmationRefused as refused:
        flash(refused.message, "error")
        target = "activation.email" if refused.over else "activation.confirm"
        return redirect(url_for(target))
    flash("Un nouveau code vient d'être envoyé. L'ancien ne marche plus.", "success")
    return redirect(url_for("activation.confirm"))
