"""View decorators that ask the policy module; refusals look like a missing page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user, login_required

from espace.policy import Area, may_use


def requires(area: Area) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not may_use(current_user._get_current_object(), area):
                abort(404)
            return view(*args, **kwargs)

        return wrapped

    return decorator
