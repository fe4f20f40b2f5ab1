"""The insurer's file of insured people (``enrolment import``), line by line.

Format (documented for operators in the README, in French): UTF-8, ``;`` between fields,
a required header with exactly these columns in any order:
``nir;nom;prenom;date_naissance;email;adresse;code_postal;commune;departement;nir_parent``.

- ``nir``: 15 characters with a valid key (2A/2B for Corsica); the year of birth it
  carries must match ``date_naissance``.
- ``nom``, ``prenom``: 1 to 100 characters.
- ``date_naissance``: ``AAAA-MM-JJ`` or ``JJ/MM/AAAA``, not in the future, not before 1900.
- ``email``: optional; the notice goes there when given.
- ``adresse``, ``code_postal`` (5 digits), ``commune``: required when there is no e-mail
  (the notice is then a printed letter).
- ``departement``: where the person lives (2 or 3 digits, 2A, 2B): only pilot
  départements get a space.
- ``nir_parent``: for a dependant (a child), the NIR of the insured parent; else empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from espace.csvfile import (
    LineProblem,
    date_field,
    department_field,
    email_field,
    postcode_field,
    text_field,
)
from espace.nir import NirError, nir_key, normalize_nir, validate_nir

COLUMNS = (
    "nir",
    "nom",
    "prenom",
    "date_naissance",
    "email",
    "adresse",
    "code_postal",
    "commune",
    "departement",
    "nir_parent",
)


@dataclass(frozen=True)
class Person:
    number: int
    nir: str
    family_name: str
    given_name: str
    birth_date: date
    email: str | None
    address_line: str | None
    postcode: str | None
    town: str | None
    department: str
    parent_nir: str | None

    @property
    def has_address(self) -> bool:
        return bool(self.address_line and self.postcode and self.town)


def nir_problem(raw: str, column: str = "nir") -> tuple[str, str | None]:
    """(normalised NIR, None) when valid, else ("", the reason for the report)."""
    nir = normalize_nir(raw)
    try:
        return validate_nir(nir), None
    except NirError:
        pass
    if not nir:
        return "", f"{column} vide"
    if len(nir) != 15:
        return "", f"{column} de {len(nir)} caractères au lieu de 15"
    try:
        key_ok = nir_key(nir[:13]) == int(nir[13:])
    except ValueError:
        key_ok = True  # not even digits: a shape problem
    if not key_ok:
        return "", f"{column} avec une clé fausse (vérifiez les 2 derniers chiffres)"
    return "", f"{column} mal formé (15 chiffres, avec 2A ou 2B pour la Corse)"


def parse_person(number: int, raw: dict[str, str], today: date) -> Person | LineProblem:
    problems: list[str] = []
    nir, problem = nir_problem(raw["nir"])
    if problem:
        problems.append(problem)
    family_name = text_field(raw["nom"], "nom", 100, problems)
    given_name = text_field(raw["prenom"], "prenom", 100, problems)
    birth_date = date_field(raw["date_naissance"], "date_naissance", today, problems)
    if nir and birth_date and nir[1:3] != f"{birth_date.year % 100:02d}":
        problems.append("date_naissance : l'année ne correspond pas à celle du nir")
    email = email_field(raw["email"], "email", problems)
    address_line = text_field(raw["adresse"], "adresse", 300, problems, required=False)
    postcode = postcode_field(raw["code_postal"], "code_postal", problems)
    town = text_field(raw["commune"], "commune", 100, problems, required=False)
    department = department_field(raw["departement"], "departement", problems)
    parent_nir = None
    if raw["nir_parent"].strip():
        parent_nir, problem = nir_problem(raw["nir_parent"], "nir_parent")
        if problem:
            problems.append(problem)
        elif parent_nir == nir:
            problems.append("nir_parent identique au nir de la personne")
    if not raw["email"].strip() and not (address_line and postcode and town):
        problems.append(
            "ni email ni adresse postale complète (adresse, code_postal, commune) : "
            "l'avis ne peut pas être envoyé"
        )
    if problems or birth_date is None:
        return LineProblem(number, " ; ".join(problems))
    return Person(
        number=number,
        nir=nir,
        family_name=family_name,
        given_name=given_name,
        birth_date=birth_date,
        email=email,
        address_line=address_line or None,
        postcode=postcode or None,
        town=town or None,
        department=department,
        parent_nir=parent_nir or None,
    )
