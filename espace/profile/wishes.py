"""Volontés: directives anticipées and organ donation, one record per space."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.models import HealthSpace, ProfileSection, Wishes
from espace.profile.services import add_item, change_item, record_view

SECTION = ProfileSection.VOLONTES


def find_wishes(db: Session, space: HealthSpace) -> Wishes | None:
    return db.scalar(select(Wishes).where(Wishes.space_id == space.id))


def read_wishes(db: Session, actor: Actor, space: HealthSpace) -> Wishes | None:
    wishes = find_wishes(db, space)
    record_view(db, actor, space, SECTION.value, wishes)
    return wishes


def save_wishes(db: Session, actor: Actor, space: HealthSpace, values: dict[str, Any]) -> Wishes:
    """Create the record the first time (item_added), change it afterwards (item_changed)."""
    wishes = find_wishes(db, space)
    if wishes is None:
        created: Wishes = add_item(db, actor, space, SECTION, Wishes, values)
        return created
    change_item(db, actor, space, SECTION, wishes, values)
    return wishes
