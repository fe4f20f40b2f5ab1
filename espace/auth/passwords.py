"""Password hashing with argon2id (OWASP / RFC 9106 parameters in production)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

# Tests hash many passwords: a cheaper cost keeps the suite fast, the algorithm is the same.
PROFILES = {
    "standard": {"time_cost": 3, "memory_cost": 65536, "parallelism": 4},
    "fast": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},
}


@cache
def _hasher(profile: str) -> PasswordHasher:
    return PasswordHasher(**PROFILES[profile])


@cache
def _dummy_hash(profile: str) -> str:
    return _hasher(profile).hash("mot de passe factice pour un compte inconnu")


def hasher() -> PasswordHasher:
    return _hasher(current_app.config.get("PASSWORD_HASH_PROFILE", "standard"))


def hash_password(password: str, profile: str | None = None) -> str:
    return (_hasher(profile) if profile else hasher()).hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not the account exists (no enumeration by timing)."""
    profile = current_app.config.get("PASSWORD_HASH_PROFILE", "standard")
    try:
        return _hasher(profile).verify(password_hash or _dummy_hash(profile), password) and (
            password_hash is not None
        )
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher().check_needs_rehash(password_hash)
