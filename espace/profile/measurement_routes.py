"""Views of /profil/mesures: the latest of each kind, the trend of one kind (chart and
table), and adding, changing or deleting a measurement."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from espace import clock
from espace.db import get_session
from espace.models import Measurement, ProfileSection
from espace.policy import Area
from espace.profile import bp, services
from espace.profile.chart import chart, summary
from espace.profile.forms import ConfirmForm
from espace.profile.measurement_form import MeasurementForm
from espace.profile.measurements import PERIODS, period, series, start_of, summaries
from espace.profile.measures import BY_KIND, BY_SLUG, KindSpec
from espace.profile.sections import unique_names
from espace.web.access import requires
from espace.web.filters import date_fr
from espace.web.htmx import render
from espace.web.spaces import current_actor, current_space

SECTION = ProfileSection.MESURES
INTRO = (
    "Notez vos mesures pour suivre leur évolution. Les chiffres sont vérifiés pour éviter "
    "les fautes de frappe, pas pour juger votre santé : parlez de vos résultats avec votre "
    "médecin."
)


def kind_or_404(slug: str) -> KindSpec:
    spec = BY_SLUG.get(slug)
    if spec is None:
        abort(404)
    return spec


def measurement_or_404(item_id: int) -> tuple[Measurement, KindSpec]:
    measurement = services.find(get_session(), current_space(), Measurement, item_id)
    if measurement is None:
        abort(404)
    return measurement, BY_KIND[measurement.kind]


def _render_form(
    spec: KindSpec, form: MeasurementForm, item: Measurement | None = None, status: int = 200
) -> Any:
    if item is None:
        heading = submit = f"Ajouter une mesure {spec.measure_of}"
        action = url_for("profile.measurement_add", kind=spec.slug)
    else:
        heading, submit = f"Modifier une mesure {spec.measure_of}", "Enregistrer les changements"
        action = url_for("profile.measurement_edit", item_id=item.id)
    return render(
        "profile/form.html",
        form=form,
        heading=heading,
        intro=INTRO,
        action=action,
        submit=submit,
        back=url_for("profile.measurement_series", kind=spec.slug),
        back_text=f"Annuler et revenir à l'évolution {spec.of}",
        status=status,
    )


@bp.get("/mesures")
@requires(Area.RECORD)
def measurements() -> ResponseReturnValue:
    kinds = summaries(get_session(), current_actor(), current_space())
    return render("profile/measurements.html", kinds=kinds, intro=INTRO)


@bp.get("/mesures/<kind>")
@requires(Area.RECORD)
def measurement_series(kind: str) -> ResponseReturnValue:
    spec = kind_or_404(kind)
    chosen = period(request.args.get("periode"))
    since = start_of(chosen, clock.today_in_paris())
    points = series(get_session(), current_actor(), current_space(), spec, since)
    newest_first = list(reversed(points))
    names = unique_names(f"la mesure du {date_fr(m.measured_on)}" for m in newest_first)
    return render(
        "profile/measurement_series.html",
        spec=spec,
        chart=chart(points, spec),
        summary=summary(points, spec),
        rows=list(zip(newest_first, names, strict=True)),
        periods=PERIODS,
        chosen=chosen,
    )


@bp.route("/mesures/<kind>/ajouter", methods=["GET", "POST"])
@requires(Area.RECORD)
def measurement_add(kind: str) -> ResponseReturnValue:
    spec = kind_or_404(kind)
    form = MeasurementForm(spec)
    if request.method == "GET":
        return _render_form(spec, form)  # an empty form: nothing read, nothing recorded
    if not form.validate():
        return _render_form(spec, form, status=422)
    services.add_item(
        get_session(), current_actor(), current_space(), SECTION, Measurement, form.values()
    )
    flash("La mesure est ajoutée.", "success")
    return redirect(url_for("profile.measurement_series", kind=spec.slug))


@bp.route("/mesures/<int:item_id>/modifier", methods=["GET", "POST"])
@requires(Area.RECORD)
def measurement_edit(item_id: int) -> ResponseReturnValue:
    measurement, spec = measurement_or_404(item_id)
    db, space, actor = get_session(), current_space(), current_actor()
    if request.method == "GET":
        services.record_view(db, actor, space, SECTION.value, measurement)
        return _render_form(spec, MeasurementForm.for_measurement(spec, measurement), measurement)
    form = MeasurementForm(spec)
    if not form.validate():
        return _render_form(spec, form, measurement, status=422)
    services.change_item(db, actor, space, SECTION, measurement, form.values())
    flash("La mesure est modifiée.", "success")
    return redirect(url_for("profile.measurement_series", kind=spec.slug))


@bp.route("/mesures/<int:item_id>/supprimer", methods=["GET", "POST"])
@requires(Area.RECORD)
def measurement_delete(item_id: int) -> ResponseReturnValue:
    measurement, spec = measurement_or_404(item_id)
    db, space, actor = get_session(), current_space(), current_actor()
    form = ConfirmForm()
    back = url_for("profile.measurement_series", kind=spec.slug)
    if request.method == "POST" and form.validate():
        services.delete_item(db, actor, space, SECTION, measurement)
        flash("La mesure est supprimée.", "success")
        return redirect(back)
    services.record_view(db, actor, space, SECTION.value, measurement)
    return render(
        "profile/delete.html",
        form=form,
        heading=f"Supprimer la mesure {spec.measure_of} du {date_fr(measurement.measured_on)} ?",
        details=[
            (spec.label, spec.show_measurement(measurement)),
            ("Date", date_fr(measurement.measured_on)),
            ("Remarque", measurement.note or "Aucune"),
        ],
        action=url_for("profile.measurement_delete", item_id=measurement.id),
        back=back,
        back_text=f"Non, revenir à l'évolution {spec.of}",
    )
