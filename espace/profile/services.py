"""Reading and changing the profile. Each call that reads or changes health data writes
exactly one history entry, naming ids and sections only, never a value (DOMAIN.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace import clock
from espace.actors import Actor
from espace.audit import record
from espace.models import Contact, ContactKind, HealthSpace, ProfileSection
from espace.profile.sections import ItemSection

MAX_ID = 2**63 - 1  # larger ids cannot be stored, so cannot exist (and must not reach SQL)


class Refused(Exception):
    """A change the rules do not allow; ``field`` is the form field the message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def record_view(
    db: Session,
    actor: Actor,
    space: HealthSpace,
    category: str,
    item: Any | None = None,
) -> None:
    record(
        db,
        actor,
        "profile.viewed",
        space,
        category=category,
        target_type=item.__tablename__ if item is not None else None,
        target_id=item.id if item is not None else None,
    )


def list_items(db: Session, actor: Actor, space: HealthSpace, spec: ItemSection) -> list[Any]:
    items = list(
        db.scalars(select(spec.model).where(spec.model.space_id == space.id).order_by(*spec.order))
    )
    record_view(db, actor, space, spec.slug)
    return items


def find(db: Session, space: HealthSpace, model: type[Any], item_id: int) -> Any | None:
    """The item if it is in this space; None for anyone else's (the view answers 404)."""
    if not 0 < item_id <= MAX_ID:
        return None
    return db.scalar(select(model).where(model.id == item_id, model.space_id == space.id))


def add_item(
    db: Session,
    actor: Actor,
    space: HealthSpace,
    section: ProfileSection,
    model: type[Any],
    values: dict[str, Any],
) -> Any:
    _check(db, space, model, values, None)
    now = clock.now()
    item = model(space_id=space.id, created_at=now, updated_at=now, **values)
    db.add(item)
    db.flush()
    _record_change(db, actor, space, "profile.item_added", section, item)
    return item


def change_item(
    db: Session,
    actor: Actor,
    space: HealthSpace,
    section: ProfileSection,
    item: Any,
    values: dict[str, Any],
) -> None:
    _check(db, space, type(item), values, item.id)
    for name, value in values.items():
        setattr(item, name, value)
    item.updated_at = clock.now()
    db.flush()
    _record_change(db, actor, space, "profile.item_changed", section, item)


def delete_item(
    db: Session, actor: Actor, space: HealthSpace, section: ProfileSection, item: Any
) -> None:
    # Recorded before the row goes: the entry keeps the id, never the content.
    _record_change(db, actor, space, "profile.item_deleted", section, item)
    db.delete(item)
    db.flush()


def _record_change(
    db: Session, actor: Actor, space: HealthSpace, event: str, section: ProfileSection, item: Any
) -> None:
    record(
        db,
        actor,
        event,
        space,
        target_type=item.__tablename__,
        target_id=item.id,
        category=section.value,
    )


def _check(
    db: Session, space: HealthSpace, model: type[Any], values: dict[str, Any], own_id: int | None
) -> None:
    # One personne de confiance at a time (CSP L1111-6: "une personne de confiance").
    if model is Contact and values.get("kind") == ContactKind.TRUSTED_PERSON:
        other = db.scalar(
            select(Contact.id).where(
                Contact.space_id == space.id,
                Contact.kind == ContactKind.TRUSTED_PERSON,
                Contact.id != (own_id or 0),
            )
        )
        if other is not None:
            raise Refused(
                "kind",
                "Vous avez déjà une personne de confiance : on ne peut en désigner qu'une. "
                "Choisissez « personne à prévenir en cas d'urgence », ou modifiez d'abord "
                "votre personne de confiance.",
            )
