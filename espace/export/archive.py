"""Writing the export's ZIP: ``index.html`` (a summary a person reads in any browser),
``documents/`` and ``messages/`` (the original files, under safe names) and
``fhir/bundle.json`` (the same data for software).

The archive is written to a file as it goes, one document at a time: a space with
thousands of documents never sits in memory.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from fhir.resources.R4B.bundle import Bundle
from flask import current_app

from espace.export.fhir import build_bundle
from espace.export.gather import SpaceData
from espace.files.sniffing import BY_MEDIA_TYPE
from espace.files.storage import FileStore
from espace.models import StoredFile
from espace.profile.measures import BY_KIND
from espace.profile.sections import SECTIONS
from espace.reimbursements.amounts import format_euros
from espace.reimbursements.care_types import CareType
from espace.web.sanitize import sanitize_html

MEDIA_TYPE = "application/zip"
SUMMARY = "index.html"
BUNDLE = "fhir/bundle.json"
# Already compressed: stored as they are (deflating them again costs time for nothing).
STORED_AS_IS = {"application/pdf", "image/jpeg", "image/png"}
NAME_LENGTH = 50


@dataclass(frozen=True)
class Written:
    size: int
    sha256: str
    documents: int  # documents whose file is in the archive


def safe_name(text: str) -> str:
    """ "Compte rendu – cardiologie (mai)" → "compte-rendu-cardiologie-mai": letters and
    digits only, so the name opens on every system and names no folder."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return name[:NAME_LENGTH].rstrip("-") or "document"


def _extension(stored: StoredFile) -> str:
    file_type = BY_MEDIA_TYPE.get(stored.media_type)
    return file_type.extension if file_type else "bin"


def _add(archive: zipfile.ZipFile, store: FileStore, stored: StoredFile, name: str) -> bool:
    """Add one stored file; False when it is no longer on disk (deleted meanwhile)."""
    compress = zipfile.ZIP_STORED if stored.media_type in STORED_AS_IS else zipfile.ZIP_DEFLATED
    try:
        archive.write(store.path(stored), name, compress_type=compress)
    except FileNotFoundError:
        return False
    return True


def write_archive(data: SpaceData, store: FileStore, target: Path) -> Written:
    """Write the whole archive to ``target``. Raises when the FHIR Bundle does not
    validate (the caller marks the export failed)."""
    files: dict[tuple[str, int], str] = {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for number, document in enumerate(data.documents, 1):
            name = f"documents/{number:04d}-{safe_name(document.title)}.{_extension(document.file)}"
            if _add(archive, store, document.file, name):
                files[("document", document.id)] = name
        for t, conversation in enumerate(data.conversations, 1):
            for m, posted in enumerate(conversation.messages, 1):
                for attachment in posted.attachments:
                    stem = attachment.file.original_name.rsplit(".", 1)[0]
                    name = (
                        f"messages/{t:03d}-{m:03d}-{attachment.id}-{safe_name(stem)}."
                        f"{_extension(attachment.file)}"
                    )
                    if _add(archive, store, attachment.file, name):
                        files[("attachment", attachment.id)] = name
        bundle_json = build_bundle(data, files).model_dump_json()
        Bundle.model_validate_json(bundle_json)  # what we wrote reads back as FHIR
        archive.writestr(BUNDLE, bundle_json)
        archive.writestr(SUMMARY, render_summary(data, files))
    digest = hashlib.sha256()
    with target.open("rb") as written:
        for chunk in iter(lambda: written.read(1 << 20), b""):
            digest.update(chunk)
    documents = sum(1 for kind, _ in files if kind == "document")
    return Written(target.stat().st_size, digest.hexdigest(), documents)


def render_summary(data: SpaceData, files: dict[tuple[str, int], str]) -> str:
    """The readable summary, standalone (its style inline: it is opened from the disk)."""
    template = current_app.jinja_env.get_template("export/archive.html")
    return template.render(
        data=data,
        files=files,
        sections=SECTIONS,
        kinds=BY_KIND,
        euros=format_euros,
        care_type=_care_type_label,
        bundle_path=BUNDLE,
        sanitize=sanitize_html,  # messages, as the messaging shows them
    )


def _care_type_label(value: str) -> str:
    try:
        return CareType(value).label
    except ValueError:
        return CareType.OTHER.label
