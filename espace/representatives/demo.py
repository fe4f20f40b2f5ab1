"""Demo data of representatives: Karim manages his daughter Léa's space; Lucas (16) keeps
one document confidential, out of his parents' view."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from espace.demo import samples
from espace.demo.seed import Seeded
from espace.files import file_store
from espace.models import (
    AuthorKind,
    Document,
    DocumentCategory,
    Representation,
    RepresentationKind,
)


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    lea, karim = seeded.spaces["lea"], seeded.accounts["karim"]
    lea.insured_parent_nir = seeded.spaces["karim"].nir
    db.add(
        Representation(
            space_id=lea.id,
            account_id=karim.id,
            kind=RepresentationKind.PARENT,
            created_at=now - timedelta(days=200),
            accepted_at=now - timedelta(days=200),
        )
    )
    lucas = seeded.spaces["lucas"]
    when = now - timedelta(days=20)
    stored = file_store().save(
        db,
        samples.pdf(
            "Consultation – centre de santé sexuelle",
            ["Document fictif, créé pour la démonstration d'Espace santé."],
        ),
        "consultation.pdf",
    )
    db.add(
        Document(
            space_id=lucas.id,
            title="Consultation – centre de santé sexuelle",
            category=DocumentCategory.COMPTE_RENDU,
            document_date=when.date(),
            author_kind=AuthorKind.PROFESSIONAL,
            author_label="Centre de santé sexuelle d'Amiens",
            file=stored,
            masked=False,
            confidential=True,  # a minor's confidential care: never shown to his parents
            created_at=when,
            updated_at=when,
        )
    )
