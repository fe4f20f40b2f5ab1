"""The rules of access, checked against a reference model written from DOMAIN.md alone.

Hypothesis draws every combination of profession, category, status, care team, consent,
emergency (and its consents), block, GP, author, masked and "mask everything"; the policy
(its Python decision and its SQL filter for lists) must agree with the model every time.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from espace.models import (
    AuthorKind,
    Block,
    CareTeamMember,
    ConsultationConsent,
    Document,
    DocumentCategory,
    EmergencyAccess,
    EmergencyMode,
    SpaceStatus,
    StoredFile,
)
from espace.policy import matrix
from espace.policy.access import professional_access
from espace.policy.rules import DocumentFacts, SpaceFacts, document_decision
from tests.factories import make_holder, make_professional

CSV = Path(__file__).resolve().parent.parent / "espace" / "reference" / "habilitations.csv"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def matrix_from_csv() -> dict[tuple[str, str], bool]:
    """Read the matrix again, independently of the application's loader."""
    with CSV.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    return {(row[0], header[i]): row[i] == "1" for row in rows[1:] for i in range(2, len(header))}


MATRIX = matrix_from_csv()
PROFESSIONS = [*sorted({code for code, _ in MATRIX}), "99"]  # 99: not in the matrix


def model(case: dict) -> bool:
    """DOMAIN.md, "Who may see what", rules 1 to 6, read literally."""
    if case["status"] not in {SpaceStatus.OPEN, SpaceStatus.ACTIVE}:
        return False
    if not MATRIX.get((case["profession"], case["category"].value), False):
        return False
    emergency = (case["emergency"] == EmergencyMode.EMERGENCY and case["emergency_consent"]) or (
        case["emergency"] == EmergencyMode.SAMU and case["samu_consent"]
    )
    if not (case["care_team"] or case["consent"] or case["is_gp"] or emergency):
        return False
    if case["blocked"] and not case["is_gp"]:
        return False
    if case["masked"] and not (case["is_author"] or case["is_gp"]):
        return False
    return not case["mask_all"]


CASES = st.fixed_dictionaries(
    {
        "status": st.sampled_from(list(SpaceStatus)),
        "profession": st.sampled_from(PROFESSIONS),
        "category": st.sampled_from(list(DocumentCategory)),
        "care_team": st.booleans(),
        "care_team_removed": st.booleans(),
        "consent": st.booleans(),
        "consent_expired": st.booleans(),
        "emergency": st.sampled_from([None, EmergencyMode.EMERGENCY, EmergencyMode.SAMU]),
        "emergency_expired": st.booleans(),
        "emergency_consent": st.booleans(),
        "samu_consent": st.booleans(),
        "blocked": st.booleans(),
        "is_gp": st.booleans(),
        "is_author": st.booleans(),
        "masked": st.booleans(),
        "mask_all": st.booleans(),
    }
)


def effective(case: dict) -> dict:
    """A removed member, an expired consent or emergency count as absent."""
    return {
        **case,
        "care_team": case["care_team"] and not case["care_team_removed"],
        "consent": case["consent"] and not case["consent_expired"],
        "emergency": None if case["emergency_expired"] else case["emergency"],
    }


def test_the_matrix_is_loaded_cell_by_cell_from_the_csv():
    assert len(MATRIX) == 11 * 10
    for (profession, column), allowed in MATRIX.items():
        assert matrix.may_read(profession, column) is allowed, (profession, column)
    assert matrix.readable("99") == frozenset()


@settings(max_examples=2000, deadline=None)
@given(CASES)
def test_the_pure_rules_agree_with_the_model(case):
    case = effective(case)
    facts = SpaceFacts(
        space_open=case["status"] in {SpaceStatus.OPEN, SpaceStatus.ACTIVE},
        is_gp=case["is_gp"],
        in_care_team=case["care_team"],
        has_consent=case["consent"],
        emergency=None,
        blocked=case["blocked"],
        mask_all=case["mask_all"],
    )
    emergency_ok = (case["emergency"] == EmergencyMode.EMERGENCY and case["emergency_consent"]) or (
        case["emergency"] == EmergencyMode.SAMU and case["samu_consent"]
    )
    if emergency_ok:
        from espace.policy.rules import Basis

        facts = SpaceFacts(**{**facts.__dict__, "emergency": Basis.EMERGENCY})
    decision = document_decision(
        facts,
        DocumentFacts(
            profession_may_read=MATRIX.get((case["profession"], case["category"].value), False),
            masked=case["masked"],
            is_author=case["is_author"],
        ),
    )
    assert decision.allowed is model(case)
    assert decision.reason  # every decision says why


