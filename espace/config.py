"""Configuration read from the environment (CONTRACT.md, "Configuration").

Precedence, lowest first: built-in defaults, ``ESPACE_*`` environment variables, then the
``test_config`` mapping given to ``create_app``. Invalid values stop the start with a message
that says which variable to fix, so an operator never runs a half-configured service.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = ("development", "test", "demo", "production")
DEFAULT_PILOT_DEPARTMENTS = ("31", "44", "80")


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to change."""


def _flag(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on", "oui"}:
        return True
    if lowered in {"0", "false", "no", "off", "non", ""}:
        return False
    raise ConfigError(f"{name} doit valoir 1 ou 0 (reçu : {value!r}).")


def _positive_int(value: str, name: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name} doit être un nombre entier (reçu : {value!r}).") from None
    if number <= 0:
        raise ConfigError(f"{name} doit être strictement positif (reçu : {value!r}).")
    return number


def _departments(value: str) -> tuple[str, ...]:
    codes = tuple(code.strip().upper() for code in value.split(",") if code.strip())
    for code in codes:
        if not (code.isdigit() and len(code) in (2, 3)) and code not in {"2A", "2B"}:
            raise ConfigError(
                "ESPACE_PILOT_DEPARTMENTS attend des codes de département séparés par des "
                f"virgules, par exemple 31,44,80 (reçu : {value!r})."
            )
    return codes


def load_config(environ: Mapping[str, str], test_config: Mapping[str, Any] | None) -> dict:
    """Build the Flask configuration mapping and check it is usable."""
    env = environ.get("ESPACE_ENV", "development").strip() or "development"
    if test_config and "ESPACE_ENV" in test_config:
        env = test_config["ESPACE_ENV"]
    if env not in ENVIRONMENTS:
        raise ConfigError(f"ESPACE_ENV doit valoir {', '.join(ENVIRONMENTS)} (reçu : {env!r}).")

    instance_path = Path(environ.get("ESPACE_INSTANCE_PATH") or PROJECT_ROOT / "instance")
    if not instance_path.is_absolute():
        instance_path = (Path.cwd() / instance_path).resolve()

    config: dict[str, Any] = {
        "ESPACE_ENV": env,
        "INSTANCE_PATH": str(instance_path),
        "DATABASE_URL": None,  # derived from INSTANCE_PATH below unless given
        "SECRET_KEY": None,
        "SMTP_HOST": None,
        "SMTP_PORT": 25,
        "MAIL_FROM": "ne-pas-repondre@example.org",
        # The address people type to reach the service, for links in e-mails and letters.
        "PUBLIC_URL": "http://127.0.0.1:5000",
        "PILOT_DEPARTMENTS": DEFAULT_PILOT_DEPARTMENTS,
        "OPPOSITION_DAYS": 42,
        "PROXIES": 0,
        "DEMO": env in {"demo", "development"},
        "SERVICE_NAME": "Espace santé",
        # Sessions: idle and absolute limits (ANSSI recommendations for health services).
        "SESSION_IDLE_TIMEOUT": timedelta(minutes=15),
        "SESSION_ABSOLUTE_TIMEOUT": timedelta(hours=12),
        "SESSION_COOKIE_NAME": "espace_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env != "development",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        # The cookie lives 12 hours from sign-in, like the session it names: sent again only
        # when it changes, not re-signed on every page (the database row ends it earlier).
        "SESSION_REFRESH_EACH_REQUEST": False,
        # Uploads are limited to 5 MB by the forms, with a message that keeps the answers;
        # beyond this, the request is cut short with the 413 page.
        "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "WTF_CSRF_SSL_STRICT": False,  # Referer checks break behind some proxies; token suffices
        "PRINT_EMAILS": env != "production",
        "TESTING": env == "test",
    }

    if "ESPACE_DATABASE_URL" in environ and environ["ESPACE_DATABASE_URL"].strip():
        config["DATABASE_URL"] = environ["ESPACE_DATABASE_URL"].strip()
    if environ.get("ESPACE_SECRET_KEY"):
        config["SECRET_KEY"] = environ["ESPACE_SECRET_KEY"]
    if environ.get("ESPACE_SMTP_HOST"):
        config["SMTP_HOST"] = environ["ESPACE_SMTP_HOST"].strip()
    if environ.get("ESPACE_SMTP_PORT"):
        config["SMTP_PORT"] = _positive_int(environ["ESPACE_SMTP_PORT"], "ESPACE_SMTP_PORT")
    if environ.get("ESPACE_MAIL_FROM"):
        config["MAIL_FROM"] = environ["ESPACE_MAIL_FROM"].strip()
    if environ.get("ESPACE_PUBLIC_URL"):
        config["PUBLIC_URL"] = environ["ESPACE_PUBLIC_URL"].strip().rstrip("/")
    if "ESPACE_PILOT_DEPARTMENTS" in environ:
        config["PILOT_DEPARTMENTS"] = _departments(environ["ESPACE_PILOT_DEPARTMENTS"])
    if environ.get("ESPACE_OPPOSITION_DAYS"):
        config["OPPOSITION_DAYS"] = _positive_int(
            environ["ESPACE_OPPOSITION_DAYS"], "ESPACE_OPPOSITION_DAYS"
        )
    if "ESPACE_DEMO" in environ:
        config["DEMO"] = _flag(environ["ESPACE_DEMO"], "ESPACE_DEMO")
    if environ.get("ESPACE_PROXIES", "").strip() not in ("", "0"):
        config["PROXIES"] = _positive_int(environ["ESPACE_PROXIES"].strip(), "ESPACE_PROXIES")

    if test_config:
        config.update(test_config)

    if not config["DATABASE_URL"]:
        config["DATABASE_URL"] = f"sqlite:///{Path(config['INSTANCE_PATH']) / 'espace.sqlite3'}"
    _check(config)
    if not config["SECRET_KEY"]:
        # Development and tests only (production was refused above): one key per process.
        config["SECRET_KEY"] = secrets.token_urlsafe(48)
    return config


def _check(config: Mapping[str, Any]) -> None:
    if config["ESPACE_ENV"] != "production":
        return
    key = config["SECRET_KEY"]
    if not key or len(key) < 32:
        raise ConfigError(
            "En production, ESPACE_SECRET_KEY est obligatoire et doit compter au moins "
            '32 caractères (par exemple : python -c "import secrets; '
            'print(secrets.token_urlsafe(48))").'
        )
    if config["DEMO"]:
        raise ConfigError(
            "Les fonctions de démonstration (ESPACE_DEMO) sont interdites en production : "
            "retirez ESPACE_DEMO ou mettez-le à 0."
        )


def from_os_environ(test_config: Mapping[str, Any] | None = None) -> dict:
    return load_config(os.environ, test_config)
