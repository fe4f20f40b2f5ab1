"""Helpers of the export tests: ask through the page, build with the job, open the ZIP."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from fhir.resources.R4B.bundle import Bundle

from espace import clock
from tests.closure_support import run_jobs


def ask(client) -> None:  # type: ignore[no-untyped-def]
    client.get("/mes-donnees")
    response = client.post_form("/mes-donnees")
    assert response.status_code == 302 and response.headers["Location"] == "/mes-donnees"


def download_link(client) -> str:  # type: ignore[no-untyped-def]
    page = client.get("/mes-donnees").get_data(as_text=True)
    match = re.search(r'href="(/mes-donnees/\d+/fichier)"', page)
    assert match, "no download link on /mes-donnees"
    return match.group(1)


def prepared(app, client, at: datetime | None = None) -> zipfile.ZipFile:  # type: ignore[no-untyped-def]
    """Ask, run the jobs, download: the archive, opened."""
    ask(client)
    run_jobs(app, at or clock.now())
    response = client.get(download_link(client))
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.data))


def visible(response) -> str:  # type: ignore[no-untyped-def]
    """The page without what changes from one response to the next (nonce, CSRF token)."""
    return re.sub(r'(nonce|content|value)="[^"]*"', "", response.get_data(as_text=True))


def bundle_of(archive: zipfile.ZipFile) -> Bundle:
    return Bundle.model_validate_json(archive.read("fhir/bundle.json"))


def resources(bundle: Bundle, resource_type: str) -> list:
    return [e.resource for e in bundle.entry if e.resource.get_resource_type() == resource_type]
