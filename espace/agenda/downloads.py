"""Sending calendar files: the type, the name, and no cache."""

from __future__ import annotations

from flask import Response, current_app


def uid_domain() -> str:
    """The host of the public address: the right side of every event's UID."""
    return current_app.config["PUBLIC_URL"].split("://", 1)[-1].split("/")[0].split(":")[0]


def ics_response(body: bytes, download_name: str | None = None) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.charset = "utf-8"
    if download_name:
        response.headers["Content-Disposition"] = f'attachment; filename="{download_name}"'
    # Data, not a page: nothing may run, nothing may frame it.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; frame-ancestors 'none'; sandbox"
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
