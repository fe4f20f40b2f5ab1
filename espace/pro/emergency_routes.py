"""Emergency access (bris de glace, CSP R1111-48) in two steps: the reason, then the
professional's second factor again. The holder's refusal is told before any code is asked."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from espace.access import AccessError, emergency
from espace.auth import services as auth
from espace.auth.forms import CodeForm
from espace.models import EmergencyMode
from espace.policy import Area
from espace.pro import bp
from espace.pro.context import Visit, at_the_door
from espace.pro.forms import EmergencyForm
from espace.pro.services import emergency_refusal
from espace.web.access import requires
from espace.web.htmx import render

# The request waiting for its second factor, and the second-factor check itself. Kept
# apart from the sign-in's own key, so the two never mix.
PENDING_KEY = "pro_emergency"
ATTEMPT_KEY = "pro_emergency_attempt"
START_AGAIN = "Le code n'est plus valable. Indiquez de nouveau le motif de l'accès en urgence."


def _hours() -> int:
    return int(emergency.DURATION.total_seconds() // 3600)


def _forget() -> None:
    session.pop(PENDING_KEY, None)
    session.pop(ATTEMPT_KEY, None)


def _step_one(current: Visit, form: EmergencyForm | None, **extra: Any) -> ResponseReturnValue:
    status = extra.pop("status", 200)
    return render(
        "pro/emergency.html",
        visit=current,
        form=form,
        reasons=emergency.REASONS,
        hours=_hours(),
        status=status,
        **extra,
    )


@bp.route("/patients/<int:space_id>/urgence", methods=["GET", "POST"])
@requires(Area.PRO)
def emergency_start(space_id: int) -> ResponseReturnValue:
    current = at_the_door(space_id)
    if current.access.granted:  # nothing to break: the professional is already inside
        return _step_one(current, None)
    pending = _pending(space_id) if request.method == "GET" else None
    form = EmergencyForm.for_professional(
        current.professional.samu_regulator,
        # Back from step 2 to change the reason: what was typed is kept.
        data={"mode": pending["mode"], "reason_category": pending["category"],
              "reason_text": pending["text"]} if pending else None,
    )  # fmt: skip
    if request.method == "GET":
        return _step_one(current, form)
    if not form.validate():
        return _step_one(current, form, status=422)
    mode = form.chosen_mode
    if refusal := emergency_refusal(current.db, current.space, current.professional, mode):
        return _step_one(current, None, refusal=refusal, status=422)
    started = auth.start_attempt(current.db, current_user._get_current_object(), current.now)
    session[PENDING_KEY] = {
        "space_id": space_id,
        "mode": mode.value,
        "category": form.reason_category.data,
        "text": form.reason_text.data,
    }
    session[ATTEMPT_KEY] = started.token
    return redirect(url_for("pro.emergency_confirm", space_id=space_id))


def _pending(space_id: int) -> dict[str, Any] | None:
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict) or pending.get("space_id") != space_id:
        return None
    return pending


@bp.route("/patients/<int:space_id>/urgence/confirmer", methods=["GET", "POST"])
@requires(Area.PRO)
def emergency_confirm(space_id: int) -> ResponseReturnValue:
    current = at_the_door(space_id)
    pending = _pending(space_id)
    attempt = auth.find_attempt(current.db, session.get(ATTEMPT_KEY), current.now)
    if pending is None or attempt is None or attempt.account_id != current_user.id:
        _forget()
        flash(START_AGAIN, "error")
        return redirect(url_for("pro.emergency_start", space_id=space_id))
    form = CodeForm()
    context = {
        "visit": current,
        "form": form,
        "factor": attempt.factor.value,
        "reason": emergency.REASONS.get(pending["category"], ""),
        "text": pending["text"],
        "samu": pending["mode"] == EmergencyMode.SAMU.value,
    }
    if request.method == "GET":
        return render("pro/emergency_confirm.html", **context)
    if not form.validate():
        return render("pro/emergency_confirm.html", **context, status=422)
    try:
        account = auth.verify_second_factor(
            current.db, session.get(ATTEMPT_KEY), form.code.data, current.now
        )
    except auth.AttemptOver:
        _forget()
        flash(
            "Le code n'est plus valable (trop d'essais, ou plus de 10 minutes). Indiquez de "
            "nouveau le motif : un nouveau code vous sera demandé.",
            "error",
        )
        return redirect(url_for("pro.emergency_start", space_id=space_id))
    except auth.SignInRefused as refused:
        form.fail(form.code, refused.message)
        return render("pro/emergency_confirm.html", **context, status=422)
    _forget()
    if account.id != current_user.id:  # pragma: no cover - the attempt is the user's own
        current.refuse("second facteur d'un autre compte")
    try:
        emergency.start(
            current.db, current.actor, current.space,
            mode=EmergencyMode(pending["mode"]), reason_category=pending["category"],
            reason_text=pending["text"], now=current.now,
        )  # fmt: skip
    except AccessError as refused:  # the holder changed their consent meanwhile
        return _step_one(current, None, refusal=refused.message, status=422)
    flash(
        f"L'accès en urgence est ouvert pour {_hours()} heures. Le patient et son médecin "
        "traitant en sont informés.",
        "success",
    )
    return redirect(url_for("pro.patient", space_id=space_id))


@bp.post("/patients/<int:space_id>/urgence/nouveau-code")
@requires(Area.PRO)
def emergency_resend(space_id: int) -> ResponseReturnValue:
    current = at_the_door(space_id)
    try:
        auth.resend_code(current.db, session.get(ATTEMPT_KEY), current.now)
    except auth.AttemptOver:
        _forget()
        flash(START_AGAIN, "error")
        return redirect(url_for("pro.emergency_start", space_id=space_id))
    except auth.SignInRefused as refused:
        flash(refused.message, "error")
    else:
        flash("Un nouveau code vient de vous être envoyé par e-mail. L'ancien ne marche plus.",
              "success")  # fmt: skip
    return redirect(url_for("pro.emergency_confirm", space_id=space_id))
