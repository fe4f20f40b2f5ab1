"""The directory of health professionals: where each one practises, the codes the search
offers, and the import runs of the national extract (``data/rpps/README.md``).

Each ``PracticeSite`` is one line ("activité") of the extract. Its ``search_*`` columns hold
folded text (lower case, no accents, words separated by one space) computed once by
``espace.directory.text``: the same text feeds SQLite's FTS5 index and PostgreSQL's
text-search index, so both find the same professionals.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from espace.models.base import Base, UTCDateTime


class PracticeSite(Base):
    __tablename__ = "practice_site"

    id: Mapped[int] = mapped_column(primary_key=True)
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order in the extract
    structure: Mapped[str] = mapped_column(String(200), default="")
    complement: Mapped[str] = mapped_column(String(300), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    distribution: Mapped[str] = mapped_column(String(100), default="")
    cedex_office: Mapped[str] = mapped_column(String(100), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    town: Mapped[str] = mapped_column(String(100), default="")
    department_code: Mapped[str] = mapped_column(String(3), default="")
    department_label: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    mode: Mapped[str] = mapped_column(String(60), default="")  # libéral, salarié...
    sector: Mapped[str] = mapped_column(String(120), default="")  # cabinet, hôpital...
    search_names: Mapped[str] = mapped_column(String(500), default="")
    search_town: Mapped[str] = mapped_column(String(200), default="")
    search_codes: Mapped[str] = mapped_column(String(200), default="")

    @property
    def postal_line(self) -> str:
        """ "31000 Toulouse", or the CEDEX office when the extract gives one."""
        if "cedex" in self.cedex_office.lower():
            return self.cedex_office
        return f"{self.postcode} {self.town}".strip()

    @property
    def phone_display(self) -> str:
        """ "01 32 30 12 41": read out in pairs, as the French say phone numbers."""
        digits = self.phone_digits
        if len(digits) == 10:
            return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
        return self.phone

    @property
    def phone_digits(self) -> str:
        return "".join(c for c in self.phone if c.isascii() and (c.isdigit() or c == "+"))

    @property
    def address_lines(self) -> list[str]:
        lines = [self.complement, self.street, self.distribution, self.postal_line]
        return [line for line in lines if line]


class DirectoryCode(Base):
    """The professions, specialties and départements met in the extract: the choices of the
    search form (a few hundred rows, read on each search page)."""

    __tablename__ = "directory_code"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))


class DirectoryImport(Base):
    """One run of the import: its id marks every professional it saw."""

    __tablename__ = "directory_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(255))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    lines_read: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
