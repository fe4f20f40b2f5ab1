"""A gunicorn worker gets ready before its first request: templates compiled, and the
objects kept for its life frozen out of the garbage collector's full collections."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent


def test_each_worker_compiles_every_template_then_freezes_what_it_keeps(app):
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    templates = app.jinja_env.list_templates(extensions=["html"])
    assert len(templates) > 100
    app.jinja_env.cache.clear()
    try:
        hooks["post_worker_init"](SimpleNamespace(wsgi=app))
        assert gc.get_freeze_count() > 100_000
        assert len(app.jinja_env.cache) == len(templates)
        # What a full collection still walks is a small part of what it walked.
        assert len(gc.get_objects()) < gc.get_freeze_count() / 10
    finally:
        gc.unfreeze()
