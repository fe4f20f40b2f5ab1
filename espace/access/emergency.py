"""Emergency access (bris de glace, CSP R1111-48).

Any professional, when the patient cannot express their will and there is an immediate
risk, with a reason; and the SAMU regulating doctor. Each mode follows its own consent,
both on by default and switchable by the holder. Access lasts 24 hours; the holder and
the GP are told at once. The professional confirms with their second factor again (the
view checks it before calling ``start``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from espace.access import AccessError
from espace.actors import Actor
from espace.audit import record
from espace.models import Block, EmergencyAccess, EmergencyMode, HealthSpace, Professional
from espace.notifications.services import Notice, notify
from espace.policy.access import OPEN_STATUSES, emergency_consented

DURATION = timedelta(hours=24)
MIN_REASON = 20
REASONS = {
    "inconscient": "Patient inconscient",
    "detresse_vitale": "Détresse vitale",
    "hors_etat": "Patient hors d'état d'exprimer sa volonté",
    "regulation": "Régulation médicale du SAMU",
}


def refusal(
    db: Session, space: HealthSpace, professional: Professional, mode: EmergencyMode
) -> str | None:
    """Why an emergency access would be refused (None: it would open). Pages ask it before
    the second factor; ``start`` enforces it."""
    if space.status not in OPEN_STATUSES:
        return "Cet espace santé n'est pas ouvert : il n'y a rien à consulter."
    if db.scalar(select(Block.id).filter_by(space_id=space.id, professional_id=professional.id)):
        return "Le patient ne souhaite pas que vous accédiez à son espace."
    if mode == EmergencyMode.SAMU and not professional.samu_regulator:
        return "L'accès « régulation SAMU » est réservé aux médecins régulateurs du SAMU."
    if not emergency_consented(space, mode):
        return (
            "Le patient a refusé l'accès en urgence à son espace : il n'est pas possible de "
            "l'ouvrir."
        )
    return None


def start(
    db: Session,
    actor: Actor,
    space: HealthSpace,
    *,
    mode: EmergencyMode,
    reason_category: str,
    reason_text: str,
    now: datetime,
) -> EmergencyAccess:
    professional = actor.professional
    if professional is None:
        raise AccessError("Seul un professionnel de santé peut ouvrir un accès en urgence.")
    if reason := refusal(db, space, professional, mode):
        raise AccessError(reason)
    if reason_category not in REASONS:
        raise AccessError("Choisissez le motif de l'accès en urgence.")
    text = " ".join(reason_text.split())
    if len(text) < MIN_REASON:
        raise AccessError(
            f"Expliquez la situation en une phrase au moins ({MIN_REASON} caractères)."
        )
    access = EmergencyAccess(
        space_id=space.id, professional_id=professional.id, mode=mode,
        reason_category=reason_category, reason_text=text[:500], started_at=now,
        expires_at=now + DURATION,
    )  # fmt: skip
    db.add(access)
    db.flush()
    entry = record(db, actor, "emergency.started", space, target_type="emergency",
                   target_id=access.id, reason=f"{REASONS[reason_category]} : {text}",
                   now=now)  # fmt: skip
    gp = space.gp
    if gp is not None and gp.account is not None and gp.id != professional.id:
        notify(db, gp.account, Notice("patient_emergency_access", space_id=space.id,
                                      actor_professional_id=professional.id,
                                      audit_seq=entry.seq), now)  # fmt: skip
    return access
