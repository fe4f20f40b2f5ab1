"""Entry point: ``flask --app app ...`` and ``gunicorn app:app``."""

from espace import create_app

app = create_app()
