"""The demo personas of CONTRACT.md: every name, number and address is invented."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from espace.models import Role, SpaceStatus

DEMO_PASSWORD = "Espace-Demo-2026"  # noqa: S105 - public, documented in CONTRACT.md


@dataclass(frozen=True)
class Persona:
    key: str
    email: str | None
    role: Role
    display_name: str
    description: str


@dataclass(frozen=True)
class SpaceSeed:
    persona: str  # the holder's persona key
    nir: str
    given_name: str
    family_name: str
    birth_date: date
    department: str
    status: SpaceStatus


@dataclass(frozen=True)
class ProfessionalSeed:
    persona: str
    rpps: str
    profession_code: str
    specialty: str | None
    given_name: str
    family_name: str


PERSONAS = [
    Persona("jeanne", "jeanne.martin@example.org", Role.HOLDER, "Jeanne Martin",
            "Patiente, 72 ans, Toulouse, diabétique ; son médecin traitant est le Dr Durand"),
    Persona("karim", "karim.benali@example.org", Role.HOLDER, "Karim Benali",
            "Patient, 38 ans, Nantes, père de Léa"),
    Persona("lea", None, Role.HOLDER, "Léa Benali",
            "Enfant, 8 ans : son espace est géré depuis le compte de Karim"),
    Persona("lucas", "lucas.petit@example.org", Role.HOLDER, "Lucas Petit",
            "Patient, 16 ans, Amiens"),
    Persona("sophie", "sophie.durand@example.org", Role.PROFESSIONAL, "Dr Sophie Durand",
            "Médecin généraliste, médecin traitant de Jeanne Martin"),
    Persona("paul", "paul.leroy@example.org", Role.PROFESSIONAL, "Paul Leroy",
            "Pharmacien, dans l'équipe de soins de Jeanne"),
    Persona("amina", "amina.diallo@example.org", Role.PROFESSIONAL, "Amina Diallo",
            "Infirmière, dans l'équipe de soins de Jeanne"),
    Persona("marc", "marc.roux@example.org", Role.PROFESSIONAL, "Marc Roux",
            "Masseur-kinésithérapeute"),
    Persona("samu", "urgence.samu@example.org", Role.PROFESSIONAL, "Dr Nicolas Garnier",
            "Médecin urgentiste (SAMU), dans aucune équipe de soins"),
    Persona("operator", "agent.cpam@example.org", Role.OPERATOR, "Isabelle Moreau",
            "Agente de l'Assurance maladie des départements pilotes"),
    Persona("facilitator", "animation@example.org", Role.FACILITATOR, "Équipe d'animation",
            "Animatrice des ateliers de co-construction"),
]  # fmt: skip

SPACES = [
    SpaceSeed("jeanne", "254033155512362", "Jeanne", "Martin", date(1954, 3, 12), "31",
              SpaceStatus.ACTIVE),
    SpaceSeed("karim", "188014410904575", "Karim", "Benali", date(1988, 1, 20), "44",
              SpaceStatus.ACTIVE),
    SpaceSeed("lea", "218064410911273", "Léa", "Benali", date(2018, 6, 14), "44",
              SpaceStatus.OPEN),
    SpaceSeed("lucas", "110058002103315", "Lucas", "Petit", date(2010, 5, 2), "80",
              SpaceStatus.ACTIVE),
]  # fmt: skip

PROFESSIONALS = [
    ProfessionalSeed("sophie", "10100000011", "10", "Médecine générale", "Sophie", "Durand"),
    ProfessionalSeed("paul", "10100000029", "21", None, "Paul", "Leroy"),
    ProfessionalSeed("amina", "10100000037", "60", None, "Amina", "Diallo"),
    ProfessionalSeed("marc", "10100000045", "70", None, "Marc", "Roux"),
    ProfessionalSeed("samu", "10100000052", "10", "Médecine d'urgence", "Nicolas", "Garnier"),
]


def persona(key: str) -> Persona:
    return next(p for p in PERSONAS if p.key == key)
