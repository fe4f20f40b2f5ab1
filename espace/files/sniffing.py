"""What a file really is, from its bytes (not its name, not the type the browser declared).

Accepted (DOMAIN.md): PDF, JPEG, PNG, plain text, RTF, TIFF, at most 5 MB. A file is
refused when it is empty, too big, of another type, or a polyglot: a valid file that also
carries something a browser or a reader could run (HTML or script markup, a PDF with
JavaScript or launch actions, an RTF with embedded objects, data hidden after the end of
an image).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SIZE = 5 * 1024 * 1024
ACCEPTED_TEXT = "PDF, JPEG, PNG, TIFF, texte (.txt) ou RTF, de 5 Mo au plus"


@dataclass(frozen=True)
class FileType:
    media_type: str
    extension: str
    label: str  # as people say it: "PDF", "image PNG"...
    inline: bool  # shown in the browser, rather than downloaded


PDF = FileType("application/pdf", "pdf", "PDF", inline=True)
JPEG = FileType("image/jpeg", "jpg", "image JPEG", inline=True)
PNG = FileType("image/png", "png", "image PNG", inline=True)
TIFF = FileType("image/tiff", "tif", "image TIFF", inline=False)
TEXT = FileType("text/plain", "txt", "texte", inline=True)
RTF = FileType("application/rtf", "rtf", "document RTF", inline=False)
BY_MEDIA_TYPE = {t.media_type: t for t in (PDF, JPEG, PNG, TIFF, TEXT, RTF)}


class RefusedFile(ValueError):
    """The message says what is wrong and what is accepted, in French."""


MARKUP = re.compile(
    rb"<\s*(?:script|html|body|iframe|svg|object|embed|meta|link|style|img|a\s|!doctype)"
    rb"|javascript:|<\?xml",
    re.IGNORECASE,
)
PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|RichMedia|XFA|SubmitForm)\b")
RTF_ACTIVE = re.compile(rb"\\(?:objdata|object|objemb|objlink|objautlink)\b")


def sniff(content: bytes) -> FileType:
    """The type of ``content``, or RefusedFile with a message for the person."""
    if not content:
        raise RefusedFile(f"Le fichier est vide. Choisissez un fichier {ACCEPTED_TEXT}.")
    if len(content) > MAX_SIZE:
        size = round(len(content) / 1024 / 1024, 1)
        raise RefusedFile(
            f"Le fichier fait {size:n} Mo : la taille maximale est de 5 Mo. Réduisez-le "
            "(par exemple en le scannant en noir et blanc) ou choisissez-en un autre."
        )
    file_type = _by_magic(content)
    if file_type is None:
        raise RefusedFile(
            f"Ce type de fichier n'est pas accepté. Choisissez un fichier {ACCEPTED_TEXT}."
        )
    if problem := _active_content(file_type, content):
        raise RefusedFile(
            f"Ce fichier ne peut pas être accepté : {problem}. Enregistrez-le de nouveau "
            f"depuis le logiciel qui l'a créé (fichier {ACCEPTED_TEXT})."
        )
    return file_type


def _by_magic(content: bytes) -> FileType | None:
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if content.startswith(b"{\\rtf1"):
        return RTF
    if _is_plain_text(content):
        return TEXT
    return None


def _is_plain_text(content: bytes) -> bool:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return not any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text)


def _active_content(file_type: FileType, content: bytes) -> str | None:
    head, tail = content[:4096], content[-4096:]
    if file_type is TEXT:
        if MARKUP.search(content):
            return "c'est une page web (HTML) ou un fichier de code, pas un simple texte"
        return None
    if MARKUP.search(head) or MARKUP.search(tail):
        return "il contient aussi une page web ou du code"
    if file_type is PDF:
        if PDF_ACTIVE.search(content):
            return "ce PDF contient du code (JavaScript ou actions automatiques)"
        if b"%%EOF" not in tail:
            return "ce PDF est incomplet ou abîmé"
    if file_type is PNG and not content.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82"):
        return "des données sont cachées après la fin de l'image"
    if file_type is JPEG and not content.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return "des données sont cachées après la fin de l'image"
    if file_type is RTF and RTF_ACTIVE.search(content):
        return "ce document RTF contient des objets intégrés"
    return None


def human_size(size: int) -> str:
    """ "120 Ko", "1,4 Mo": how the download links announce the size (RGAA 13.3)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} Ko"
    return f"{size / 1024 / 1024:.1f} Mo".replace(".", ",")
