"""The baseline: a hello-world Flask app, served like ours (gunicorn, 2 workers)."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Bonjour"
