"""Health professionals, identified by their national identifier (RPPS, or ADELI).

Most rows come from the national directory extract (``flask --app app annuaire import``);
a few are registered by hand (the demo personas, tests). A professional who disappears from
the extract is retired, never deleted: accounts, documents and spaces reference them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from espace.models.account import Account
from espace.models.base import Base, UTCDateTime

if TYPE_CHECKING:
    from espace.models.directory import PracticeSite

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
# "Code civilité d'exercice" of the extract: how the professional is addressed.
PRACTICE_TITLES = {"DR": "Dr", "PR": "Pr"}


class Professional(Base):
    __tablename__ = "professional"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The "Identifiant PP": 11 digits for RPPS (type 8), 9 characters for ADELI (type 0).
    rpps: Mapped[str] = mapped_column(String(11), unique=True)
    identifier_type: Mapped[str | None] = mapped_column(String(1), default=None)
    profession_code: Mapped[str] = mapped_column(String(3), index=True)
    # The extract's label, kept for the professions PROFESSIONS does not name.
    profession_label: Mapped[str | None] = mapped_column(String(120), default=None)
    specialty_code: Mapped[str | None] = mapped_column(String(10), default=None)
    specialty: Mapped[str | None] = mapped_column(String(120), default=None)  # its label
    practice_title: Mapped[str | None] = mapped_column(String(10), default=None)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id"), unique=True, default=None
    )
    # A SAMU regulating doctor may use the second emergency consent (CSP R1111-48).
    samu_regulator: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The directory: names folded for sorting, the import run that last saw this
    # professional (None: registered by hand, never retired by an import), a digest of what
    # the extract said (to tell "updated" from "unchanged"), and when they left the extract.
    # Not indexed: a search sorts at most 1 000 rows; an index would slow every import.
    sort_key: Mapped[str] = mapped_column(String(210), default="", server_default="")
    last_seen_run: Mapped[int | None] = mapped_column(Integer, default=None)
    import_digest: Mapped[str | None] = mapped_column(String(32), default=None)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    account: Mapped[Account | None] = relationship()
    sites: Mapped[list[PracticeSite]] = relationship(
        order_by="PracticeSite.position", viewonly=True, lazy="select"
    )

    @property
    def profession(self) -> str:
        return (
            PROFESSIONS.get(self.profession_code)
            or self.profession_label
            or "Professionnel de santé"
        )

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def title(self) -> str:
        """ "Dr", "Pr" or nothing: the extract says it; without it, doctors and dentists."""
        if self.practice_title is not None:
            return PRACTICE_TITLES.get(self.practice_title, "")
        return "Dr" if self.profession_code in DOCTOR_TITLES else ""

    @property
    def display_name(self) -> str:
        """As a patient would say it: "Dr Sophie Durand" for doctors and dentists."""
        return f"{self.title} {self.full_name}".strip()

    @property
    def is_doctor(self) -> bool:
        return self.profession_code == "10"

    def __repr__(self) -> str:
        return f"<Professional {self.rpps} {self.profession_code}>"
