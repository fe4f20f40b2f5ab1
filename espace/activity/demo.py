"""A plausible history for Jeanne: her sign-ins and uploads, her professionals' visits and
documents, in time order; and a few unread notifications from them (no e-mails sent)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor, ActorRole
from espace.audit import record
from espace.demo.seed import Seeded
from espace.models import AuthorKind, Document, Notification


def seed(db: Session, seeded: Seeded, now: datetime) -> None:
    space = seeded.spaces["jeanne"]
    jeanne = Actor(ActorRole.HOLDER, seeded.accounts["jeanne"])

    def professional(key: str) -> Actor:
        return Actor(ActorRole.PROFESSIONAL, seeded.accounts[key], seeded.professionals[key])

    events: list[tuple[datetime, Actor, str, Document | None]] = []
    for document in db.scalars(
        select(Document).where(Document.space_id == space.id, Document.held.is_(False))
    ):
        author = document.author_professional_id
        by = {p.id: key for key, p in seeded.professionals.items()}.get(author)
        if document.author_kind == AuthorKind.HOLDER:
            events.append((document.created_at, jeanne, "document.added", document))
        elif by is not None:
            events.append((document.created_at, professional(by), "document.added", document))
            events.append(
                (document.created_at + timedelta(days=1), jeanne, "document.viewed", document)
            )
        if document.category.value in {"prescription", "plan_de_soins"}:
            events.append(
                (
                    document.created_at + timedelta(days=2),
                    professional("paul"),
                    "document.viewed",
                    document,
                )
            )
    for days in (200, 120, 60, 30, 15, 3):
        events.append((now - timedelta(days=days, hours=2), jeanne, "account.signed_in", None))
        events.append(
            (now - timedelta(days=days, hours=3), professional("sophie"), "profile.viewed", None)
        )
    events.append((now - timedelta(days=6), professional("amina"), "profile.viewed", None))
    for when, actor, name, document in sorted(events, key=lambda e: e[0]):
        if when > now:
            continue
        if document is not None:
            record(db, actor, name, space, target_type="document", target_id=document.id,
                   category=document.category.value, notify=False, now=when)  # fmt: skip
        elif name == "profile.viewed":
            record(db, actor, name, space, category="profil", notify=False, now=when)
        else:
            record(db, actor, name, space, notify=False, now=when)
    # Two recent things Jeanne has not read yet.
    recent = db.scalars(
        select(Document)
        .where(
            Document.space_id == space.id,
            Document.author_kind == AuthorKind.PROFESSIONAL,
            Document.held.is_(False),  # a held result is announced to no one
        )
        .order_by(Document.created_at.desc())
        .limit(2)
    ).all()
    for document in recent:
        db.add(
            Notification(
                account_id=space.holder_account_id, space_id=space.id, kind="document_added",
                actor_professional_id=document.author_professional_id,
                category=document.category.value, target_type="document",
                target_id=document.id, created_at=document.created_at, emailed=False,
            )
        )  # fmt: skip
    db.add(
        Notification(
            account_id=space.holder_account_id, space_id=space.id, kind="professional_access",
            actor_professional_id=seeded.professionals["amina"].id,
            created_at=now - timedelta(days=6), emailed=False,
        )
    )  # fmt: skip
