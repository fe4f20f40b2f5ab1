"""Gzip on the wire for our own text responses (pages weigh in at 2G speeds).

Static files are compressed once at start (see ``assets``). Secrets in pages stay safe from
BREACH-style attacks because cookies are ``SameSite=Lax``: another site cannot make the
browser send credentialed requests it could measure.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

COMPRESSIBLE = {
    "text/html",
    "text/plain",
    "text/css",
    "text/csv",
    "application/json",
    "text/calendar",
    "image/svg+xml",
    "application/javascript",
    "text/javascript",
}
MIN_SIZE = 500


def init_app(app: Flask) -> None:
    app.after_request(_compress)


def accepts_gzip() -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _compress(response: Response) -> Response:
    if (
        response.direct_passthrough
        or response.is_streamed
        or "Content-Encoding" in response.headers
        or response.mimetype not in COMPRESSIBLE
        or not 200 <= response.status_code < 600
    ):
        return response
    response.vary.add("Accept-Encoding")
    if not accepts_gzip():
        return response
    body = response.get_data()
    if len(body) < MIN_SIZE:
        return response
    response.set_data(gzip.compress(body, compresslevel=6, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    return response
