"""Configuration comes from the environment, with a clear refusal when it cannot work."""

from __future__ import annotations

import pytest

from espace import create_app
from espace.config import ConfigError, load_config


def test_defaults_follow_the_contract(tmp_path):
    config = load_config({"ESPACE_INSTANCE_PATH": str(tmp_path)}, None)
    assert config["ESPACE_ENV"] == "development"
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path}/espace.sqlite3"
    assert config["PILOT_DEPARTMENTS"] == ("31", "44", "80")
    assert config["OPPOSITION_DAYS"] == 42
    assert config["MAIL_FROM"] == "ne-pas-repondre@example.org"
    assert config["DEMO"] is True
    assert config["SMTP_HOST"] is None
    assert len(config["SECRET_KEY"]) >= 32


def test_environment_variables_override_defaults_and_test_config_overrides_both(tmp_path):
    environ = {
        "ESPACE_INSTANCE_PATH": str(tmp_path),
        "ESPACE_DATABASE_URL": "sqlite:////var/tmp/autre.sqlite3",
        "ESPACE_PILOT_DEPARTMENTS": "2A, 59",
        "ESPACE_OPPOSITION_DAYS": "30",
        "ESPACE_SMTP_HOST": "smtp.example.org",
        "ESPACE_SMTP_PORT": "2525",
        "ESPACE_MAIL_FROM": "contact@example.org",
        "ESPACE_DEMO": "0",
        "ESPACE_SECRET_KEY": "k" * 40,
    }
    config = load_config(environ, None)
    assert config["DATABASE_URL"] == "sqlite:////var/tmp/autre.sqlite3"
    assert config["PILOT_DEPARTMENTS"] == ("2A", "59")
    assert config["OPPOSITION_DAYS"] == 30
    assert (config["SMTP_HOST"], config["SMTP_PORT"]) == ("smtp.example.org", 2525)
    assert config["MAIL_FROM"] == "contact@example.org"
    assert config["DEMO"] is False
    assert config["SECRET_KEY"] == "k" * 40

    overridden = load_config(environ, {"OPPOSITION_DAYS": 7, "DEMO": True})
    assert overridden["OPPOSITION_DAYS"] == 7
    assert overridden["DEMO"] is True


def test_the_development_secret_key_is_random_for_each_run(tmp_path):
    first = load_config({"ESPACE_INSTANCE_PATH": str(tmp_path)}, None)["SECRET_KEY"]
    second = load_config({"ESPACE_INSTANCE_PATH": str(tmp_path)}, None)["SECRET_KEY"]
    assert first != second


def test_production_refuses_to_start_without_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("ESPACE_ENV", "production")
    monkeypatch.setenv("ESPACE_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(ConfigError, match="ESPACE_SECRET_KEY est obligatoire"):
        create_app()
    monkeypatch.setenv("ESPACE_SECRET_KEY", "trop-court")
    with pytest.raises(ConfigError, match="au moins 32 caractères"):
        create_app()


def test_production_refuses_demo_features(tmp_path, monkeypatch):
    monkeypatch.setenv("ESPACE_ENV", "production")
    monkeypatch.setenv("ESPACE_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("ESPACE_SECRET_KEY", "s" * 48)
    monkeypatch.setenv("ESPACE_DEMO", "1")
    with pytest.raises(ConfigError, match="interdites en production"):
        create_app()
    monkeypatch.setenv("ESPACE_DEMO", "0")
    app = create_app()
    assert app.config["DEMO"] is False
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["PRINT_EMAILS"] is False


def test_production_has_no_demo_features_by_default(tmp_path):
    config = load_config(
        {
            "ESPACE_ENV": "production",
            "ESPACE_SECRET_KEY": "s" * 48,
            "ESPACE_INSTANCE_PATH": str(tmp_path),
        },
        None,
    )
    assert config["DEMO"] is False


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ESPACE_ENV", "staging", "ESPACE_ENV doit valoir"),
        ("ESPACE_OPPOSITION_DAYS", "six semaines", "nombre entier"),
        ("ESPACE_OPPOSITION_DAYS", "-1", "strictement positif"),
        ("ESPACE_PILOT_DEPARTMENTS", "Somme", "codes de département"),
        ("ESPACE_DEMO", "peut-être", "ESPACE_DEMO doit valoir 1 ou 0"),
        ("ESPACE_SMTP_PORT", "smtp", "nombre entier"),
    ],
)
def test_an_invalid_variable_is_named_with_how_to_fix_it(tmp_path, name, value, message):
    with pytest.raises(ConfigError, match=message):
        load_config({"ESPACE_INSTANCE_PATH": str(tmp_path), name: value}, None)


def test_a_relative_instance_path_is_resolved_from_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config({"ESPACE_INSTANCE_PATH": "dossier"}, None)
    assert config["INSTANCE_PATH"] == str(tmp_path / "dossier")


def test_behind_a_proxy_the_client_address_comes_from_the_proxy_header(make_app):
    seen = []
    for proxies in (0, 1):
        app = make_app(PROXIES=proxies)

        @app.get("/_test/adresse")
        def address():  # type: ignore[no-untyped-def]
            from flask import request

            seen.append(request.remote_addr)
            return "ok", 200, {"Content-Type": "text/plain"}

        app.test_client().get(
            "/_test/adresse",
            headers={"X-Forwarded-For": "203.0.113.9"},
            environ_base={"REMOTE_ADDR": "10.0.0.2"},
        )
    # Without a declared proxy the header is ignored (a client could forge it).
    assert seen == ["10.0.0.2", "203.0.113.9"]


def test_the_number_of_proxies_is_checked(tmp_path):
    with pytest.raises(ConfigError, match="ESPACE_PROXIES doit être un nombre entier"):
        load_config({"ESPACE_INSTANCE_PATH": str(tmp_path), "ESPACE_PROXIES": "nginx"}, None)
    config = load_config({"ESPACE_INSTANCE_PATH": str(tmp_path), "ESPACE_PROXIES": "1"}, None)
    assert config["PROXIES"] == 1
