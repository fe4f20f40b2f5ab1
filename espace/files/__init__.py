"""Uploaded files: recognised by their content, stored under generated names, served safely."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from espace.files.storage import FileStore


def init_app(app: Flask) -> None:
    app.extensions["espace.files"] = FileStore(Path(app.instance_path) / "files")


def file_store() -> FileStore:
    return current_app.extensions["espace.files"]
