"""Jinja filters: dates and numbers the French way, in Europe/Paris time."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask

from espace.clock import PARIS
from espace.files.sniffing import human_size

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def date_fr(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(PARIS).date()
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def datetime_fr(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(PARIS)
    return f"{date_fr(local.date())} à {local.hour} h {local.minute:02d}"


def time_fr(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(PARIS)
    return f"{local.hour} h {local.minute:02d}"


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        date_fr=date_fr, datetime_fr=datetime_fr, time_fr=time_fr, file_size=human_size
    )
