"""Demo threads: for Jeanne, one from Dr Durand about her HbA1c (read), one from Amina
Diallo with a PDF attached, one Paul Leroy closed with a reason, one unread from Dr Durand,
and a renewal request to Dr Durand about her prescription; for Karim, one with Marc Roux.

Unread messages come with their in-app notification (no e-mail is sent by the seed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.demo import samples
from espace.demo.seed import Seeded
from espace.files import file_store
from espace.messaging.renewal import RENEWAL_SUBJECT
from espace.models import (
    Document,
    DocumentCategory,
    Message,
    MessageAttachment,
    MessageKind,
    Notification,
    Side,
    Thread,
    ThreadRead,
)

P, H = Side.PROFESSIONAL, Side.HOLDER


@dataclass(frozen=True)
class Plan:
    holder: str
    professional: str
    subject: str
    messages: list[tuple[float, Side, str]]  # (days ago, side, body as written)
    read_by_holder: bool = True
    read_by_professional: bool = True
    closed: tuple[float, str] | None = None  # (days ago, reason)
    attachment: tuple[str, list[str]] | None = None  # on the first message: (title, lines)


PLANS = [
    Plan("jeanne", "sophie", "Votre résultat d'HbA1c", [
        (20, P, "Bonjour Madame Martin,\n\nVotre **HbA1c est à 7,2 %**, un peu au-dessus de "
                "l'objectif de 7 %. Rien d'inquiétant, mais continuons :\n- la marche 30 minutes "
                "par jour ;\n- la metformine matin et soir.\n\nNous en reparlerons à la "
                "consultation.\nDr Durand"),
        (19, H, "Bonjour Docteur,\n\nMerci pour votre message. Je marche tous les matins avec "
                "ma voisine. Faut-il changer quelque chose à mon alimentation ?"),
        (18, P, "Pas de changement brutal : limitez les boissons sucrées. Vous trouverez des "
                "conseils sur https://www.ameli.fr/assure/sante/themes/diabete-adulte\n\n"
                "*À bientôt.*"),
    ]),
    Plan("jeanne", "amina", "Surveillance de la glycémie à domicile", [
        (9, P, "Bonjour Madame Martin,\n\nVoici la fiche pour noter vos glycémies avant mon "
               "prochain passage. Notez-les le matin à jeun.\n\nAmina Diallo, infirmière"),
        (8, H, "Merci, je l'ai imprimée. À jeudi."),
    ], attachment=("Fiche de surveillance glycémique", [
        "Document fictif, créé pour la démonstration d'Espace santé.",
        "Notez chaque matin votre glycémie à jeun, en g/L.",
    ])),
    Plan("jeanne", "paul", "Votre ordonnance est prête", [
        (14, P, "Bonjour Madame Martin, vos médicaments et vos bandelettes sont prêts à la "
                "pharmacie."),
        (13, H, "Merci Monsieur Leroy, je passe demain matin."),
    ], closed=(12, "Médicaments retirés à la pharmacie : la question est réglée.")),
    Plan("jeanne", "sophie", "Prise de sang avant la consultation", [
        (1, P, "Bonjour Madame Martin,\n\nPensez à faire votre **prise de sang à jeun** avant "
               "notre rendez-vous du mois prochain. L'ordonnance est dans vos documents.\n\n"
               "Dr Durand"),
    ], read_by_holder=False),
    Plan("karim", "marc", "Exercices pour votre épaule", [
        (10, P, "Bonjour Monsieur Benali,\n\nVoici les exercices à faire chaque jour :\n"
                "1. rotations lentes, 10 fois ;\n2. élévations contre le mur, 10 fois.\n\n"
                "Arrêtez si la douleur augmente.\nMarc Roux"),
        (9, H, "Merci, je commence ce soir."),
    ]),
]  # fmt: skip


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    for plan in PLANS:
        _thread(db, seeded, now, plan)
    _renewal(db, seeded, now)


def _thread(db: Session, seeded: Seeded, now: datetime, plan: Plan) -> Thread:
    space = seeded.spaces[plan.holder]
    professional = seeded.professionals[plan.professional]
    first, last = plan.messages[0][0], plan.messages[-1][0]
    thread = Thread(
        space_id=space.id, professional_id=professional.id, subject=plan.subject,
        opened_by=plan.messages[0][1], created_at=now - timedelta(days=first),
        last_message_at=now - timedelta(days=last),
    )  # fmt: skip
    if plan.closed:
        thread.closed_at = now - timedelta(days=plan.closed[0])
        thread.closed_reason = plan.closed[1]
    db.add(thread)
    db.flush()
    authors = {H: seeded.accounts[plan.holder], P: professional.account}
    for position, (days, side, body) in enumerate(plan.messages):
        message = Message(thread_id=thread.id, side=side, author_account_id=authors[side].id,
                          body=body, created_at=now - timedelta(days=days))  # fmt: skip
        db.add(message)
        db.flush()
        if position == 0 and plan.attachment:
            title, lines = plan.attachment
            stored = file_store().save(db, samples.pdf(title, lines), "fiche-glycemies.pdf")
            db.add(MessageAttachment(message_id=message.id, file_id=stored.id))
    read_at = thread.last_message_at + timedelta(hours=2)
    for side, wanted in ((H, plan.read_by_holder), (P, plan.read_by_professional)):
        if wanted and read_at <= now:
            db.add(ThreadRead(thread_id=thread.id, account_id=authors[side].id, read_at=read_at))
    if not plan.read_by_holder:
        db.add(Notification(
            account_id=authors[H].id, space_id=space.id, kind="new_message",
            actor_professional_id=professional.id, target_type="thread", target_id=thread.id,
            created_at=thread.last_message_at, emailed=False,
        ))  # fmt: skip
    return thread


def _renewal(db: Session, seeded: Seeded, now: datetime) -> None:
    """Jeanne asked Dr Durand to renew her prescription this morning; not read yet."""
    space = seeded.spaces["jeanne"]
    gp = seeded.professionals["sophie"]
    prescription = db.scalar(
        select(Document)
        .where(Document.space_id == space.id, Document.category == DocumentCategory.PRESCRIPTION)
        .order_by(Document.document_date.desc())
        .limit(1)
    )
    when = now - timedelta(hours=3)
    thread = Thread(space_id=space.id, professional_id=gp.id, subject=RENEWAL_SUBJECT,
                    opened_by=H, created_at=when, last_message_at=when)  # fmt: skip
    db.add(thread)
    db.flush()
    jeanne = seeded.accounts["jeanne"]
    db.add(Message(
        thread_id=thread.id, side=H, author_account_id=jeanne.id,
        kind=MessageKind.RENEWAL_REQUEST, document_id=prescription.id if prescription else None,
        body="Bonjour Docteur, il me reste des bandelettes pour une semaine. Merci.",
        created_at=when,
    ))  # fmt: skip
    db.add(ThreadRead(thread_id=thread.id, account_id=jeanne.id, read_at=when))
    if gp.account is not None:
        db.add(Notification(
            account_id=gp.account.id, space_id=space.id, kind="patient_message",
            target_type="thread", target_id=thread.id, created_at=when, emailed=False,
        ))  # fmt: skip
