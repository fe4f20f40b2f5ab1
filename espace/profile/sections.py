"""The list sections of the profile (antécédents, allergies, traitements, vaccinations,
entourage): one description each, so one set of views and templates serves them all.

Mesures, volontés and mes professionnels have their own pages: they are not lists of
free-form items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import InstrumentedAttribute

from espace import clock
from espace.models import (
    Allergy,
    Contact,
    ContactKind,
    HistoryKind,
    MedicalHistory,
    ProfileSection,
    Severity,
    Treatment,
    Vaccination,
)
from espace.profile import forms
from espace.web.filters import date_fr

SEVERITY_LABELS = {
    Severity.MILD: "Légère",
    Severity.MODERATE: "Modérée",
    Severity.SEVERE: "Grave",
}

Details = list[tuple[str, str]]
Group = tuple[str, list[Any]]


@dataclass(frozen=True)
class ItemSection:
    section: ProfileSection
    model: type[Any]
    form: type[forms.ItemForm]
    order: Sequence[InstrumentedAttribute[Any]]
    intro: str
    noun: str  # "une allergie": "Ajouter une allergie"
    the: str  # "l'allergie": "Modifier l'allergie « pénicilline »"
    back_to: str  # "aux allergies": "Annuler et revenir aux allergies"
    empty: str
    messages: tuple[str, str, str]  # flashed after add, change, delete (no health data)
    describe: Callable[[Any], str]  # the item's name, in links and headings
    details: Callable[[Any], Details]
    groups: Callable[[list[Any]], list[Group]]

    @property
    def slug(self) -> str:
        return self.section.value

    @property
    def title(self) -> str:
        return self.section.label


def _when(value: date | None) -> str:
    return date_fr(value) if value else "Non indiquée"


def _text(value: str | None) -> str:
    return value or "Non indiqué"


def _one_group(heading: str) -> Callable[[list[Any]], list[Group]]:
    return lambda items: [(heading, items)]


def _antecedent_groups(items: list[MedicalHistory]) -> list[Group]:
    return [
        ("Mes antécédents", [i for i in items if i.kind == HistoryKind.PERSONAL]),
        ("Antécédents dans ma famille", [i for i in items if i.kind == HistoryKind.FAMILY]),
    ]


def _treatment_groups(items: list[Treatment]) -> list[Group]:
    today = clock.today_in_paris()
    current = [i for i in items if i.ended_on is None or i.ended_on > today]
    stopped = [i for i in items if i not in current]
    return [("Traitements en cours", current), ("Traitements arrêtés", stopped)]


def _contact_groups(items: list[Contact]) -> list[Group]:
    trusted = [i for i in items if i.kind == ContactKind.TRUSTED_PERSON]
    emergency = [i for i in items if i.kind == ContactKind.EMERGENCY]
    return [
        ("Personne de confiance", trusted),
        ("Personnes à prévenir en cas d'urgence", emergency),
    ]


SECTIONS: dict[str, ItemSection] = {
    s.slug: s
    for s in [
        ItemSection(
            section=ProfileSection.ANTECEDENTS,
            model=MedicalHistory,
            form=forms.AntecedentForm,
            order=(MedicalHistory.kind.desc(), MedicalHistory.since.desc(), MedicalHistory.id),
            intro="Les maladies, opérations et problèmes de santé que vous avez eus, et ceux "
            "de votre famille qui comptent pour votre santé.",
            noun="un antécédent",
            the="l'antécédent",
            back_to="aux antécédents",
            empty="Aucun antécédent n'est indiqué.",
            messages=(
                "L'antécédent est ajouté à votre profil.",
                "L'antécédent est modifié.",
                "L'antécédent est supprimé de votre profil.",
            ),
            describe=lambda i: i.label,
            details=lambda i: [
                *(
                    [("Membre de la famille", _text(i.relative))]
                    if i.kind == HistoryKind.FAMILY
                    else []
                ),
                ("Depuis", _when(i.since)),
                ("Précisions", _text(i.note)),
            ],
            groups=_antecedent_groups,
        ),
        ItemSection(
            section=ProfileSection.ALLERGIES,
            model=Allergy,
            form=forms.AllergyForm,
            order=(Allergy.substance, Allergy.id),
            intro="Les médicaments, aliments ou produits qui vous donnent une réaction allergique.",
            noun="une allergie",
            the="l'allergie",
            back_to="aux allergies",
            empty="Aucune allergie n'est indiquée.",
            messages=(
                "L'allergie est ajoutée à votre profil.",
                "L'allergie est modifiée.",
                "L'allergie est supprimée de votre profil.",
            ),
            describe=lambda i: i.substance,
            details=lambda i: [
                ("Réaction", _text(i.reaction)),
                ("Gravité", SEVERITY_LABELS.get(i.severity, "Non indiquée")),
                ("Découverte le", _when(i.noted_on)),
            ],
            groups=_one_group("Mes allergies"),
        ),
        ItemSection(
            section=ProfileSection.TRAITEMENTS,
            model=Treatment,
            form=forms.TreatmentForm,
            order=(Treatment.started_on.desc(), Treatment.id),
            intro="Les médicaments et traitements que vous prenez, et ceux que vous avez arrêtés.",
            noun="un traitement",
            the="le traitement",
            back_to="aux traitements",
            empty="Aucun traitement n'est indiqué.",
            messages=(
                "Le traitement est ajouté à votre profil.",
                "Le traitement est modifié.",
                "Le traitement est supprimé de votre profil.",
            ),
            describe=lambda i: i.name,
            details=lambda i: [
                ("Dose et rythme", _text(i.dosage)),
                ("Depuis le", _when(i.started_on)),
                *([("Arrêté le", date_fr(i.ended_on))] if i.ended_on else []),
                ("Prescrit par", _text(i.prescriber)),
            ],
            groups=_treatment_groups,
        ),
        ItemSection(
            section=ProfileSection.VACCINATIONS,
            model=Vaccination,
            form=forms.VaccinationForm,
            order=(Vaccination.given_on.desc(), Vaccination.id),
            intro="Les vaccins que vous avez reçus, du plus récent au plus ancien.",
            noun="une vaccination",
            the="la vaccination",
            back_to="aux vaccinations",
            empty="Aucune vaccination n'est indiquée.",
            messages=(
                "La vaccination est ajoutée à votre profil.",
                "La vaccination est modifiée.",
                "La vaccination est supprimée de votre profil.",
            ),
            describe=lambda i: f"{i.vaccine} ({date_fr(i.given_on)})",
            details=lambda i: [
                ("Date", date_fr(i.given_on)),
                ("Numéro de lot", _text(i.batch)),
                ("Remarque", _text(i.note)),
            ],
            groups=_one_group("Mes vaccinations"),
        ),
        ItemSection(
            section=ProfileSection.ENTOURAGE,
            model=Contact,
            form=forms.ContactForm,
            order=(Contact.kind.desc(), Contact.name, Contact.id),
            intro="Votre personne de confiance, et les personnes à prévenir en cas d'urgence.",
            noun="une personne",
            the="la personne",
            back_to="à mon entourage",
            empty="Aucune personne n'est indiquée.",
            messages=(
                "La personne est ajoutée à votre entourage.",
                "La personne est modifiée.",
                "La personne est retirée de votre entourage.",
            ),
            describe=lambda i: i.name,
            details=lambda i: [
                ("Lien", _text(i.relation)),
                ("Téléphone", _text(i.phone)),
                ("Adresse e-mail", _text(i.email)),
            ],
            groups=_contact_groups,
        ),
    ]
}


def unique_names(names: Iterable[str]) -> list[str]:
    """The same name twice gets "(2)", "(3)"...: each link says where it goes (RGAA 6.1).

    Names that differ only by case or spacing sound the same, so they count as the same.
    """
    names = list(names)
    used = {_heard(name) for name in names}
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        if _heard(name) not in seen:
            seen.add(_heard(name))
            result.append(name)
            continue
        number = 2
        while _heard(f"{name} ({number})") in used:
            number += 1
        used.add(_heard(f"{name} ({number})"))
        result.append(f"{name} ({number})")
    return result


def _heard(name: str) -> str:
    return " ".join(name.split()).casefold()
