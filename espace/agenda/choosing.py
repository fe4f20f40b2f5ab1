"""With whom: a professional of the directory, or free text, chosen without JavaScript.

The person types a name. On submit, when professionals of the directory match it, the form
comes back with them as radios (and "none of these: keep what I typed"); the hidden field
``searched`` remembers which text the radios answer, so changing the name asks again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from espace.agenda.forms import AppointmentForm
from espace.directory import search
from espace.models import Professional
from espace.web.forms import choices

KEEP_TEXT = "texte"
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class Chosen:
    professional: Professional | None
    text: str | None


def label(professional: Professional) -> str:
    parts = [professional.display_name, professional.profession]
    if professional.specialty:
        parts.append(professional.specialty)
    sites = professional.sites
    town = f" – {sites[0].postal_line}" if sites and sites[0].postal_line else ""
    return ", ".join(parts) + town


def candidates(db: Session, typed: str, linked: Professional | None = None) -> list[Professional]:
    """Professionals of the directory whose name matches, at most ``MAX_CANDIDATES``; the
    one already chosen (when changing an appointment) first."""
    results = search.search(db, search.SearchRequest(name=typed))
    found = [p for p in results.professionals if p.retired_at is None][:MAX_CANDIDATES]
    if linked is not None:
        found = [linked, *(p for p in found if p.id != linked.id)][:MAX_CANDIDATES]
    return found


def _offer(form: AppointmentForm, found: list[Professional], typed: str) -> None:
    form.searched.data = typed
    form.professional_choice.choices = choices(
        [
            *((str(p.id), label(p)) for p in found),
            (KEEP_TEXT, f"Aucun de ces professionnels : garder « {typed} » tel que saisi"),
        ]
    )


def prepare(db: Session, form: AppointmentForm, linked: Professional | None) -> None:
    """For a form shown from saved data: the linked professional already chosen."""
    if linked is None:
        return
    form.professional.data = linked.display_name
    _offer(form, candidates(db, linked.display_name, linked), linked.display_name)
    form.professional_choice.data = str(linked.id)


def choose(db: Session, form: AppointmentForm, linked: Professional | None = None) -> Chosen | None:
    """What the form says about the professional, or None when the person must pick one
    of the matching professionals first (the radios and the message are on the form)."""
    typed = form.professional.data or ""
    if not typed or form.professional.errors:
        return Chosen(None, None) if not typed else None
    answered = form.searched.data == typed  # the radios shown were for this very text
    found = candidates(db, typed, linked if linked and linked.display_name == typed else None)
    if not found:
        return Chosen(None, typed)
    choice = form.professional_choice.data if answered else None
    _offer(form, found, typed)
    if choice == KEEP_TEXT:
        return Chosen(None, typed)
    picked = next((p for p in found if str(p.id) == choice), None)
    if picked is not None:
        return Chosen(picked, None)
    form.professional_choice.data = None
    form.fail(
        form.professional_choice,
        "Choisissez le professionnel dans la liste de l'annuaire, ou « Aucun de ces "
        "professionnels » pour garder le nom tel que vous l'avez saisi.",
    )
    return None