def build(db, case: dict, now: datetime = NOW, professional=None):
    """The case as rows in the database; returns (professional, space, document)."""
    space = make_holder(
        db,
        status=case["status"],
        mask_all=case["mask_all"],
        emergency_consent=case["emergency_consent"],
        samu_consent=case["samu_consent"],
    )
    professional = professional or make_professional(db, profession_code=case["profession"])
    other = make_professional(db)
    if case["is_gp"]:
        space.gp_professional_id = professional.id
    if case["care_team"]:
        removed = now - timedelta(days=1) if case["care_team_removed"] else None
        db.add(
            CareTeamMember(
                space_id=space.id,
                professional_id=professional.id,
                joined_at=now - timedelta(days=30),
                removed_at=removed,
            )
        )
    if case["consent"]:
        ends = now - timedelta(minutes=1) if case["consent_expired"] else now + timedelta(hours=1)
        db.add(
            ConsultationConsent(
                space_id=space.id,
                professional_id=professional.id,
                granted_at=now - timedelta(hours=3),
                expires_at=ends,
            )
        )
    if case["emergency"] is not None:
        ends = now - timedelta(minutes=1) if case["emergency_expired"] else now + timedelta(hours=2)
        db.add(
            EmergencyAccess(
                space_id=space.id,
                professional_id=professional.id,
                mode=case["emergency"],
                reason_category="inconscient",
                reason_text="Patient inconscient à son domicile, appel du 15.",
                started_at=now - timedelta(hours=22),
                expires_at=ends,
            )
        )
    if case["blocked"]:
        db.add(Block(space_id=space.id, professional_id=professional.id, created_at=now))
    stored = StoredFile(
        storage_name=f"x{space.id}",
        sha256="0" * 64,
        size=1,
        media_type="application/pdf",
        original_name="x.pdf",
        created_at=now,
    )
    document = Document(
        space_id=space.id,
        title="Document",
        category=case["category"],
        document_date=date(2026, 1, 1),
        author_kind=AuthorKind.PROFESSIONAL,
        author_professional_id=professional.id if case["is_author"] else other.id,
        file=stored,
        masked=case["masked"],
        created_at=now,
        updated_at=now,
    )
    db.add(document)
    db.flush()
    return professional, space, document


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(CASES)
def test_the_policy_on_real_rows_and_its_sql_filter_agree_with_the_model(db, case):
    try:
        professional, space, document = build(db, case)
        access = professional_access(db, professional, space, NOW)
        expected = model(effective(case))
        assert access.document(document).allowed is expected
        listed = db.scalar(
            select(func.count()).select_from(Document).where(access.document_filter())
        )
        assert listed == (1 if expected else 0)
    finally:
        db.rollback()


@pytest.mark.parametrize(
    ("case", "allowed"),
    [
        # GP sees a masked document; cannot be blocked.
        ({"is_gp": True, "masked": True, "blocked": True}, True),
        # The author sees their masked document; another professional does not.
        ({"care_team": True, "masked": True, "is_author": True}, True),
        ({"care_team": True, "masked": True}, False),
        # "Mask everything" hides from everyone: GP, author, emergency.
        ({"is_gp": True, "mask_all": True}, False),
        ({"emergency": EmergencyMode.EMERGENCY, "mask_all": True}, False),
        # Emergency follows its consent; SAMU follows the second one.
        ({"emergency": EmergencyMode.EMERGENCY, "emergency_consent": False}, False),
        ({"emergency": EmergencyMode.SAMU, "emergency_consent": False}, True),
        ({"emergency": EmergencyMode.SAMU, "samu_consent": False}, False),
        # A closed, opposed or notified space gives nothing, even to the GP.
        ({"is_gp": True, "status": SpaceStatus.CLOSED}, False),
        ({"is_gp": True, "status": SpaceStatus.OPPOSED}, False),
        ({"is_gp": True, "status": SpaceStatus.NOTIFIED}, False),
        # Outside the care team, nothing without consent.
        ({}, False),
        ({"consent": True}, True),
        # The matrix: an optician reads prescriptions only; a pharmacist no imaging.
        ({"care_team": True, "profession": "28", "category": DocumentCategory.PRESCRIPTION}, True),
        ({"care_team": True, "profession": "28", "category": DocumentCategory.COMPTE_RENDU}, False),
        ({"care_team": True, "profession": "21", "category": DocumentCategory.IMAGERIE}, False),
    ],
)
def test_the_explicit_cases_of_domain_md(db, case, allowed):
    full = {
        "status": SpaceStatus.ACTIVE,
        "profession": "10",
        "category": DocumentCategory.COMPTE_RENDU,
        "care_team": False,
        "care_team_removed": False,
        "consent": False,
        "consent_expired": False,
        "emergency": None,
        "emergency_expired": False,
        "emergency_consent": True,
        "samu_consent": True,
        "blocked": False,
        "is_gp": False,
        "is_author": False,
        "masked": False,
        "mask_all": False,
        **case,
    }
    professional, space, document = build(db, full)
    assert professional_access(db, professional, space, NOW).document(document).allowed is allowed
    assert model(full) is allowed
    db.rollback()


