"""Static files with their content hash in the URL, cached for a year (immutable).

The files are read and compressed once when the app is created: there are few and small
(one stylesheet, htmx, a few lines of our own, icons). ``asset_url('css/espace.css')``
gives ``/static/css/espace.1a2b3c4d5e.css``.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, url_for

from espace.web.compression import COMPRESSIBLE, accepts_gzip

ONE_YEAR = 365 * 24 * 3600

bp = Blueprint("assets", __name__)


@dataclass(frozen=True)
class Asset:
    url_name: str
    mimetype: str
    body: bytes
    gzipped: bytes | None


class Assets:
    def __init__(self, folder: Path) -> None:
        self.by_logical: dict[str, Asset] = {}
        self.by_url_name: dict[str, Asset] = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                self._add(path.relative_to(folder).as_posix(), path.read_bytes())

    def _add(self, logical: str, body: bytes) -> None:
        digest = hashlib.sha256(body).hexdigest()[:10]
        stem, dot, suffix = logical.rpartition(".")
        url_name = f"{stem}.{digest}.{suffix}" if dot else f"{logical}.{digest}"
        mimetype = mimetypes.guess_type(logical)[0] or "application/octet-stream"
        gzipped = gzip.compress(body, 9, mtime=0) if mimetype in COMPRESSIBLE else None
        asset = Asset(url_name, mimetype, body, gzipped)
        self.by_logical[logical] = asset
        self.by_url_name[url_name] = asset

    def url_name(self, logical: str) -> str:
        return self.by_logical[logical].url_name


def init_app(app: Flask, folder: Path) -> None:
    app.extensions["espace.assets"] = Assets(folder)
    app.register_blueprint(bp)
    app.jinja_env.globals["asset_url"] = asset_url


def asset_url(logical: str) -> str:
    assets: Assets = current_app.extensions["espace.assets"]
    return url_for("assets.static_file", filename=assets.url_name(logical))


@bp.get("/static/<path:filename>")
def static_file(filename: str) -> Response:
    assets: Assets = current_app.extensions["espace.assets"]
    asset = assets.by_url_name.get(filename)
    if asset is None:
        abort(404)
    use_gzip = asset.gzipped is not None and accepts_gzip()
    response = Response(asset.gzipped if use_gzip else asset.body, mimetype=asset.mimetype)
    if asset.mimetype.startswith("text/"):
        response.charset = "utf-8"
    if use_gzip:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response


@bp.get("/favicon.ico")
def favicon() -> Response:
    # Browsers ask for it at the root whatever the page says; an SVG icon is lighter.
    assets: Assets = current_app.extensions["espace.assets"]
    asset = assets.by_logical["favicon.ico"]
    response = Response(asset.body, mimetype="image/x-icon")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
