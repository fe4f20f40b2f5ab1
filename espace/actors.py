"""Who is acting: the signed-in account, in the role they act in.

Services take an ``Actor`` rather than reading the request, so the same rule holds for a
view, a command or a background job (``Actor.system()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Integer, bindparam, select
from sqlalchemy.orm import Session

from espace.models import Account, Professional, Role


class ActorRole(StrEnum):
    HOLDER = "holder"
    REPRESENTATIVE = "representative"
    PROFESSIONAL = "professional"
    OPERATOR = "operator"
    FACILITATOR = "facilitator"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    role: ActorRole
    account: Account | None = None
    professional: Professional | None = None

    @classmethod
    def system(cls) -> Actor:
        return cls(ActorRole.SYSTEM)

    @classmethod
    def for_account(cls, db: Session, account: Account) -> Actor:
        if account.role == Role.PROFESSIONAL:
            professional = db.scalar(_PROFESSIONAL_OF, {"account_id": account.id})
            return cls(ActorRole.PROFESSIONAL, account, professional)
        role = {
            Role.HOLDER: ActorRole.HOLDER,
            Role.OPERATOR: ActorRole.OPERATOR,
            Role.FACILITATOR: ActorRole.FACILITATOR,
        }[account.role]
        return cls(role, account)

    @property
    def account_id(self) -> int | None:
        return self.account.id if self.account else None


# Asked on every page a professional opens: built once.
_PROFESSIONAL_OF = select(Professional).where(
    Professional.account_id == bindparam("account_id", type_=Integer)
)
