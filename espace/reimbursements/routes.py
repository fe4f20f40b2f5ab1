"""Views of /historique-des-soins."""

from __future__ import annotations

from flask import request
from flask.typing import ResponseReturnValue

from espace import clock
from espace.db import get_session
from espace.policy import Area
from espace.reimbursements import bp, services
from espace.reimbursements.amounts import format_euros
from espace.reimbursements.forms import HistoryFilterForm
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.paging import page_number
from espace.web.spaces import current_actor, current_space

TEMPLATE = "reimbursements/index.html"


@bp.get("")
@requires(Area.RECORD)
def index() -> ResponseReturnValue:
    space = current_space()
    actor = current_actor()
    db = get_session()
    now = clock.now()
    form = HistoryFilterForm(request.args, services.periods(services.today_of(now)))
    if not form.validate():
        # Nothing is shown, so nothing was read: no history entry for a refused filter.
        return render(TEMPLATE, form=form, history=None, euros=format_euros, status=422)
    history = services.care_history(
        db,
        actor,
        space,
        period=form.chosen_period(),
        care_type=form.chosen_care_type(),
        page=page_number(request.args.get("page")),
        now=now,
    )
    return render(
        TEMPLATE,
        form=form,
        history=history,
        euros=format_euros,
        filters=form.url_filters(),
    )
