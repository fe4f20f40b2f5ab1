"""The history: a hash chain that `audit verify` checks, naming the first bad entry."""

from __future__ import annotations

import pytest
from sqlalchemy import text, update

from espace.actors import Actor
from espace.audit import record
from espace.audit.chain import GENESIS, entry_hash, verify
from espace.models import AuditEntry, AuditHead
from tests.factories import make_holder


@pytest.fixture
def app(make_app):
    return make_app(seeded=False)


@pytest.fixture
def chain(app, db):
    """Twenty entries, written through the service, on an otherwise empty history."""
    space = make_holder(db)
    db.commit()
    with app.app_context():
        for n in range(20):
            record(db, Actor.system(), "document.viewed", space, target_type="document",
                   target_id=n + 1, category="prescription")  # fmt: skip
    db.commit()
    return db


def run_verify(app):
    return app.test_cli_runner().invoke(args=["audit", "verify"])


def test_an_untouched_chain_verifies(app, chain):
    result = run_verify(app)
    assert result.exit_code == 0, result.output
    assert "OK : 20 entrées vérifiées" in result.output
    first = chain.get(AuditEntry, 1)
    assert first.prev_hash == GENESIS and first.hash == entry_hash(first)
    assert chain.get(AuditEntry, 2).prev_hash == first.hash
    head = chain.get(AuditHead, 1)
    assert (head.seq, head.hash) == (20, chain.get(AuditEntry, 20).hash)


def test_an_edited_entry_is_named(app, chain):
    chain.execute(update(AuditEntry).where(AuditEntry.seq == 7).values(target_id=999))
    chain.commit()
    result = run_verify(app)
    assert result.exit_code == 1
    assert "entrée 7 : contenu modifié" in result.output


def test_an_edited_entry_with_its_hash_recomputed_is_still_caught(app, chain):
    entry = chain.get(AuditEntry, 7)
    entry.category = "compte_rendu"
    entry.hash = entry_hash(entry)
    chain.commit()
    result = run_verify(app)
    assert result.exit_code == 1 and "entrée 8" in result.output


def test_a_deleted_entry_is_named(app, chain):
    chain.execute(text("DELETE FROM audit_entry WHERE seq = 5"))
    chain.commit()
    result = run_verify(app)
    assert result.exit_code == 1 and "entrée 5 manquante" in result.output


def test_a_deleted_last_entry_is_caught_by_the_head(app, chain):
    chain.execute(text("DELETE FROM audit_entry WHERE seq = 20"))
    chain.commit()
    result = run_verify(app)
    assert result.exit_code == 1 and "annonce 20 entrées, 19 trouvées" in result.output


def test_an_inserted_entry_is_named(app, chain):
    # Make room and slip an entry in between 10 and 11, with a valid-looking hash.
    chain.execute(text("UPDATE audit_entry SET seq = seq + 1000 WHERE seq > 10"))
    chain.execute(text("UPDATE audit_entry SET seq = seq - 999 WHERE seq > 1000"))
    forged = AuditEntry(
        seq=11, occurred_at=chain.get(AuditEntry, 10).occurred_at, space_id=None,
        event="document.deleted", actor_role="holder", prev_hash=chain.get(AuditEntry, 10).hash,
        hash="",
    )  # fmt: skip
    forged.hash = entry_hash(forged)
    chain.add(forged)
    chain.commit()
    result = run_verify(app)
    assert result.exit_code == 1 and "entrée 12" in result.output


def test_two_swapped_entries_are_named(app, chain):
    chain.execute(text("UPDATE audit_entry SET seq = -1 WHERE seq = 3"))
    chain.execute(text("UPDATE audit_entry SET seq = 3 WHERE seq = 4"))
    chain.execute(text("UPDATE audit_entry SET seq = 4 WHERE seq = -1"))
    chain.commit()
    result = run_verify(app)
    assert result.exit_code == 1 and "entrée 3" in result.output


def test_an_empty_history_verifies(app):
    assert run_verify(app).exit_code == 0


def test_the_demo_history_verifies(make_app):
    result = run_verify(make_app(seeded=True))
    assert result.exit_code == 0 and "OK" in result.output


def test_an_event_that_is_not_declared_or_lacks_a_field_is_refused(app, db):
    with app.app_context():
        with pytest.raises(KeyError, match="not declared"):
            record(db, Actor.system(), "document.imagined")
        with pytest.raises(ValueError, match="needs category, target_id"):
            record(db, Actor.system(), "document.viewed")
    db.rollback()


def test_verify_function_reports_the_head_hash(app, chain):
    result = verify(chain)
    assert result.ok and result.checked == 20
    assert result.head_hash == chain.get(AuditHead, 1).hash
