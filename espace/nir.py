"""The NIR (numéro de sécurité sociale, also the INS identifier) and its control key.

15 characters: sex (1), year (2), month (2), département (2: digits, or 2A/2B for Corsica),
commune (3), order (3), key (2). The key is 97 - (first 13 digits mod 97), where Corsica's
2A counts as 19 and 2B as 18 (INSEE rule).
"""

from __future__ import annotations

import re

_SHAPE = re.compile(r"^[1-478][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{8}$")
_CORSICA = {"2A": "19", "2B": "18"}


class NirError(ValueError):
    """The NIR is not valid; the message says how to fix it, in French."""


def normalize_nir(raw: str) -> str:
    """Uppercase, without spaces, dots or dashes (people copy it from their card)."""
    return re.sub(r"[\s.\-]", "", raw or "").upper()


def nir_key(first_thirteen: str) -> int:
    digits = first_thirteen[:5] + _CORSICA.get(first_thirteen[5:7], first_thirteen[5:7])
    digits += first_thirteen[7:]
    return 97 - int(digits) % 97


def validate_nir(raw: str) -> str:
    """Return the normalised NIR or raise NirError with a message that says what is wrong."""
    nir = normalize_nir(raw)
    if not nir:
        raise NirError("Saisissez votre numéro de sécurité sociale (15 caractères).")
    if len(nir) != 15:
        raise NirError(
            "Le numéro de sécurité sociale compte 15 caractères, clé comprise "
            f"(vous en avez saisi {len(nir)}). Il figure sur votre carte Vitale."
        )
    if not _SHAPE.match(nir):
        raise NirError(
            "Le numéro de sécurité sociale ne contient que des chiffres (et 2A ou 2B pour "
            "la Corse), par exemple 2 54 03 31 555 123 62."
        )
    if nir_key(nir[:13]) != int(nir[13:]):
        raise NirError(
            "Ce numéro de sécurité sociale n'est pas valide : vérifiez chaque chiffre, "
            "y compris les 2 derniers (la clé)."
        )
    return nir


def department_of(nir: str) -> str:
    """The département of birth written in the NIR (99 for people born abroad)."""
    return nir[5:7]
