"""Invented lines of the national directory extraction (RPPS "personne activité"): for the
benches and for ``demo scale``. Every name, number and address is made up."""

from __future__ import annotations

import random
from pathlib import Path

from espace.config import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "espace" / "reference" / "rpps-sample-personne-activite.txt"
HEADER = SAMPLE.read_text(encoding="utf-8").split("\n", 1)[0]
COLUMNS = HEADER.rstrip("|").split("|")


def _words(text: str) -> list[str]:
    return text.split(",")


def _rows(text: str) -> list[tuple[str, ...]]:
    return [tuple(row.split(";")) for row in text.strip().splitlines()]


# Invented family names: syllables put together (a few are common, most are rare).
STARTS = _words(
    "Ber,Mar,Dur,Lef,Gar,Mor,Rou,Fon,Leb,Mer,Ch,Dal,Pel,Vin,Bou,Ca,Gir,Lau,Mol,Pa,Ri,Sa,"
    "Tes,Vau,Bar,Cor,Del,Fau,Gal,Her,Jou,Lam,Mal,Nor,Ol,Pon,Quin,Ra,Sen,Tho,Val,Bé,Lé,Mé,"
    "Ré,Le ,N',Da ,Mü"
)
ENDS = _words(
    "tin,and,èvre,ebvre,nier,eau,illet,ard,on,ez,ot,ain,elle,ier,ault,et,ac,oux,in,ès,y,"
    "ard-Roy,ler,gall,diaye,silva,mond,court,bert,vel,rin,lot,det,zin"
)
GIVEN = _words(
    "Marie,Jean,Pierre,Sophie,Louise,Paul,Inès,Éric,Léa,Hugo,Chloé,Lucas,Emma,Jules,Manon,"
    "Arthur,Camille,Noé,Jade,Gabriel,Maëlle,Raphaël,Anaïs,Joël,Agnès,Frédéric,Jean-Pierre,"
    "Marie-Claire,Linh,Mehdi,Yasmine,Karim,Aïcha"
)
TOWNS = _rows("""
Toulouse;31000;31;Haute-Garonne
Toulouse;31400;31;Haute-Garonne
Muret;31600;31;Haute-Garonne
Blagnac;31700;31;Haute-Garonne
Nantes;44000;44;Loire-Atlantique
Saint-Nazaire;44600;44;Loire-Atlantique
Rezé;44400;44;Loire-Atlantique
Amiens;80000;80;Somme
Abbeville;80100;80;Somme
Paris;75015;75;Paris
Paris;75011;75;Paris
Lyon;69003;69;Rhône
Marseille;13005;13;Bouches-du-Rhône
Lille;59000;59;Nord
Bordeaux;33000;33;Gironde
Strasbourg;67000;67;Bas-Rhin
Rennes;35000;35;Ille-et-Vilaine
Brest;29200;29;Finistère
Ajaccio;20000;2A;Corse-du-Sud
Bastia;20200;2B;Haute-Corse
Saint-Denis;97400;974;La Réunion
Nice;06000;06;Alpes-Maritimes
Dijon;21000;21;Côte-d'Or
Tours;37000;37;Indre-et-Loire
""")
# code, label, weight (in %); doctors carry a specialty.
PROFESSIONS = _rows("""
10;Médecin;30
60;Infirmier;25
21;Pharmacien;10
70;Masseur-kinésithérapeute;10
40;Chirurgien-dentiste;7
50;Sage-femme;4
91;Orthophoniste;4
80;Pédicure-podologue;3
92;Orthoptiste;2
26;Audioprothésiste;2
28;Opticien-lunetier;3
""")
SPECIALTIES = _rows("""
SM54;Médecine générale
SM04;Cardiologie et maladies vasculaires
SM15;Dermatologie et vénéréologie
SM19;Gynécologie-obstétrique
SM40;Pédiatrie
SM42;Psychiatrie
SM38;Ophtalmologie
""")
STREETS = _words(
    "DE LA GARE,JEAN JAURES,VICTOR HUGO,DES LILAS,PASTEUR,GAMBETTA,DE LA REPUBLIQUE,"
    "SAINT-MICHEL,DU MARECHAL FOCH,DES ECOLES"
)


def family_name(rng: random.Random) -> str:
    # Zipf-like: low indexes much more often, so some names are common.
    start = STARTS[min(int(rng.paretovariate(1.2)) - 1, len(STARTS) - 1)]
    return (start + rng.choice(ENDS)).upper()


def extract_lines(count: int, seed: int = 2026):  # type: ignore[no-untyped-def]
    """``count`` lines of the national format; about one professional in eight has two or
    three sites (lines next to each other, as in the national file)."""
    rng = random.Random(seed)
    weights = [int(w) for _, _, w in PROFESSIONS]
    written, n = 0, 0
    while written < count:
        n += 1
        code, label, _ = rng.choices(PROFESSIONS, weights)[0]
        specialty = rng.choice(SPECIALTIES) if code == "10" else ("", "")
        adeli = rng.random() < 0.03
        identifier = f"{31 + n % 60:02d}{n:07d}"[-9:] if adeli else f"1{n:010d}"
        family = family_name(rng)
        person = {
            "Type d'identifiant PP": "0" if adeli else "8", "Identifiant PP": identifier,
            "Identification nationale PP": ("0" if adeli else "8") + identifier,
            "Code civilité d'exercice": "DR" if code in {"10", "40"} else "",
            "Nom d'exercice": family, "Prénom d'exercice": rng.choice(GIVEN).upper(),
            "Code profession": code, "Libellé profession": label,
            "Code savoir-faire": specialty[0], "Libellé savoir-faire": specialty[1],
            "Libellé mode exercice": rng.choice(["Libéral", "Salarié"]),
        }  # fmt: skip
        sites = 1 if rng.random() < 0.88 else rng.choice((2, 3))
        for _ in range(min(sites, count - written)):
            town, postcode, department, department_label = rng.choice(TOWNS)
            values = dict.fromkeys(COLUMNS, "")
            values.update(person)
            values.update({
                "Raison sociale site": f"CABINET {family}",
                "Numéro Voie (coord. structure)": str(rng.randint(1, 120)),
                "Libellé type de voie (coord. structure)": "Rue",
                "Libellé Voie (coord. structure)": rng.choice(STREETS),
                "Bureau cedex (coord. structure)": f"{postcode} {town.upper()}",
                "Code postal (coord. structure)": postcode,
                "Libellé commune (coord. structure)": town.upper(),
                "Téléphone (coord. structure)": f"0{rng.randint(100000000, 999999999)}",
                "Code Département (structure)": department,
                "Libellé Département (structure)": department_label,
            })  # fmt: skip
            yield "|".join(values[name] for name in COLUMNS) + "|"
            written += 1


def generate(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + "\n")
        for line in extract_lines(count):
            out.write(line + "\n")
