"""Notices (CSP R1111-28): the e-mail sent at once, or the letter the operator prints.

The activation code is drawn when the e-mail goes out or the letter is printed, so only
its hash is ever stored. The opposition window runs from the first notice that actually
reaches the person: an e-mail when it is sent, a letter when it is first printed.
E-mails carry the code and dates, never health data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from espace import mail
from espace.lifecycle.codes import CODE_LIFETIME, draw_code, grouped, spelled
from espace.models import HealthSpace, Notice, NoticeChannel, SpaceStatus
from espace.web.filters import date_fr

SUBJECT = "Votre espace santé : votre code d'activation"
OPENED_SUBJECT = "Votre espace santé est ouvert : activez-le"


def opposition_days() -> int:
    return int(current_app.config["OPPOSITION_DAYS"])


def window_end(db: Session, space: HealthSpace) -> datetime | None:
    """The end of the opposition window: counted from the first notice that went out (or,
    while none has, from the notice waiting to be printed)."""
    sent = db.scalar(
        select(func.min(Notice.window_ends_at)).where(
            Notice.space_id == space.id,
            (Notice.sent_at.is_not(None)) | (Notice.printed_at.is_not(None)),
        )
    )
    if sent is not None:
        return sent
    return db.scalar(select(func.min(Notice.window_ends_at)).where(Notice.space_id == space.id))


def has_postal_address(space: HealthSpace) -> bool:
    return bool(space.address_line and space.postcode and space.town)


def email_notice(
    db: Session,
    space: HealthSpace,
    now: datetime,
    batch_id: int | None = None,
    fresh: bool = False,
) -> Notice:
    """The notice by e-mail, sent now with a fresh code; the window starts now."""
    notice = Notice(
        space_id=space.id,
        batch_id=batch_id,
        channel=NoticeChannel.EMAIL,
        created_at=now,
        window_ends_at=now + timedelta(days=opposition_days()),
        sent_at=now,
    )
    db.add(notice)
    space.notice_sent_at = now
    send_code_email(db, space, draw_code(db, space, now, fresh), now, notice.window_ends_at)
    return notice


def letter_notice(
    db: Session,
    space: HealthSpace,
    now: datetime,
    batch_id: int | None = None,
    fresh: bool = False,
) -> Notice:
    """A letter queued for printing; its window is settled when it is first printed
    (``fresh``: a new space, with no earlier notice to look up)."""
    earlier = None if fresh else window_end(db, space)
    notice = Notice(
        space_id=space.id,
        batch_id=batch_id,
        channel=NoticeChannel.LETTER,
        created_at=now,
        window_ends_at=earlier or now + timedelta(days=opposition_days()),
    )
    db.add(notice)
    return notice


def open_notice(db: Session, space: HealthSpace, now: datetime) -> Notice | None:
    """For a space opened at once (a migrated DMP): a code by e-mail, or a letter to print.
    None when there is nowhere to send it."""
    if space.email_on_file:
        notice = Notice(
            space_id=space.id,
            channel=NoticeChannel.EMAIL,
            created_at=now,
            window_ends_at=now,
            sent_at=now,
        )
        db.add(notice)
        space.notice_sent_at = space.notice_sent_at or now
        send_code_email(db, space, draw_code(db, space, now), now, None)
        return notice
    if has_postal_address(space):
        waiting = db.scalar(
            select(Notice).where(
                Notice.space_id == space.id,
                Notice.channel == NoticeChannel.LETTER,
                Notice.printed_at.is_(None),
            )
        )
        if waiting is not None:  # it will carry a fresh code when printed
            return waiting
        notice = Notice(
            space_id=space.id, channel=NoticeChannel.LETTER, created_at=now, window_ends_at=now
        )
        db.add(notice)
        return notice
    return None


def send_code_email(
    db: Session,
    space: HealthSpace,
    code: str,
    now: datetime,
    window_ends_at: datetime | None,
    replaced: bool = False,
) -> None:
    assert space.email_on_file  # noqa: S101 - callers check there is an address
    base = current_app.config["PUBLIC_URL"]
    lines = [
        f"Bonjour {space.full_name},",
        "",
        f"Votre code d'activation : {grouped(code)}",
        f"Il est valable jusqu'au {date_fr(now + CODE_LIFETIME)} et ne sert qu'une fois.",
    ]
    if replaced:
        lines.append("Ce code remplace le précédent, qui ne marche plus.")
    lines += ["", *_explanation(space, window_ends_at, now, base)]
    mail.send_on_commit(
        db, mail.Email(to=space.email_on_file, subject=SUBJECT, body="\n".join(lines))
    )


def _explanation(
    space: HealthSpace, window_ends_at: datetime | None, now: datetime, base: str
) -> list[str]:
    if space.status == SpaceStatus.NOTIFIED and window_ends_at and window_ends_at > now:
        return [
            "L'Assurance maladie crée votre espace santé : un espace numérique gratuit et "
            "sécurisé pour garder vos documents de santé et échanger avec les "
            "professionnels qui vous soignent.",
            "",
            "Vous ne voulez pas d'espace santé ?",
            f"Vous pouvez refuser sa création jusqu'au {date_fr(window_ends_at)}, sur "
            f"{base}/opposition, avec ce code, votre numéro de sécurité sociale et votre "
            "date de naissance. Vous pouvez aussi écrire à votre caisse d'Assurance "
            "maladie. Rien ne sera gardé.",
            "",
            "Sans refus de votre part, votre espace sera ouvert après cette date.",
            f"Pour l'utiliser, activez-le sur {base}/activation avec ce code.",
            "",
            "Vous pourrez fermer votre espace à tout moment : une fois connecté, dans "
            "« Mon espace ».",
        ]
    return [
        "Votre espace santé est ouvert : il peut déjà recevoir vos documents de santé.",
        f"Pour le consulter, activez-le sur {base}/activation avec ce code.",
        "",
        "Vous ne souhaitez pas le garder ? Vous pouvez le fermer à tout moment : une fois "
        "connecté, dans « Mon espace », ou en écrivant à votre caisse d'Assurance maladie.",
    ]


def send_opened_email(db: Session, space: HealthSpace) -> None:
    """The window has passed: the space is open, and waits to be activated."""
    if not space.email_on_file:
        return
    base = current_app.config["PUBLIC_URL"]
    body = "\n".join(
        [
            f"Bonjour {space.full_name},",
            "",
            "Votre espace santé est ouvert : il peut maintenant recevoir vos documents de santé.",
            "",
            f"Pour le consulter, activez-le sur {base}/activation avec le code d'activation "
            "reçu dans notre premier e-mail « Votre espace santé ».",
            f"Code perdu ou expiré ? Demandez-en un nouveau sur {base}/activation/nouveau-code.",
            "",
            "Vous ne souhaitez pas le garder ? Vous pouvez le fermer à tout moment : une fois "
            "connecté, dans « Mon espace », ou en écrivant à votre caisse d'Assurance maladie.",
        ]
    )
    mail.send_on_commit(db, mail.Email(to=space.email_on_file, subject=OPENED_SUBJECT, body=body))


@dataclass(frozen=True)
class Letter:
    """One printed letter: what the print page shows (the plain code exists only here)."""

    notice_id: int
    name: str
    address_line: str
    postcode: str
    town: str
    code: str
    code_spelled: str
    code_expires: datetime
    window_ends_at: datetime | None  # None: the space is already open
    printed_at: datetime


def print_letter(db: Session, notice: Notice, space: HealthSpace, now: datetime) -> Letter:
    """Draw the letter's code (earlier unused ones stop working) and mark it printed."""
    first_contact = space.notice_sent_at is None
    if first_contact and space.status == SpaceStatus.NOTIFIED and notice.printed_at is None:
        notice.window_ends_at = max(notice.window_ends_at, now + timedelta(days=opposition_days()))
        space.notice_sent_at = now
    notice.printed_at = now
    db.flush()
    code = draw_code(db, space, now)
    end = window_end(db, space)
    still_open_to_opposition = (
        space.status == SpaceStatus.NOTIFIED and end is not None and end > now
    )
    return Letter(
        notice_id=notice.id,
        name=space.full_name,
        address_line=space.address_line or "",
        postcode=space.postcode or "",
        town=space.town or "",
        code=grouped(code),
        code_spelled=spelled(code),
        code_expires=now + CODE_LIFETIME,
        window_ends_at=end if still_open_to_opposition else None,
        printed_at=now,
    )
