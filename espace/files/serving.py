"""Sending a stored file back: the right type, a safe name, and a sandbox around it."""

from __future__ import annotations

from flask import Response, send_file

from espace.files.sniffing import BY_MEDIA_TYPE
from espace.files.storage import FileStore
from espace.models import StoredFile

# The file is ours to show, not to run: no script, no plugin beyond the PDF viewer, no
# same-origin power (CSP "sandbox"; Chromium's PDF viewer refuses to open when sandboxed,
# and PDFs with scripts are refused at upload).
SANDBOX = "sandbox; default-src 'none'; img-src 'self'; frame-ancestors 'none'"
PDF_POLICY = "default-src 'none'; object-src 'self'; img-src 'self'; frame-ancestors 'none'"


def send_stored(
    store: FileStore, stored: StoredFile, download_name: str, download: bool
) -> Response:
    """An uploaded type shows inline when the browser can (PDF, text, images); anything
    else — an unknown type, a generated ZIP — is always an attachment."""
    file_type = BY_MEDIA_TYPE.get(stored.media_type)
    as_attachment = download or file_type is None or not file_type.inline
    response = send_file(
        store.path(stored),
        mimetype=stored.media_type,
        as_attachment=as_attachment,
        download_name=download_name,
        max_age=0,
        etag=False,
        conditional=False,
    )
    response.headers["Content-Security-Policy"] = (
        PDF_POLICY if stored.media_type == "application/pdf" else SANDBOX
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
