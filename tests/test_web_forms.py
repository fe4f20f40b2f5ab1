"""The fast ``<select>`` of long lists writes exactly what WTForms writes, escaping
included: the injection corpus as option values and labels, selected or not."""

from __future__ import annotations

from wtforms import Form, SelectField
from wtforms.widgets import Select

from espace.web.forms import ListSelect, choices, list_select
from tests.xss import payloads


def rendered(widget: Select, options: list[tuple[str, str]], chosen: str) -> str:
    class Pick(Form):
        what = SelectField("Quoi", choices=choices(options), widget=widget)

    form = Pick(data={"what": chosen})
    return str(form.what())


def test_the_options_are_those_wtforms_writes_for_every_payload():
    corpus = list(payloads())
    options = [(text, text) for text in corpus] + [("", "Toutes"), ("31", "31 – Haute-Garonne")]
    options += [(text, "étiquette") for text in corpus[:20]] + [("valeur", text) for text in corpus]
    for chosen in ("", corpus[0], "31"):
        ours = rendered(ListSelect(), options, chosen)
        assert ours == rendered(Select(), options, chosen)
        assert ours.count(" selected") == sum(value == chosen for value, _ in options)


def test_the_form_helper_writes_the_same_markup():
    class Pick(Form):
        what = list_select("Quoi", choices=choices([("a", "A")]))

    ours = str(Pick(data={"what": "a"}).what())
    assert ours == rendered(Select(), [("a", "A")], "a")
