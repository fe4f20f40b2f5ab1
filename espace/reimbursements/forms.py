"""The filter of the historique des soins: a GET form, so it works without JavaScript and
its URL can be bookmarked; a value that is not in the lists gives a 422 (RGAA 11.10)."""

from __future__ import annotations

from datetime import date
from typing import Any

from wtforms import SelectField

from espace.reimbursements.care_types import CareType
from espace.reimbursements.services import DEFAULT_PERIOD, Period
from espace.web.filters import date_fr
from espace.web.forms import BaseForm, choices

ALL_TYPES = ""


def period_label(period: Period) -> str:
    """The option's text: "Les 12 derniers mois", "Année 2025", or "Année 2024 (depuis le
    27 novembre 2024)" when the 24-month window starts within that year."""
    if period.year is None:
        return f"Les {period.value} derniers mois"
    label = f"Année {period.year}"
    if period.start != date(period.year, 1, 1):
        label += f" (depuis le {date_fr(period.start)})"
    return label


class HistoryFilterForm(BaseForm):
    class Meta:
        csrf = False  # a GET form changes nothing

    period = SelectField(
        "Période",
        default=DEFAULT_PERIOD,
        invalid_choice_message=(
            "Choisissez une période dans la liste, par exemple « Les 12 derniers mois »."
        ),
    )
    care_type = SelectField(
        "Type de soins",
        default=ALL_TYPES,
        choices=choices([(ALL_TYPES, "Tous les types"), *((t.value, t.label) for t in CareType)]),
        invalid_choice_message=(
            "Choisissez un type de soins dans la liste, par exemple « Pharmacie », "
            "ou « Tous les types »."
        ),
    )

    def __init__(self, formdata: Any, periods: list[Period]) -> None:
        super().__init__(formdata=formdata)
        self.periods = {period.value: period for period in periods}
        self.period.choices = choices((period.value, period_label(period)) for period in periods)

    def chosen_period(self) -> Period:
        return self.periods[self.period.data]

    def chosen_care_type(self) -> CareType | None:
        return CareType(self.care_type.data) if self.care_type.data else None

    def url_filters(self) -> dict[str, str]:
        """The filters that differ from the default view, to keep them across pages."""
        filters = {}
        if self.period.data != DEFAULT_PERIOD:
            filters["period"] = self.period.data
        if self.care_type.data:
            filters["care_type"] = self.care_type.data
        return filters
