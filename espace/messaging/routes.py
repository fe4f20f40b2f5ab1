"""Views of /messagerie: the inbox, the unread count, search, a thread, replying, closing."""

from __future__ import annotations

from flask import abort, flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from wtforms import Form

from espace import clock
from espace.access import AccessError
from espace.auth.sessions import remember_search, remembered_search
from espace.db import get_session
from espace.files import file_store
from espace.files.sniffing import BY_MEDIA_TYPE, RefusedFile
from espace.messaging import bp, reading, services
from espace.messaging import facts as gathering
from espace.messaging.context import current_viewer, thread_or_404, unread_now
from espace.messaging.forms import (
    BODY_HINT,
    FILE_HINT,
    CloseForm,
    MessageForm,
    SaveForm,
    SearchForm,
)
from espace.messaging.rules import may_close, may_reply
from espace.messaging.search import LIMIT, search
from espace.messaging.viewer import Viewer
from espace.models import HealthSpace, Side, Thread
from espace.policy import Area
from espace.web.access import requires
from espace.web.htmx import render
from espace.web.paging import page_number


@bp.get("")
@requires(Area.MESSAGING)
def inbox() -> ResponseReturnValue:
    viewer = current_viewer()
    db, now = get_session(), clock.now()
    page = reading.inbox(db, viewer, page_number(request.args.get("page")), now)
    unread = unread_now(viewer)
    return render("messaging/inbox.html", viewer=viewer, page=page, unread=unread,
                  search_form=SearchForm(formdata=None))  # fmt: skip


@bp.get("/non-lus")
@requires(Area.MESSAGING)
def unread() -> ResponseReturnValue:
    """The count alone: a page without JavaScript; with htmx, the menu's badge refreshed
    out of band (requested at most once a minute, with X-Espace-Passive so the refresh
    never keeps a session alive)."""
    count = unread_now(current_viewer())
    seen = request.args.get("vu", "")
    grew = seen.isascii() and seen.isdigit() and len(seen) < 7 and count > int(seen)
    return render("messaging/unread.html", block="refresh", count=count, grew=grew)


@bp.route("/recherche", methods=["GET", "POST"])
@requires(Area.MESSAGING)
def find() -> ResponseReturnValue:
    """The words are posted, kept with the signed-in session, and the results shown at
    /messagerie/recherche (no words in the address: not in the browser's history, not in a
    server's logs). Coming back to the page, with the back button too, shows them again;
    each showing is a read, written to the history. A query string is ignored."""
    viewer, db = current_viewer(), get_session()
    if request.method == "POST":
        form = SearchForm()
        if not form.validate():
            return render("messaging/search.html", form=form, hits=None, viewer=viewer,
                          status=422)  # fmt: skip
        remember_search(db, session["sid"], form.q.data, viewer.space_id)
        return redirect(url_for("messaging.find"), 303)
    words = remembered_search(db, session["sid"], viewer.space_id)
    form = SearchForm(formdata=None, q=words)
    if words is None:
        return render("messaging/search.html", form=form, hits=None, viewer=viewer)
    hits = search(db, viewer, words, clock.now())
    return render("messaging/search.html", form=form, hits=hits, viewer=viewer, limit=LIMIT)


def save_form(attachment_id: int, formdata: bool = False) -> SaveForm:
    prefix = f"pj{attachment_id}"
    return SaveForm(prefix=prefix) if formdata else SaveForm(prefix=prefix, formdata=None)


def render_thread(
    viewer: Viewer,
    thread: Thread,
    *,
    reply: MessageForm | None = None,
    failed: Form | None = None,
    failed_attachment: int | None = None,
    unsent: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    """The thread page (read: one history entry), with the reply form or why there is
    none, and, on the holder's side, a "save into my documents" form per attachment."""
    db, now = get_session(), clock.now()
    view = reading.read_thread(db, viewer, thread, page_number(request.args.get("page")), now)
    facts = gathering.gather(db, viewer.actor, view.space, thread.professional, now)
    closed = thread.closed_at is not None
    reply_decision = may_reply(facts, closed)
    reply = reply or MessageForm(formdata=None)
    unread = unread_now(viewer)
    save_forms = {}
    if viewer.side == Side.HOLDER:
        for shown in view.messages.items:
            for attachment in shown.attachments:
                save_forms[attachment.id] = (
                    failed if attachment.id == failed_attachment else save_form(attachment.id)
                )
    return render(
        "messaging/thread.html",
        viewer=viewer,
        view=view,
        reply_form=reply,
        form=failed or reply,  # whose errors the summary and the title tell
        may_reply=reply_decision.allowed,
        reply_refusal=None if reply_decision or closed else reply_decision.reason,
        may_close=may_close(facts, closed).allowed,
        save_forms=save_forms,
        file_types=BY_MEDIA_TYPE,
        body_hint=BODY_HINT,
        file_hint=FILE_HINT,
        unsent=unsent,
        unread=unread,
        status=status,
    )


@bp.get("/<int:thread_id>")
@requires(Area.MESSAGING)
def thread(thread_id: int) -> ResponseReturnValue:
    viewer = current_viewer()
    return render_thread(viewer, thread_or_404(viewer, thread_id))


@bp.post("/<int:thread_id>/repondre")
@requires(Area.MESSAGING)
def reply(thread_id: int) -> ResponseReturnValue:
    viewer = current_viewer()
    found = thread_or_404(viewer, thread_id)
    form = MessageForm()
    valid, upload = form.validate_with_file(request.files)
    if not valid:
        return render_thread(viewer, found, reply=form, failed=form, status=422)
    db = get_session()
    try:
        message = services.reply(db, file_store(), viewer.actor, found, body=form.body.data,
                                 upload=upload, now=clock.now())  # fmt: skip
    except AccessError as refused:
        # Closed meanwhile, or no longer allowed: say why, and give the text back.
        db.rollback()
        flash(f"{refused.message} Votre message n'a pas été envoyé.", "error")
        return render_thread(viewer, found, unsent=form.body.data, status=409)
    except RefusedFile as refused:
        db.rollback()
        form.fail(form.file, f"{refused} Choisissez de nouveau le fichier.")
        return render_thread(viewer, found, reply=form, failed=form, status=422)
    flash("Votre message est envoyé.", "success")
    return redirect(url_for("messaging.thread", thread_id=thread_id) + f"#message-{message.id}")


@bp.route("/<int:thread_id>/clore", methods=["GET", "POST"])
@requires(Area.MESSAGING)
def close(thread_id: int) -> ResponseReturnValue:
    """The professional closes the thread, with a reason the holder reads."""
    viewer = current_viewer()
    found = thread_or_404(viewer, thread_id)
    db, now = get_session(), clock.now()
    space = db.get(HealthSpace, found.space_id)
    facts = gathering.gather(db, viewer.actor, space, found.professional, now)
    if not may_close(facts, found.closed_at is not None):
        abort(404)  # the holder, or a thread already closed: like a missing page
    form = CloseForm() if request.method == "POST" else CloseForm(formdata=None)
    if request.method == "GET" or not form.validate():
        reading.record_view(db, viewer, space, found, now)
        status = 200 if request.method == "GET" else 422
        return render("messaging/close.html", form=form, thread=found, space=space, status=status)
    services.close_thread(db, viewer.actor, found, form.reason.data, now)
    flash("La conversation est close. Le patient voit le motif et ne peut plus y répondre.",
          "success")  # fmt: skip
    return redirect(url_for("messaging.thread", thread_id=thread_id))
