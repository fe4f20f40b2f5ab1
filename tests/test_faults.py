"""The fault drill of bench/faults.py, small: 2 gunicorn workers and concurrent writers,
SIGKILL in the middle, restart, online backup. Every acknowledged write is kept, the
database and the history chain are sound, and no writer ever saw an error."""

from __future__ import annotations

import subprocess
import sys

import pytest

from espace.config import PROJECT_ROOT


@pytest.mark.sqlite_only
def test_writes_survive_sigkill_and_the_backup_taken_meanwhile_is_sound():
    result = subprocess.run(
        [sys.executable, "bench/faults.py", "--threads", "12", "--writes", "4"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "erreurs : 0 ; « database is locked » : 0" in result.stdout
    assert "intégrité ok" in result.stdout and "chaîne de l'historique vérifiée" in result.stdout
    assert "Sauvegarde restaurée : intégrité ok, chaîne vérifiée" in result.stdout
