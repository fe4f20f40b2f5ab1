"""Feedback from workshops and pilot testers: stored with its context, exported safely."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException

from espace.clock import PARIS
from espace.models import Feedback, WorkshopSession

WORKED = {"oui": "Oui", "en_partie": "En partie", "non": "Non"}
# A spreadsheet would run a cell starting like this as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def local_path(path: str | None) -> str:
    """A path of this site, without query string (where the person goes back after sending)."""
    path = (path or "/").split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path[:300]


def page_pattern(path: str | None) -> str:
    """The page as its URL pattern ("/documents/<int:document_id>"): never an identifier, a
    query string or a search that could say something about someone's health; and answers
    about the same page group together. An unknown path is "/"."""
    try:
        rule, _ = current_app.url_map.bind("localhost").match(
            local_path(path), method="GET", return_rule=True
        )
    except HTTPException:
        return "/"
    return str(rule.rule)[:200]


def give(
    db: Session,
    *,
    page: str,
    persona: str | None,
    session_id: int | None,
    trying: str,
    worked: str,
    hard: str | None,
    rating: int | None,
    now: datetime,
) -> Feedback:
    feedback = Feedback(
        page=page_pattern(page),
        persona=persona,
        session_id=session_id,
        trying=trying,
        worked=worked,
        hard=hard or None,
        rating=rating,
        created_at=now,
    )
    db.add(feedback)
    db.flush()
    return feedback


@dataclass(frozen=True)
class Group:
    session: WorkshopSession | None
    page: str
    answers: list[Feedback]


def grouped(db: Session, session_id: int | None = None) -> list[Group]:
    """Answers by session, then page, newest first inside each group."""
    query = select(Feedback).order_by(
        Feedback.session_id, Feedback.page, Feedback.created_at.desc()
    )
    if session_id is not None:
        query = query.where(Feedback.session_id == session_id)
    sessions = {s.id: s for s in db.scalars(select(WorkshopSession))}
    groups: dict[tuple[int | None, str], list[Feedback]] = {}
    for feedback in db.scalars(query):
        groups.setdefault((feedback.session_id, feedback.page), []).append(feedback)
    return [
        Group(sessions.get(sid) if sid else None, page, answers)
        for (sid, page), answers in groups.items()
    ]


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def as_csv(db: Session, session_id: int | None = None) -> str:
    """For the synthesis, in a spreadsheet: `;` separated, cells that could be formulas
    neutralised with a leading apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "séance",
            "page",
            "persona",
            "date",
            "ce que la personne voulait faire",
            "ça a marché",
            "ce qui était difficile",
            "note sur 5",
        ]
    )
    for group in grouped(db, session_id):
        for answer in group.answers:
            writer.writerow(
                safe_cell(cell)
                for cell in (
                    group.session.name if group.session else "",
                    answer.page,
                    answer.persona or "",
                    answer.created_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M"),
                    answer.trying,
                    WORKED.get(answer.worked, answer.worked),
                    answer.hard or "",
                    answer.rating or "",
                )
            )
    return "\ufeff" + out.getvalue()  # the BOM tells spreadsheets it is UTF-8
