"""Mes professionnels: the GP (declared on the space, shown here read-only) and the
professionals the holder keeps, added by their RPPS number."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.actors import Actor
from espace.models import HealthSpace, MyProfessional, Professional, ProfileSection
from espace.profile.services import Refused, add_item, delete_item, record_view

SECTION = ProfileSection.PROFESSIONNELS


def list_professionals(db: Session, actor: Actor, space: HealthSpace) -> list[MyProfessional]:
    rows = list(
        db.scalars(
            select(MyProfessional)
            .join(MyProfessional.professional)
            .where(MyProfessional.space_id == space.id)
            .order_by(Professional.family_name, Professional.given_name, MyProfessional.id)
        )
    )
    record_view(db, actor, space, SECTION.value)
    return rows


def add_professional(db: Session, actor: Actor, space: HealthSpace, rpps: str) -> MyProfessional:
    professional = db.scalar(select(Professional).where(Professional.rpps == rpps))
    if professional is None:
        raise Refused(
            "rpps",
            f"Aucun professionnel de santé n'a le numéro RPPS {rpps}. Vérifiez les 11 "
            "chiffres : ils sont écrits sur ses ordonnances.",
        )
    if professional.id == space.gp_professional_id:
        raise Refused(
            "rpps",
            "Ce professionnel est votre médecin traitant : il figure déjà en haut de la page "
            "« Mes professionnels ».",
        )
    already = db.scalar(
        select(MyProfessional.id).where(
            MyProfessional.space_id == space.id,
            MyProfessional.professional_id == professional.id,
        )
    )
    if already is not None:
        raise Refused("rpps", "Ce professionnel est déjà dans la liste de vos professionnels.")
    added: MyProfessional = add_item(
        db, actor, space, SECTION, MyProfessional, {"professional_id": professional.id}
    )
    return added


def remove_professional(
    db: Session, actor: Actor, space: HealthSpace, kept: MyProfessional
) -> None:
    delete_item(db, actor, space, SECTION, kept)
