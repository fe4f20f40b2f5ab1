"""Files for upload tests: valid ones of each accepted type, and the hostile corpus."""

from __future__ import annotations

from espace.demo import samples

PDF = samples.pdf("Analyse", ["Glycémie à jeun : 1,05 g/L"])
PNG = samples.png(20, 10)
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\x00" * 64
    + b"\xff\xd9"
)
TIFF = b"II*\x00\x08\x00\x00\x00" + b"\x00" * 64
RTF = rb"{\rtf1\ansi Ordonnance de renouvellement.\par}"
TEXT = "Mes glycémies de la semaine : 1,10 ; 1,25 ; 0,98\n".encode()

VALID = {
    "analyse.pdf": (PDF, "application/pdf"),
    "photo.png": (PNG, "image/png"),
    "photo.jpg": (JPEG, "image/jpeg"),
    "scan.tif": (TIFF, "image/tiff"),
    "courrier.rtf": (RTF, "application/rtf"),
    "notes.txt": (TEXT, "text/plain"),
}

CATALOG = b"/Type /Catalog"

# (file name, content, what the message must say)
REFUSED = [
    ("vide.pdf", b"", "vide"),
    ("gros.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n", "5 Mo"),
    ("page.pdf", b"<!doctype html><html><script>window.__xss=1</script></html>", "page web"),
    ("page.txt", b"<html><body onload='window.__xss=1'>x</body></html>", "page web"),
    ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"/>', "page web"),
    ("logiciel.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "pas accepté"),
    ("archive.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "pas accepté"),
    ("doc.docx", b"PK\x03\x04\x14\x00\x06\x00", "pas accepté"),
    ("bin.pdf", bytes(range(256)) * 8, "pas accepté"),
    ("script.pdf", PDF.replace(CATALOG, CATALOG + b" /OpenAction << /S /JavaScript >>"), "code"),
    ("lanceur.pdf", PDF.replace(CATALOG, CATALOG + b" /OpenAction << /S /Launch >>"), "code"),
    ("coupe.pdf", PDF[:-8], "incomplet"),
    ("polyglotte.png", PNG + b"<script>window.__xss=1</script>", "page web"),
    ("cache.png", PNG + b"PK\x03\x04 hidden archive", "cachées"),
    ("cache.jpg", JPEG + b"PK\x03\x04 hidden", "cachées"),
    ("html-dans.pdf", PDF[:200] + b"<html><script>window.__xss=1</script>" + PDF[200:], "page web"),
    ("objet.rtf", rb"{\rtf1 {\object\objemb {\objdata 0105000002000000}}}", "objets"),
    ("svg.txt", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "page web"),
    ("nul.txt", b"texte\x00avec un octet nul", "pas accepté"),
    ("latin1.txt", "Résumé".encode("latin-1") + b"\xff\xfe", "pas accepté"),
]  # fmt: skip

# Names a person's computer might send: stored safely, never used as a path.
AWKWARD_NAMES = [
    "../../x.pdf",
    "..\\..\\windows\\system32\\x.pdf",
    "/etc/passwd.pdf",
    "résumé médical – été 2025.pdf",
    "ordonnance.pdf.exe",
    "ordonnance.exe.pdf",
    "<img src=x onerror=window.__xss=1>.pdf",
    "\u202egnp.fdp",
    "a" * 500 + ".pdf",
    "CON.pdf",
    ".pdf",
]
