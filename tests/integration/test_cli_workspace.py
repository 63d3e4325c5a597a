"""The workspace commands, on a SQLite database in a temporary data directory."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from foedus.bootstrap import _ENGINES
from foedus.cli import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ukraine-us-bsa.txt"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    yield {"FOEDUS_DATA_DIR": str(tmp_path / "data")}
    for key in [k for k in _ENGINES if str(tmp_path) in k]:
        _ENGINES.pop(key).dispose()


def test_users_backup_export_import_and_audit_from_the_command_line(
    env: dict[str, str], tmp_path: Path
) -> None:
    assert runner.invoke(app, ["db", "upgrade"], env=env).exit_code == 0
    added = runner.invoke(
        app,
        ["user", "add", "chair", "--admin", "--password-stdin"],
        input="a good long password\n",
        env=env,
    )
    assert added.exit_code == 0, added.output
    assert "user chair created (administrator)" in added.stdout
    again = runner.invoke(
        app, ["user", "add", "chair", "--password-stdin"], input="a good long password\n", env=env
    )
    assert again.exit_code == 2
    assert again.stderr.strip() == "foedus: error: the user chair already exists"
    short = runner.invoke(app, ["user", "add", "x", "--password-stdin"], input="short\n", env=env)
    assert short.exit_code == 2

    from foedus.bootstrap import build_storage, load_settings
    from foedus.services.workspace.demo import seed_demo

    data_dir = Path(env["FOEDUS_DATA_DIR"])
    factory = build_storage(load_settings(data_dir=data_dir))
    nid = seed_demo(factory, EXAMPLE, data_dir).negotiation_id

    backup = tmp_path / "copy.sqlite3"
    assert runner.invoke(app, ["backup", str(backup)], env=env).exit_code == 0
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT count(*) FROM users").fetchone() == (
            7,
        )  # chair + the demo's six

    exported = tmp_path / "negotiation.json"
    assert runner.invoke(app, ["export", str(nid), "-o", str(exported)], env=env).exit_code == 0
    assert json.loads(exported.read_text())["negotiation"]["title"].startswith("Bilateral Security")
    imported = runner.invoke(app, ["import", str(exported)], env=env)
    assert imported.exit_code == 0
    assert "imported as negotiation 2" in imported.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    failed = runner.invoke(app, ["import", str(bad)], env=env)
    assert failed.exit_code == 2
    assert failed.stderr.startswith("foedus: error:")

    verified = runner.invoke(app, ["audit", "verify"], env=env)
    assert verified.exit_code == 0
    assert "audit log intact" in verified.stdout
    with sqlite3.connect(data_dir / "foedus.sqlite3") as db:
        db.execute("UPDATE audit SET action = 'forged' WHERE seq = 2")
    broken = runner.invoke(app, ["audit", "verify"], env=env)
    assert broken.exit_code == 2
    assert broken.stderr.strip() == "foedus: error: audit log broken: entry 2 was altered"


def test_serve_on_a_busy_port_is_one_clear_error(env: dict[str, str]) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)], env=env)
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"foedus: error: cannot listen on 127.0.0.1:{port}: it is in use"
    )


def test_the_demo_seeds_once_and_prints_every_login(env: dict[str, str]) -> None:
    first = runner.invoke(app, ["demo", "--seed-only"], env=env)
    assert first.exit_code == 0, first.output
    assert "Demo negotiation seeded" in first.stdout
    for name in ("ua.lead", "ua.analyst", "us.lead", "us.negotiator", "us.observer", "admin"):
        assert f"  {name} " in first.stdout
    again = runner.invoke(app, ["demo", "--seed-only"], env=env)
    assert "already seeded: reusing the data" in again.stdout
    assert (
        again.stdout.split("log in as:")[1] == first.stdout.split("log in as:")[1]
    )  # same passwords
