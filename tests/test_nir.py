"""The NIR and its key, Corsica included."""

from __future__ import annotations

import pytest

from espace.demo.personas import SPACES
from espace.nir import NirError, department_of, nir_key, validate_nir


@pytest.mark.parametrize("nir", [space.nir for space in SPACES])
def test_every_persona_has_a_valid_nir(nir):
    assert validate_nir(nir) == nir


def test_spaces_dots_and_dashes_are_ignored():
    assert validate_nir(" 2 54 03 31 555 123 62 ") == "254033155512362"
    assert validate_nir("2.54.03.31-555-123-62") == "254033155512362"


def test_corsica_2a_counts_as_19_and_2b_as_18():
    body_2a = "180012A123456"
    body_2b = "180012B123456"
    assert nir_key(body_2a) == 97 - int("1800119123456") % 97
    assert nir_key(body_2b) == 97 - int("1800118123456") % 97
    nir_2a = f"{body_2a}{nir_key(body_2a):02d}"
    assert validate_nir(nir_2a.lower()) == nir_2a
    assert department_of(nir_2a) == "2A"
    assert validate_nir(f"{body_2b}{nir_key(body_2b):02d}")


def test_a_corsican_nir_with_the_continental_key_is_refused():
    body = "1800120123456"
    wrong = f"180012A123456{nir_key(body):02d}"
    with pytest.raises(NirError, match="clé"):
        validate_nir(wrong)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Saisissez"),
        ("25403315551236", "15 caractères"),
        ("2540331555123622", "15 caractères"),
        ("2540331555123A2", "que des chiffres"),
        ("954033155512362", "que des chiffres"),
        ("254033155512363", "n'est pas valide"),
        ("254033155512361", "n'est pas valide"),
    ],
)
def test_a_bad_nir_is_refused_with_a_message_that_says_why(raw, message):
    with pytest.raises(NirError, match=message):
        validate_nir(raw)
