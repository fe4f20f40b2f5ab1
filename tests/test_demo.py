"""The demo data: every persona of CONTRACT.md, loaded by ``demo seed``."""

from __future__ import annotations

from sqlalchemy import func, select

from espace.db import get_session
from espace.demo.personas import PERSONAS, SPACES
from espace.models import Account, HealthSpace, Professional, Role, SpaceStatus


def test_demo_seed_loads_every_persona_on_an_empty_database(make_app):
    app = make_app(seeded=False)
    result = app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    assert "Espace-Demo-2026" in result.output
    with app.app_context():
        db = get_session()
        emails = set(db.scalars(select(Account.email)))
        assert emails == {p.email for p in PERSONAS if p.email}
        for seed in SPACES:
            space = db.scalars(select(HealthSpace).where(HealthSpace.nir == seed.nir)).one()
            assert space.birth_date == seed.birth_date
        lea = db.scalars(select(HealthSpace).where(HealthSpace.given_name == "Léa")).one()
        assert lea.holder is None and lea.status == SpaceStatus.OPEN
        with_account = select(Professional).where(Professional.account_id.is_not(None))
        durand = db.scalars(with_account.where(Professional.family_name == "Durand")).one()
        assert (durand.profession_code, durand.account.email) == ("10", "sophie.durand@example.org")
        codes = {p.account.email: p.profession_code for p in db.scalars(with_account)}
        assert codes["paul.leroy@example.org"] == "21"
        assert codes["amina.diallo@example.org"] == "60"
        assert codes["marc.roux@example.org"] == "70"
        assert codes["urgence.samu@example.org"] == "10"
        roles = dict(db.execute(select(Account.email, Account.role)).all())
        assert roles["agent.cpam@example.org"] == Role.OPERATOR
        assert roles["animation@example.org"] == Role.FACILITATOR


def test_demo_seed_refuses_a_database_with_data_but_if_empty_is_quiet(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code != 0 and "demo reset" in result.output
    result = runner.invoke(args=["demo", "seed", "--if-empty"])
    assert result.exit_code == 0 and "rien à charger" in result.output


def test_demo_reset_brings_back_the_personas(app, db):
    db.execute(Account.__table__.update().values(display_name="changé"))
    db.commit()
    result = app.test_cli_runner().invoke(args=["demo", "reset", "--yes"])
    assert result.exit_code == 0, result.output
    db.reload()
    assert db.scalar(select(func.count()).where(Account.display_name == "changé")) == 0
    assert db.scalar(select(func.count()).select_from(Account)) == len(
        [p for p in PERSONAS if p.email]
    )


def test_demo_commands_are_refused_in_production(make_app):
    app = make_app(ESPACE_ENV="production", SECRET_KEY="s" * 48, DEMO=False)
    result = app.test_cli_runner().invoke(args=["demo", "reset", "--yes"])
    assert result.exit_code != 0 and "interdites en production" in result.output


def test_db_upgrade_creates_the_schema_on_a_new_instance(tmp_path):
    from espace import create_app

    app = create_app({"ESPACE_ENV": "test", "INSTANCE_PATH": str(tmp_path)})
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "espace.sqlite3").exists()
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0  # running it again is harmless
    app.extensions["espace.db"].dispose()
