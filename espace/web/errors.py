"""One function renders every error page, in French, inside the layout (STYLE.md).

403 and 404 look the same, so someone without access cannot learn that an item exists.
Whatever the request wrote is rolled back before the page is rendered: nothing half-written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Flask, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from espace.db import rollback_request_session

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ErrorPage:
    title: str
    explanation: str
    next_step: str


NOT_FOUND = ErrorPage(
    "Page introuvable",
    "Cette page n'existe pas ou vous n'y avez pas accès.",
    "Vérifiez l'adresse, ou revenez à l'accueil pour retrouver ce que vous cherchez.",
)

PAGES: dict[int, ErrorPage] = {
    400: ErrorPage(
        "Demande incorrecte",
        "Votre demande n'a pas pu être comprise.",
        "Revenez à la page précédente et réessayez.",
    ),
    403: NOT_FOUND,
    404: NOT_FOUND,
    405: ErrorPage(
        "Action impossible sur cette page",
        "Cette adresse ne permet pas cette action.",
        "Revenez à la page précédente et utilisez les boutons de la page.",
    ),
    413: ErrorPage(
        "Fichier trop volumineux",
        "Le fichier ou le formulaire envoyé dépasse la taille autorisée (5 Mo par fichier).",
        "Revenez à la page précédente et choisissez un fichier plus petit.",
    ),
    429: ErrorPage(
        "Trop de demandes",
        "Vous avez fait trop de demandes en peu de temps.",
        "Patientez quelques minutes puis réessayez.",
    ),
    500: ErrorPage(
        "Le service rencontre un problème",
        "Une erreur s'est produite de notre côté. Rien n'a été enregistré.",
        "Réessayez dans quelques minutes. Si le problème continue, contactez-nous.",
    ),
}

CSRF_PAGE = ErrorPage(
    "Le formulaire a expiré",
    "Pour votre sécurité, ce formulaire n'est plus valable (il a été ouvert il y a trop "
    "longtemps, ou dans un autre onglet).",
    "Revenez à la page précédente, rechargez-la, puis envoyez de nouveau le formulaire.",
)


def render_error(status: int, page: ErrorPage | None = None) -> tuple[str, int]:
    rollback_request_session()
    g.error_page = True  # the menu marks no current page: every 404 looks the same
    page = page or PAGES.get(status) or PAGES[500 if status >= 500 else 400]
    return render_template("errors/error.html", page=page, status=status, error_page=True), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_error: CSRFError) -> ResponseReturnValue:
        return render_error(400, CSRF_PAGE)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> ResponseReturnValue:
        body, status = render_error(error.code or 500)
        allow = [(name, value) for name, value in error.get_headers() if name == "Allow"]
        return body, status, allow

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> ResponseReturnValue:
        # The path only: query strings may carry search terms.
        log.exception("unhandled error on %s %s", request.method, request.path)
        return render_error(500)
