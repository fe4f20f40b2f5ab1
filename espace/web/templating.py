"""What every template can use: the service name, the session length, the demo flag."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, get_flashed_messages

from espace.web.help import help_text
from espace.web.spaces import acting_for_someone_else


def init_app(app: Flask) -> None:
    app.context_processor(_layout_context)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _layout_context() -> dict[str, Any]:
    config = current_app.config
    return {
        "service_name": config["SERVICE_NAME"],
        "idle_minutes": int(config["SESSION_IDLE_TIMEOUT"].total_seconds() // 60),
        "demo_mode": config["DEMO"],
        "flashed": lambda: get_flashed_messages(with_categories=True),
        "acting_for_someone_else": acting_for_someone_else,
        "help_text": help_text,
    }
