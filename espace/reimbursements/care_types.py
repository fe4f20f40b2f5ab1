"""Care types, derived from the act code of each line of the Assurance maladie feed.

The feed names an act by its code in one of the national nomenclatures: NGAP (general
practice acts: ``G``, ``AMI``...), CCAM (technical acts, 4 letters and 3 digits such as
``ZBQK002``), NABM (biology, 4 digits such as ``1577``) or LPP (devices, 7 digits). The
holder reads a type, not a code; the mapping, checked in this order:

- Consultation: C, CS, G, GS, APC, APY, APU, CSC, CNP, COE, TC, TCG.
- Visite à domicile: V, VG, VS, VL.
- Pharmacie: PH followed by a digit or N (PH1, PH2, PH4, PH7, PHN...), PMR.
- Analyses (biologie): B, KB, PB, TB, and NABM codes (exactly 4 digits, e.g. 1577).
- Soins infirmiers: AMI, AIS, AMX, BSA, BSB, BSC, DI.
- Kinésithérapie: AMK, AMC, AMS.
- Pédicurie-podologie: AMP, POD.
- Soins dentaires: SC, SPR, TO, and CCAM codes of the teeth (4 letters starting HB,
  then 3 digits, e.g. HBJD001).
- Imagerie et actes techniques: any other CCAM code, 4 letters then 3 digits (ZBQK002,
  YYYY600, BGQP002).
- Optique: LPP codes of the optical chapter, 7 digits starting 22 (e.g. 2203240).
- Autre: anything else (other LPP devices, travel fees such as IFD, transport...).

The type is stored with the line when it is imported; the stored value is the slug (also
the value of the page's filter in the URL), the label is only in this module.
"""

from __future__ import annotations

import re
from enum import StrEnum


class CareType(StrEnum):
    CONSULTATION = "consultation"
    HOME_VISIT = "visite"
    PHARMACY = "pharmacie"
    LABORATORY = "biologie"
    NURSING = "infirmier"
    PHYSIOTHERAPY = "kinesitherapie"
    PODIATRY = "podologie"
    DENTAL = "dentaire"
    IMAGING = "imagerie"
    OPTICAL = "optique"
    OTHER = "autre"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    CareType.CONSULTATION: "Consultation",
    CareType.HOME_VISIT: "Visite à domicile",
    CareType.PHARMACY: "Pharmacie",
    CareType.LABORATORY: "Analyses (biologie)",
    CareType.NURSING: "Soins infirmiers",
    CareType.PHYSIOTHERAPY: "Kinésithérapie",
    CareType.PODIATRY: "Pédicurie-podologie",
    CareType.DENTAL: "Soins dentaires",
    CareType.IMAGING: "Imagerie et actes techniques",
    CareType.OPTICAL: "Optique",
    CareType.OTHER: "Autre",
}

EXACT_CODES = {
    CareType.CONSULTATION: {
        "C", "CS", "G", "GS", "APC", "APY", "APU", "CSC", "CNP", "COE", "TC", "TCG",
    },
    CareType.HOME_VISIT: {"V", "VG", "VS", "VL"},
    CareType.PHARMACY: {"PMR"},
    CareType.LABORATORY: {"B", "KB", "PB", "TB"},
    CareType.NURSING: {"AMI", "AIS", "AMX", "BSA", "BSB", "BSC", "DI"},
    CareType.PHYSIOTHERAPY: {"AMK", "AMC", "AMS"},
    CareType.PODIATRY: {"AMP", "POD"},
    CareType.DENTAL: {"SC", "SPR", "TO"},
}  # fmt: skip
BY_CODE = {code: care_type for care_type, codes in EXACT_CODES.items() for code in codes}

# Checked in order, after the exact codes.
PATTERNS = [
    (re.compile(r"PH[0-9N]"), CareType.PHARMACY),
    (re.compile(r"[0-9]{4}"), CareType.LABORATORY),  # NABM
    (re.compile(r"HB[A-Z]{2}[0-9]{3}"), CareType.DENTAL),  # CCAM, teeth
    (re.compile(r"[A-Z]{4}[0-9]{3}"), CareType.IMAGING),  # CCAM, the rest
    (re.compile(r"22[0-9]{5}"), CareType.OPTICAL),  # LPP, optical chapter
]


def care_type_of(act_code: str) -> CareType:
    code = act_code.strip().upper()
    if code in BY_CODE:
        return BY_CODE[code]
    for pattern, care_type in PATTERNS:
        if pattern.fullmatch(code):
            return care_type
    return CareType.OTHER