def test_nothing_is_cached_a_block_holds_from_the_next_call(db):
    case = {
        "status": SpaceStatus.ACTIVE,
        "profession": "60",
        "category": DocumentCategory.SYNTHESE,
        "care_team": True,
        "care_team_removed": False,
        "consent": False,
        "consent_expired": False,
        "emergency": None,
        "emergency_expired": False,
        "emergency_consent": True,
        "samu_consent": True,
        "blocked": False,
        "is_gp": False,
        "is_author": False,
        "masked": False,
        "mask_all": False,
    }
    professional, space, document = build(db, case)
    assert professional_access(db, professional, space, NOW).document(document)
    db.add(Block(space_id=space.id, professional_id=professional.id, created_at=NOW))
    db.flush()
    refused = professional_access(db, professional, space, NOW).document(document)
    assert not refused and refused.reason == "le titulaire a bloqué ce professionnel"
    db.rollback()


PAGE_CASES = CASES.filter(lambda case: case["profession"] != "99")


BASE_CASE = {
    "status": SpaceStatus.ACTIVE,
    "profession": "10",
    "category": DocumentCategory.COMPTE_RENDU,
    "care_team": True,
    "care_team_removed": False,
    "consent": False,
    "consent_expired": False,
    "emergency": None,
    "emergency_expired": False,
    "emergency_consent": True,
    "samu_consent": True,
    "blocked": False,
    "is_gp": False,
    "is_author": False,
    "masked": False,
    "mask_all": False,
}


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(PAGE_CASES)
@example(
    {**BASE_CASE, "masked": True}
)  # always tried: masked, and the professional is not the author
@example({**BASE_CASE, "masked": True, "is_author": True})
@example({**BASE_CASE, "profession": "21", "category": DocumentCategory.IMAGERIE})
@example({**BASE_CASE, "care_team": False, "is_gp": True, "masked": True, "blocked": True})
def test_the_professional_pages_agree_with_the_model(app, login_as, db, case):
    """What /pro shows a professional (the list, the document page) is what the model allows."""
    from espace.models import Account

    clients = getattr(test_the_professional_pages_agree_with_the_model, "clients", None)
    if clients is None:
        clients = {}
        for code in PROFESSIONS[:-1]:
            professional = make_professional(db, profession_code=code)
            account = db.get(Account, professional.account_id)
            db.commit()
            clients[code] = (
                professional.id,
                login_as(account.email, password="Mot-de-passe-de-test-1"),
            )
        test_the_professional_pages_agree_with_the_model.clients = clients  # type: ignore[attr-defined]
    professional_id, client = clients[case["profession"]]
    from espace import clock
    from espace.models import Professional

    professional = db.get(Professional, professional_id)
    _, space, document = build(db, case, now=clock.now(), professional=professional)
    db.commit()
    expected = model(effective(case))
    listing = client.get(f"/pro/patients/{space.id}")
    detail = client.get(f"/pro/patients/{space.id}/documents/{document.id}")
    assert (detail.status_code == 200) is expected, (case, detail.status_code)
    shown = f"/pro/patients/{space.id}/documents/{document.id}" in listing.get_data(as_text=True)
    assert shown is expected, case
