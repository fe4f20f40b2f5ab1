"""Espace santé: a patient's digital health space.

``create_app`` reads as the list of steps that build the application; nothing heavy runs
at import time, and nothing connects to the database until a request or command needs it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from espace.config import PROJECT_ROOT, from_os_environ
from espace.extensions import csrf


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    config = from_os_environ(test_config)
    app = Flask(
        __name__,
        instance_path=config["INSTANCE_PATH"],
        static_folder=None,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.update(config)
    if app.config["PROXIES"]:
        # Behind N reverse proxies: the client's address (rate limits) and scheme come
        # from the last N X-Forwarded-* values, never from what a client could forge.
        hops = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _init_logging(app)
    _init_extensions(app)
    _register_web_plumbing(app)
    _register_blueprints(app)
    _register_commands(app)
    return app


def _init_logging(app: Flask) -> None:
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
        )
    # Alembic explains each plugin it loads; the migrations it runs are enough.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def _init_extensions(app: Flask) -> None:
    from espace import auth, db, files

    db.init_app(app)
    csrf.init_app(app)
    auth.init_app(app)
    files.init_app(app)


def _register_web_plumbing(app: Flask) -> None:
    # after_request functions run in reverse order of registration: the security headers
    # are set before compression rewrites the body.
    from espace.web import (
        assets,
        compression,
        converters,
        errors,
        filters,
        navigation,
        security,
        templating,
    )

    converters.init_app(app)  # before any blueprint builds its URL rules
    compression.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    filters.init_app(app)
    navigation.init_app(app)
    templating.init_app(app)
    assets.init_app(app, PROJECT_ROOT / "static")


def _register_blueprints(app: Flask) -> None:
    from espace import (
        account,
        activation,
        activity,
        agenda,
        catalogue,
        closure,
        dashboard,
        desk,
        directory,
        documents,
        export,
        feedback,
        messaging,
        notifications,
        opposition,
        pages,
        privacy,
        pro,
        profile,
        reimbursements,
        representatives,
        workshop,
    )

    pages.init_app(app)
    dashboard.init_app(app)
    documents.init_app(app)
    agenda.init_app(app)
    profile.init_app(app)
    privacy.init_app(app)
    reimbursements.init_app(app)
    messaging.init_app(app)
    activity.init_app(app)
    notifications.init_app(app)
    representatives.init_app(app)
    directory.init_app(app)
    catalogue.init_app(app)
    closure.init_app(app)
    export.init_app(app)
    account.init_app(app)
    pro.init_app(app)
    opposition.init_app(app)
    activation.init_app(app)
    desk.init_app(app)
    feedback.init_app(app)
    workshop.init_app(app)  # demo mode only: absent in production


def _register_commands(app: Flask) -> None:
    from espace import commands, ops
    from espace.audit import cli as audit_cli
    from espace.demo import cli as demo_cli
    from espace.directory import cli as directory_cli
    from espace.jobs import cli as jobs_cli
    from espace.lifecycle import cli as lifecycle_cli
    from espace.reimbursements import cli as reimbursements_cli

    commands.init_app(app)
    ops.init_app(app)
    demo_cli.init_app(app)
    audit_cli.init_app(app)
    jobs_cli.init_app(app)
    reimbursements_cli.init_app(app)
    directory_cli.init_app(app)
    lifecycle_cli.init_app(app)
