"""Documents of a space and the files behind them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, lazyload, mapped_column, relationship

from espace import clock
from espace.models.account import Account
from espace.models.base import Base, UTCDateTime, str_enum
from espace.models.professional import Professional


class DocumentCategory(StrEnum):
    """DOMAIN.md, "Services"; the column names of habilitations.csv."""

    COMPTE_RENDU = "compte_rendu"
    SYNTHESE = "synthese"
    IMAGERIE = "imagerie"
    PRESCRIPTION = "prescription"
    DISPENSATION = "dispensation"
    PLAN_DE_SOINS = "plan_de_soins"
    TRAITEMENT_ADMINISTRE = "traitement_administre"
    CERTIFICAT = "certificat"
    DOCUMENT_PATIENT = "document_patient"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    DocumentCategory.COMPTE_RENDU: "Compte rendu",
    DocumentCategory.SYNTHESE: "Synthèse médicale",
    DocumentCategory.IMAGERIE: "Imagerie (radio, scanner, IRM…)",
    DocumentCategory.PRESCRIPTION: "Ordonnance",
    DocumentCategory.DISPENSATION: "Délivrance en pharmacie",
    DocumentCategory.PLAN_DE_SOINS: "Plan de soins",
    DocumentCategory.TRAITEMENT_ADMINISTRE: "Traitement administré",
    DocumentCategory.CERTIFICAT: "Certificat",
    DocumentCategory.DOCUMENT_PATIENT: "Document ajouté par vous",
}


class AuthorKind(StrEnum):
    HOLDER = "holder"  # the holder, or a representative acting for them
    PROFESSIONAL = "professional"
    MIGRATION = "migration"  # imported from a legacy DMP


class StoredFile(Base):
    """A file on disk under the instance folder, by a name we generated."""

    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    storage_name: Mapped[str] = mapped_column(String(64), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(60))
    # The name as the person gave it, cleaned; only used to suggest a download name.
    original_name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)


class Document(Base):
    __tablename__ = "document"
    __table_args__ = (
        Index("ix_document_space_date", "space_id", "document_date", "id"),
        # Covers the author filter's DISTINCT without reading the rows.
        Index(
            "ix_document_space_author", "space_id", "held", "author_kind", "author_professional_id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("health_space.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[DocumentCategory] = mapped_column(
        str_enum(DocumentCategory, "document_category")
    )
    document_date: Mapped[date] = mapped_column(Date)
    author_kind: Mapped[AuthorKind] = mapped_column(str_enum(AuthorKind, "author_kind"))
    author_professional_id: Mapped[int | None] = mapped_column(
        ForeignKey("professional.id"), default=None, index=True
    )
    # Free text for authors outside the directory (a migrated DMP's hospital, say).
    author_label: Mapped[str | None] = mapped_column(String(200), default=None)
    added_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), default=None)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"))
    # Hidden from professionals (not from its author, nor the GP): CSP R1111-46.
    masked: Mapped[bool] = mapped_column(Boolean, default=False)
    # "À annoncer" (CSP R1111-53): hidden from the holder until the professional releases
    # it; a neutral notice after 14 days; released by itself after one month.
    held: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    held_notice_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # A minor's confidential care (CSP R1111-33, R1111-50): never shown to their parents.
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)

    file: Mapped[StoredFile] = relationship(lazy="joined")
    author_professional: Mapped[Professional | None] = relationship(lazy="joined")
    added_by: Mapped[Account | None] = relationship()

    @property
    def author_name(self) -> str:
        if self.author_professional is not None:
            return self.author_professional.display_name
        if self.author_label:
            return self.author_label
        return "Vous"


# Lists of documents show titles, dates and authors, never the file: not joined there
# (it is loaded when asked for, on the document's own page).
WITHOUT_FILE = lazyload(Document.file)
