"""The form of one measurement, shaped by its kind: labels, units, ranges."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Self

from wtforms import Field, StringField
from wtforms.validators import StopValidation, ValidationError

from espace.models import Measurement
from espace.profile.fields import past_date, text
from espace.profile.forms import ItemForm
from espace.profile.measures import BadNumber, Bound, KindSpec, number_fr, parse_number
from espace.web.forms import Required, strip_filter

NUMBER_INPUT = {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}


class MeasurementForm(ItemForm):
    value = StringField("Valeur", filters=[strip_filter], render_kw=NUMBER_INPUT)
    second_value = StringField("Seconde valeur", filters=[strip_filter], render_kw=NUMBER_INPUT)
    measured_on = past_date(
        "Date de la mesure",
        "La date de la mesure",
        required="Saisissez la date de la mesure, par exemple 27 3 2024.",
    )
    note = text(
        "Remarque (facultatif)",
        300,
        "La remarque",
        hint="Par exemple : à jeun, après le repas, le matin au réveil.",
    )

    def __init__(self, spec: KindSpec, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.numbers: dict[str, Decimal] = {}
        self._shape(self.value, spec.first)
        if spec.second is None:
            del self.second_value
        else:
            self._shape(self.second_value, spec.second)

    def _shape(self, field: Field, bound: Bound) -> None:
        field.label.text = bound.label
        field.description = (
            f"Entre {number_fr(bound.low)} et {number_fr(bound.high)}, par exemple {bound.example}."
        )
        field.bound = bound  # type: ignore[attr-defined]

    @classmethod
    def for_measurement(cls, spec: KindSpec, measurement: Measurement) -> Self:
        form = cls(spec, obj=measurement)
        form.value.data = number_fr(measurement.value)
        if spec.second is not None and measurement.second_value is not None:
            form.second_value.data = number_fr(measurement.second_value)
        return form

    def _number(self, field: Field) -> None:
        bound: Bound = field.bound  # type: ignore[attr-defined]
        Required(f"Saisissez {bound.object}, par exemple {bound.example}.")(self, field)
        try:
            self.numbers[field.name] = parse_number(field.data, bound, self.spec.unit)
        except BadNumber as bad:
            raise StopValidation(str(bad)) from None

    def validate_value(self, field: Field) -> None:
        self._number(field)

    def validate_second_value(self, field: Field) -> None:
        self._number(field)
        first, second = self.numbers.get("value"), self.numbers.get("second_value")
        if first is not None and second is not None and second >= first:
            raise ValidationError(
                "La pression diastolique (le chiffre du bas) doit être plus petite que la "
                "systolique (le chiffre du haut) : vérifiez l'ordre des deux chiffres."
            )

    def values(self) -> dict[str, Any]:
        second = self.numbers.get("second_value")
        return {
            "kind": self.spec.kind,
            "value": float(self.numbers["value"]),
            "second_value": float(second) if second is not None else None,
            "measured_on": self.measured_on.data,
            "note": self.note.data or None,
        }
