"""Demo documents: Jeanne gets at least one in every category (one masked), Karim and
Lucas a few. Files are generated, stored through the same file store as uploads."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from espace.demo import samples
from espace.demo.seed import Seeded
from espace.files import file_store
from espace.models import AuthorKind, Document, DocumentCategory

C = DocumentCategory

# (persona, days ago, category, title, author persona or free label, masked, kind of file)
JEANNE_DOCUMENTS = [
    (15, C.COMPTE_RENDU, "Compte rendu de consultation – suivi du diabète", "sophie", False, "pdf"),
    (15, C.PRESCRIPTION, "Ordonnance – metformine et bandelettes", "sophie", False, "pdf"),
    (14, C.DISPENSATION, "Délivrance en pharmacie – ordonnance du mois", "paul", False, "pdf"),
    (40, C.PLAN_DE_SOINS, "Plan de soins infirmiers – surveillance glycémique", "amina", False, "pdf"),
    (42, C.TRAITEMENT_ADMINISTRE, "Injection – vaccin contre la grippe", "amina", False, "pdf"),
    (60, C.IMAGERIE, "Échographie abdominale – compte rendu", "Centre d'imagerie du Capitole", False, "pdf"),
    (95, C.SYNTHESE, "Synthèse médicale annuelle", "sophie", False, "pdf"),
    (120, C.CERTIFICAT, "Certificat d'aptitude à la marche nordique", "sophie", False, "pdf"),
    (150, C.COMPTE_RENDU, "Compte rendu de consultation – psychiatrie", "Dr Mehdi David, psychiatre", True, "pdf"),
    (180, C.PRESCRIPTION, "Ordonnance – bilan sanguin HbA1c", "sophie", False, "pdf"),
    (200, C.IMAGERIE, "Fond d'œil – rétinographie", "Cabinet d'ophtalmologie Saint-Cyprien", False, "png"),
    (10, C.DOCUMENT_PATIENT, "Mon carnet de glycémies de novembre", "holder", False, "txt"),
    (230, C.DOCUMENT_PATIENT, "Photo de mon ancienne carte de groupe sanguin", "holder", False, "png"),
]  # fmt: skip

OTHER_DOCUMENTS = {
    "karim": [
        (30, C.COMPTE_RENDU, "Compte rendu – consultation ORL", "Dr Anne Lefèvre, ORL", False, "pdf"),
        (5, C.DOCUMENT_PATIENT, "Attestation de mutuelle", "holder", False, "pdf"),
    ],
    "lucas": [
        (60, C.CERTIFICAT, "Certificat médical – licence de handball", "Dr Paul Perrot", False, "pdf"),
    ],
    "lea": [
        (90, C.SYNTHESE, "Carnet de santé – bilan des 8 ans", "Dr Claire Nguyen, pédiatre", False, "pdf"),
    ],
}  # fmt: skip


def _content(kind: str, title: str, author: str, when: date) -> tuple[bytes, str]:
    lines = [
        f"Date : {when.strftime('%d/%m/%Y')}",
        f"Auteur : {author}",
        "Document fictif, créé pour la démonstration d'Espace santé.",
        "Aucune de ces informations ne concerne une personne réelle.",
    ]
    if kind == "png":
        return samples.png(), "scan.png"
    if kind == "txt":
        return samples.text([title, *lines]), "notes.txt"
    return samples.pdf(title, lines), "document.pdf"


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    store = file_store()
    plans = [("jeanne", item) for item in JEANNE_DOCUMENTS] + [
        (persona, item) for persona, items in OTHER_DOCUMENTS.items() for item in items
    ]
    for persona, (days_ago, category, title, author, masked, kind) in plans:
        space = seeded.spaces[persona]
        when = (now - timedelta(days=days_ago)).date()
        professional = seeded.professionals.get(author)
        if author == "holder":
            author_kind, label, author_name = AuthorKind.HOLDER, None, space.full_name
        elif professional is not None:
            author_kind, label, author_name = (
                AuthorKind.PROFESSIONAL,
                None,
                professional.display_name,
            )
        else:
            author_kind, label, author_name = AuthorKind.PROFESSIONAL, author, author
        content, filename = _content(kind, title, author_name, when)
        stored = store.save(db, content, filename)
        db.add(
            Document(
                space_id=space.id,
                title=title,
                category=category,
                document_date=when,
                author_kind=author_kind,
                author_professional_id=professional.id if professional else None,
                author_label=label,
                added_by_account_id=space.holder_account_id if author == "holder" else None,
                file=stored,
                masked=masked,
                created_at=now - timedelta(days=days_ago),
                updated_at=now - timedelta(days=days_ago),
            )
        )
