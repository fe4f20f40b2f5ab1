"""The holder's history of every operation on their space (/activite)."""

from __future__ import annotations

from flask import Blueprint, Flask, request
from flask.typing import ResponseReturnValue
from wtforms import SelectField, StringField
from wtforms.validators import ValidationError

from espace import clock
from espace.activity import services
from espace.db import get_session
from espace.models import Role
from espace.policy import Area
from espace.web import navigation
from espace.web.access import requires
from espace.web.forms import BaseForm, choices
from espace.web.htmx import render
from espace.web.paging import whole_number
from espace.web.spaces import current_actor, current_space

bp = Blueprint("activity", __name__, url_prefix="/activite")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    navigation.add(app, "Historique d'activité", "activity.index", {Role.HOLDER}, order=40)


class HistoryFilter(BaseForm):
    class Meta:
        csrf = False

    vue = StringField("Vue")
    periode = SelectField(
        "Période",
        choices=choices((key, label) for key, (label, _span) in services.PERIODS.items()),
        validate_choice=False,
    )
    page = StringField("Page")

    def validate_vue(self, field: StringField) -> None:
        if field.data and field.data not in services.TABS:
            raise ValidationError("Choisissez l'onglet « Mes actions » ou « Professionnels ».")

    def validate_periode(self, field: SelectField) -> None:
        if field.data and field.data not in services.PERIODS:
            raise ValidationError("Choisissez une période dans la liste.")

    def validate_page(self, field: StringField) -> None:
        if field.data and whole_number(field.data) is None:
            raise ValidationError("Le numéro de page est un nombre entier, par exemple 2.")


@bp.get("")
@requires(Area.RECORD)
def index() -> ResponseReturnValue:
    form = HistoryFilter(request.args)
    tab = form.vue.data if form.vue.data in services.TABS else "moi"
    if not form.validate():
        return render(
            "activity/index.html", form=form, tab=tab, tabs=services.TABS, history=None, status=422
        )
    period = form.periode.data or "30j"
    history = services.history_page(
        get_session(), current_actor(), current_space(), tab, period,
        int(form.page.data or 1), clock.now(),
    )  # fmt: skip
    return render(
        "activity/index.html",
        form=form,
        tab=tab,
        tabs=services.TABS,
        history=history,
        filters={"vue": tab, "periode": period},
    )
