"""Demo data of the professionals' access: Jeanne's care team (Dr Durand her GP, Paul
Leroy, Amina Diallo), a result Dr Durand holds until their next consultation, and the
SAMU regulating doctor in no care team."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from espace.demo import samples
from espace.demo.seed import Seeded
from espace.files import file_store
from espace.models import AuthorKind, CareTeamMember, Document, DocumentCategory


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    jeanne = seeded.spaces["jeanne"]
    for key, days in (("sophie", 400), ("paul", 300), ("amina", 200)):
        db.add(
            CareTeamMember(
                space_id=jeanne.id,
                professional_id=seeded.professionals[key].id,
                joined_at=now - timedelta(days=days),
            )
        )
    karim = seeded.spaces["karim"]
    db.add(CareTeamMember(space_id=karim.id, professional_id=seeded.professionals["marc"].id,
                          joined_at=now - timedelta(days=40)))  # fmt: skip
    seeded.professionals["samu"].samu_regulator = True
    durand = seeded.professionals["sophie"]
    held_on = now - timedelta(days=3)
    stored = file_store().save(
        db,
        samples.pdf(
            "Résultats d'analyses – bilan annuel",
            [
                "Document fictif, créé pour la démonstration d'Espace santé.",
                "Résultat gardé par le médecin jusqu'à la prochaine consultation.",
            ],
        ),
        "resultats.pdf",
    )
    db.add(
        Document(
            space_id=jeanne.id, title="Résultats d'analyses – bilan annuel",
            category=DocumentCategory.COMPTE_RENDU, document_date=held_on.date(),
            author_kind=AuthorKind.PROFESSIONAL, author_professional_id=durand.id,
            file=stored, masked=False, held=True, created_at=held_on, updated_at=held_on,
        )
    )  # fmt: skip
