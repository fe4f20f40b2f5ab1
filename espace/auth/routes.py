"""Sign-in pages: /connexion, then /connexion/code; sign-out is a POST."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from espace import clock
from espace.auth import bp, services
from espace.auth.forms import CodeForm, EmptyForm, SignInForm
from espace.auth.sessions import end_session, keep_alive
from espace.db import get_session
from espace.web.htmx import render

ATTEMPT_KEY = "signin_attempt"
NEXT_KEY = "signin_next"


def safe_next(target: str | None) -> str | None:
    """Only a path on this site (no open redirect, ASVS 5.1.5)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ch in target for ch in "\r\n\\"):
        return None
    return target


@bp.route("/connexion", methods=["GET", "POST"])
def sign_in() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = SignInForm()
    if request.method == "GET":
        if target := safe_next(request.args.get("suivant")):
            session[NEXT_KEY] = target
        return render("auth/sign_in.html", form=form)
    if not form.validate():
        return render("auth/sign_in.html", form=form, status=422)
    db = get_session()
    try:
        account = services.check_password(db, form.email.data, form.password.data, clock.wall_now())
    except services.TooManyFailures as refused:
        form.fail(form.email, refused.message)
        return render("auth/sign_in.html", form=form, status=429)
    except services.SignInRefused as refused:
        form.fail(form.email, refused.message)
        return render("auth/sign_in.html", form=form, status=422)
    started = services.start_attempt(db, account, clock.wall_now())
    session[ATTEMPT_KEY] = started.token
    return redirect(url_for("auth.code"))


@bp.route("/connexion/code", methods=["GET", "POST"])
def code() -> ResponseReturnValue:
    db = get_session()
    attempt = services.find_attempt(db, session.get(ATTEMPT_KEY), clock.wall_now())
    if attempt is None:
        session.pop(ATTEMPT_KEY, None)
        flash("Votre code n'est plus valable. Recommencez la connexion.", "error")
        return redirect(url_for("auth.sign_in"))
    form = CodeForm()
    context = {"form": form, "attempt": attempt, "resend_form": EmptyForm()}
    if request.method == "GET":
        return render("auth/code.html", **context)
    if not form.validate():
        return render("auth/code.html", **context, status=422)
    try:
        account = services.verify_second_factor(
            db, session.get(ATTEMPT_KEY), form.code.data, clock.wall_now()
        )
    except services.AttemptOver as over:
        session.pop(ATTEMPT_KEY, None)
        flash(over.message, "error")
        return redirect(url_for("auth.sign_in"))
    except services.SignInRefused as refused:
        form.fail(form.code, refused.message)
        return render("auth/code.html", **context, status=422)
    token = services.complete_sign_in(db, account, attempt.factor, clock.wall_now())
    target = session.get(NEXT_KEY)
    # A brand-new session: nothing from before sign-in survives (no session fixation).
    session.clear()
    session["sid"] = token
    session.permanent = True
    flash(f"Vous êtes connecté. Bienvenue, {account.display_name}.", "success")
    return redirect(safe_next(target) or url_for("dashboard.index"))


@bp.post("/connexion/code/nouveau")
def resend_code() -> ResponseReturnValue:
    try:
        services.resend_code(get_session(), session.get(ATTEMPT_KEY), clock.wall_now())
    except services.AttemptOver as over:
        flash(over.message, "error")
        return redirect(url_for("auth.sign_in"))
    except services.SignInRefused as refused:
        flash(refused.message, "error")
        return redirect(url_for("auth.code"))
    flash(
        "Un nouveau code vient de vous être envoyé par e-mail. L'ancien ne marche plus.", "success"
    )
    return redirect(url_for("auth.code"))


@bp.post("/deconnexion")
def sign_out() -> ResponseReturnValue:
    if token := session.get("sid"):
        if current_user.is_authenticated:
            services.record_sign_out(
                get_session(), current_user._get_current_object(), clock.wall_now()
            )
        end_session(get_session(), token, clock.wall_now())
    session.clear()
    flash("Vous êtes déconnecté. À bientôt.", "success")
    return redirect(url_for("auth.sign_in"))


@bp.post("/session/prolonger")
def stay_signed_in() -> ResponseReturnValue:
    """The button of the idle warning (RGAA 13.1): counts as activity, changes nothing else."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.sign_in"))
    keep_alive(get_session(), session["sid"], clock.wall_now())
    if request.headers.get("HX-Request"):
        return render("auth/_still_signed_in.html")
    flash("Votre session est prolongée de 15 minutes.", "success")
    return redirect(safe_next(request.form.get("retour")) or url_for("dashboard.index"))
