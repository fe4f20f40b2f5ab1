"""The prevention calendar's data: what is recommended at which age, in France.

Sources (general recommendations; each person's situation may differ):
- Vaccinations: « Calendrier des vaccinations et recommandations vaccinales 2025 »,
  ministère chargé de la santé (sante.gouv.fr), and vaccination-info-service.fr. Since
  1 January 2025 (décret n° 2024-694 du 5 juillet 2024) the méningocoque B (3, 5, 12 months)
  and ACWY (6 and 12 months) vaccinations are compulsory for infants; ACWY replaces the
  former méningocoque C doses. Eleven infant vaccinations are compulsory for children born
  since 1 January 2018 (CSP L3111-2). Zona from 65 years (HAS, 2024), pneumocoque for every
  adult from 65 years (HAS, 2025), VRS from 75 years (HAS, 2024), grippe and covid-19 every
  autumn from 65 years (campagne de vaccination, mid-October to the end of January).
- Child check-ups: 20 compulsory examinations from birth to 16 years (CSP L2132-2,
  R2132-1), calendar in force on 1 January 2025 (service-public.fr, fiche F967): the
  1-month examination was removed, one in the 7th year added. Three give a certificate:
  8 days, 9th month, 24th or 25th month.
Item keys are stable: the holder's "do not show again" choices refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    VACCINATION = "vaccination"
    CHECKUP = "examen"


@dataclass(frozen=True)
class Age:
    years: int = 0
    months: int = 0
    days: int = 0


@dataclass(frozen=True)
class Item:
    key: str
    kind: Kind
    title: str
    what: str
    when: str  # "à 2 mois", "entre 11 et 13 ans": read after "prévoit ... "
    start: Age
    end: Age | None  # exclusive; None: from then on
    mandatory: bool = False


def _m(months: int) -> Age:
    return Age(months=months)


def _y(years: int) -> Age:
    return Age(years=years)


V, C = Kind.VACCINATION, Kind.CHECKUP
DTCAP_HIB_HEPB = (
    "diphtérie, tétanos, coqueluche, poliomyélite, Haemophilus influenzae b et hépatite B "
    "(une seule injection)"
)

VACCINATIONS = [
    Item("vaccins-2-mois", V, "Vaccins des 2 mois",
         f"Première dose contre {DTCAP_HIB_HEPB}, et contre le pneumocoque. Le vaccin contre "
         "le rotavirus est aussi recommandé.", "à 2 mois", _m(2), _m(3), mandatory=True),
    Item("vaccins-3-mois", V, "Vaccin des 3 mois",
         "Première dose contre le méningocoque B.", "à 3 mois", _m(3), _m(4), mandatory=True),
    Item("vaccins-4-mois", V, "Vaccins des 4 mois",
         f"Deuxième dose contre {DTCAP_HIB_HEPB}, et contre le pneumocoque.", "à 4 mois",
         _m(4), _m(5), mandatory=True),
    Item("vaccins-5-mois", V, "Vaccin des 5 mois",
         "Deuxième dose contre le méningocoque B.", "à 5 mois", _m(5), _m(6), mandatory=True),
    Item("vaccins-6-mois", V, "Vaccin des 6 mois",
         "Première dose contre les méningocoques A, C, W et Y.", "à 6 mois", _m(6), _m(7),
         mandatory=True),
    Item("vaccins-11-mois", V, "Rappels des 11 mois",
         f"Rappel contre {DTCAP_HIB_HEPB}, et contre le pneumocoque.", "à 11 mois",
         _m(11), _m(12), mandatory=True),
    Item("vaccins-12-mois", V, "Vaccins des 12 mois",
         "Première dose contre la rougeole, les oreillons et la rubéole (ROR) ; rappels contre "
         "le méningocoque B et contre les méningocoques A, C, W et Y.", "à 12 mois",
         _m(12), _m(13), mandatory=True),
    Item("vaccins-16-18-mois", V, "Vaccin de 16 à 18 mois",
         "Deuxième dose contre la rougeole, les oreillons et la rubéole (ROR).",
         "entre 16 et 18 mois", _m(16), _m(19), mandatory=True),
    Item("rappel-6-ans", V, "Rappel des 6 ans",
         "Rappel contre la diphtérie, le tétanos, la coqueluche et la poliomyélite.",
         "à 6 ans", _y(6), _y(7)),
    Item("rappel-11-13-ans", V, "Rappel de 11 à 13 ans",
         "Rappel contre la diphtérie, le tétanos, la coqueluche et la poliomyélite.",
         "entre 11 et 13 ans", _y(11), _y(14)),
    Item("hpv-11-14-ans", V, "Vaccin contre les papillomavirus (HPV)",
         "Deux doses, pour les filles et les garçons ; un rattrapage reste possible "
         "jusqu'à 26 ans.", "entre 11 et 14 ans", _y(11), _y(15)),
    Item("meningocoques-11-14-ans", V, "Vaccin contre les méningocoques A, C, W et Y",
         "Une dose à l'adolescence, même après une vaccination dans l'enfance ; un rattrapage "
         "reste possible jusqu'à 24 ans.", "entre 11 et 14 ans", _y(11), _y(15)),
    Item("rappel-25-ans", V, "Rappel des 25 ans",
         "Rappel contre la diphtérie, le tétanos, la coqueluche et la poliomyélite.",
         "à 25 ans", _y(25), _y(26)),
    Item("rappel-45-ans", V, "Rappel des 45 ans",
         "Rappel contre la diphtérie, le tétanos et la poliomyélite.", "à 45 ans",
         _y(45), _y(46)),
    *(
        Item(f"rappel-{age}-ans", V, f"Rappel des {age} ans",
             "Rappel contre la diphtérie, le tétanos et la poliomyélite, puis tous les 10 ans.",
             f"à {age} ans", _y(age), _y(age + 1))
        for age in (65, 75, 85, 95)
    ),
    Item("pneumocoque-65-ans", V, "Vaccin contre le pneumocoque",
         "Une dose, si elle n'a pas déjà été faite.", "à partir de 65 ans", _y(65), None),
    Item("zona-65-ans", V, "Vaccin contre le zona",
         "Deux doses à deux mois d'intervalle.", "à partir de 65 ans", _y(65), None),
    Item("vrs-75-ans", V, "Vaccin contre le virus respiratoire syncytial (VRS)",
         "Une dose, avant l'hiver.", "à partir de 75 ans", _y(75), None),
]  # fmt: skip

CHECKUPS = [
    Item("examen-8-jours", C, "Examen des 8 jours",
         "Examen de santé ; le médecin remplit le premier certificat de santé.",
         "dans les 8 jours après la naissance", Age(), Age(days=8), mandatory=True),
    Item("examen-2-semaines", C, "Examen de la 2e semaine", "Examen de santé.",
         "au cours de la 2e semaine", Age(days=7), Age(days=14), mandatory=True),
    *(
        Item(f"examen-{n}-mois", C, f"Examen du {n}e mois", "Examen de santé.",
             f"au cours du {n}e mois", _m(n - 1), _m(n), mandatory=True)
        for n in (2, 3, 4, 5, 6)
    ),
    Item("examen-9-mois", C, "Examen du 9e mois",
         "Examen de santé ; le médecin remplit le deuxième certificat de santé.",
         "au cours du 9e mois", _m(8), _m(9), mandatory=True),
    Item("examen-12-mois", C, "Examen du 12e mois", "Examen de santé.",
         "au cours du 12e mois", _m(11), _m(12), mandatory=True),
    Item("examen-13-mois", C, "Examen du 13e mois", "Examen de santé.",
         "au cours du 13e mois", _m(12), _m(13), mandatory=True),
    Item("examen-16-18-mois", C, "Examen de 16 à 18 mois", "Examen de santé.",
         "entre 16 et 18 mois", _m(16), _m(19), mandatory=True),
    Item("examen-24-mois", C, "Examen des 2 ans",
         "Examen de santé ; le médecin remplit le troisième certificat de santé.",
         "au cours du 24e ou du 25e mois", _m(23), _m(25), mandatory=True),
    *(
        Item(f"examen-{n}e-annee", C, f"Examen de la {n}e année", "Examen de santé.",
             f"au cours de la {n}e année (entre {n - 1} et {n} ans)", _y(n - 1), _y(n),
             mandatory=True)
        for n in (3, 4, 5, 6, 7)
    ),
    Item("examen-8-9-ans", C, "Examen de 8 à 9 ans",
         "Examen de santé : croissance, vue, audition, sommeil, usage des écrans.",
         "entre 8 et 9 ans", _y(8), _y(10), mandatory=True),
    Item("examen-11-13-ans", C, "Examen de 11 à 13 ans",
         "Examen de santé : croissance, puberté, bien-être, usage des écrans.",
         "entre 11 et 13 ans", _y(11), _y(14), mandatory=True),
    Item("examen-15-16-ans", C, "Examen de 15 à 16 ans",
         "Examen de santé : croissance, bien-être, aptitude au sport.",
         "entre 15 et 16 ans", _y(15), _y(17), mandatory=True),
]  # fmt: skip

# Every autumn from 65 years: one item per campaign, keyed by its year ("grippe-2026").
SEASONAL_FROM_AGE = 65
SEASONAL = [
    ("grippe", "Vaccin contre la grippe", "Une dose chaque automne."),
    ("covid", "Vaccin contre le covid-19", "Une dose chaque automne."),
]
CAMPAIGN_START = (10, 15)  # 15 October
CAMPAIGN_END = (2, 1)  # until 31 January of the next year (exclusive: 1 February)

ITEMS = [*VACCINATIONS, *CHECKUPS]
