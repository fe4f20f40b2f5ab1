"""Every model, imported here so Alembic and ``Base.metadata`` see them all."""

from espace.models.account import Account, AccountStatus, Role
from espace.models.base import Base
from espace.models.professional import PROFESSIONS, Professional
from espace.models.security import AuthSession, SecondFactor, SignInAttempt, Throttle
from espace.models.space import HealthSpace, SpaceStatus

__all__ = [
    "PROFESSIONS",
    "Account",
    "AccountStatus",
    "AuthSession",
    "Base",
    "HealthSpace",
    "Professional",
    "Role",
    "SecondFactor",
    "SignInAttempt",
    "SpaceStatus",
    "Throttle",
]
