"""Health professionals, identified by their RPPS number."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from espace.models.account import Account
from espace.models.base import Base

# Codes of the national directory (RPPS "Code profession"); the key of habilitations.csv.
PROFESSIONS = {
    "10": "Médecin",
    "21": "Pharmacien",
    "26": "Audioprothésiste",
    "28": "Opticien-lunetier",
    "40": "Chirurgien-dentiste",
    "50": "Sage-femme",
    "60": "Infirmier",
    "70": "Masseur-kinésithérapeute",
    "80": "Pédicure-podologue",
    "91": "Orthophoniste",
    "92": "Orthoptiste",
}

DOCTOR_TITLES = {"10", "40"}


class Professional(Base):
    __tablename__ = "professional"

    id: Mapped[int] = mapped_column(primary_key=True)
    rpps: Mapped[str] = mapped_column(String(11), unique=True)
    profession_code: Mapped[str] = mapped_column(String(3), index=True)
    specialty: Mapped[str | None] = mapped_column(String(120), default=None)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id"), unique=True, default=None
    )
    # A SAMU regulating doctor may use the second emergency consent (CSP R1111-48).
    samu_regulator: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    account: Mapped[Account | None] = relationship()

    @property
    def profession(self) -> str:
        return PROFESSIONS.get(self.profession_code, "Professionnel de santé")

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def display_name(self) -> str:
        """As a patient would say it: "Dr Sophie Durand" for doctors and dentists."""
        title = "Dr " if self.profession_code in DOCTOR_TITLES else ""
        return f"{title}{self.full_name}"

    def __repr__(self) -> str:
        return f"<Professional {self.rpps} {self.profession_code}>"
