"""Views of /compte."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from espace import clock
from espace.account import bp, services
from espace.auth.forms import CodeForm
from espace.policy import Area
from espace.web.access import requires
from espace.web.htmx import render


@bp.get("")
@requires(Area.ACCOUNT)
def index() -> ResponseReturnValue:
    return render("account/index.html")


@bp.route("/authentificateur", methods=["GET", "POST"])
@requires(Area.ACCOUNT)
def authenticator() -> ResponseReturnValue:
    account = current_user._get_current_object()
    if account.uses_totp:
        return redirect(url_for("account.index"))
    form = CodeForm()
    secret = services.pending_secret(account)
    uri = services.provisioning_uri(account, secret)
    context = {"form": form, "secret": secret, "qr_code": services.qr_code_svg(uri)}
    if request.method == "GET":
        return render("account/authenticator.html", **context)
    if not form.validate():
        return render("account/authenticator.html", **context, status=422)
    if not services.confirm_enrolment(account, form.code.data, clock.now()):
        form.fail(
            form.code,
            "Ce code ne correspond pas. Saisissez le code à 6 chiffres affiché en ce moment "
            "par votre application (il change toutes les 30 secondes).",
        )
        return render("account/authenticator.html", **context, status=422)
    flash(
        "Votre application d'authentification est activée. Elle vous donnera désormais "
        "le code de connexion, à la place de l'e-mail.",
        "success",
    )
    return redirect(url_for("account.index"))


@bp.route("/authentificateur/retirer", methods=["GET", "POST"])
@requires(Area.ACCOUNT)
def remove_authenticator() -> ResponseReturnValue:
    account = current_user._get_current_object()
    if not account.uses_totp:
        return redirect(url_for("account.index"))
    form = CodeForm()
    if request.method == "GET":
        return render("account/remove_authenticator.html", form=form)
    if not form.validate():
        return render("account/remove_authenticator.html", form=form, status=422)
    if not services.remove_authenticator(account, form.code.data, clock.now()):
        form.fail(
            form.code,
            "Ce code ne correspond pas. Saisissez le code affiché en ce moment par votre "
            "application.",
        )
        return render("account/remove_authenticator.html", form=form, status=422)
    flash("L'application d'authentification est retirée : le code arrivera par e-mail.", "success")
    return redirect(url_for("account.index"))
