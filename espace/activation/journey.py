"""Where a person is in a public journey (activation, opposition), kept between pages.

The Flask session (a signed cookie) holds only what the next page needs: the HMAC of the
typed code (never the code), ids, random tokens and a deadline. Never the NIR, never the
date of birth: they are typed again if the journey restarts. Both journeys use this.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import request, session

from espace import clock

LIFETIME = timedelta(minutes=30)  # real minutes: a workshop moving the date keeps journeys


def client_address() -> str:
    """The address rate limits count against (the proxy in front sets REMOTE_ADDR)."""
    return request.remote_addr or "inconnue"


class Journey:
    def __init__(self, name: str) -> None:
        self.name = name

    def _state(self) -> dict[str, Any]:
        state = session.get(self.name)
        if not isinstance(state, dict):
            return {}
        until = state.get("until")
        try:
            if until is None or datetime.fromisoformat(until) <= clock.wall_now():
                return {}
        except (TypeError, ValueError):
            return {}
        return state

    def get(self, key: str) -> Any:
        return self._state().get(key)

    def start(self, **values: Any) -> None:
        session[self.name] = {**values, "until": (clock.wall_now() + LIFETIME).isoformat()}

    def update(self, **values: Any) -> None:
        state = self._state()
        state.update(values)
        session[self.name] = state

    def drop(self, *keys: str) -> None:
        state = self._state()
        for key in keys:
            state.pop(key, None)
        session[self.name] = state

    def end(self) -> None:
        session.pop(self.name, None)
