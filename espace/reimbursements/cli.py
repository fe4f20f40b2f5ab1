"""``flask --app app soins import FILE``. SKELETON: to be written."""

from flask import Flask


def init_app(app: Flask) -> None:
    return None
