"""`foedus frontier`: the summary, the JSON shape, the SVG chart, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from foedus.cli import app

runner = CliRunner()
DEMO = Path(__file__).resolve().parents[2] / "examples" / "package-deal-us-ukraine.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def test_the_summary_shows_the_solutions_and_the_best_trade() -> None:
    result = runner.invoke(app, ["frontier", str(DEMO)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Ukraine–United States bilateral security agreement")
    assert any(line.startswith("current draft") and "dominated" in line for line in lines)
    assert any(line.startswith("Nash ") for line in lines)
    assert any(line.startswith("Kalai–Smorodinsky") for line in lines)
    assert "  1. move Reform conditionality (Article 9(2))" in result.stdout
    assert "Pareto frontier: " in lines[-1]


def test_json_has_the_documented_shape() -> None:
    result = runner.invoke(app, ["frontier", str(DEMO), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "title", "mode", "viewer", "parties", "estimated", "issues", "reservation", "zopa",
        "ideal", "frontier", "nash", "kalai_smorodinsky", "max_joint_gain", "current", "notes",
    }  # fmt: skip
    assert data["mode"] == "joint"
    assert data["frontier"]["method"] == "exact"
    first = data["frontier"]["points"][0]
    assert set(first) == {"package", "utilities"}
    assert set(first["package"]) == {issue["key"] for issue in data["issues"]}
    trade = data["current"]["trades"][0]
    assert set(trade) == {"changes", "gains", "joint_gain", "explanation"}
    assert trade["changes"][0] == {
        "issue": "conditionality",
        "from": "monitoring",
        "to": "conditional",
    }


def test_one_delegations_view_marks_the_other_side_as_estimated() -> None:
    result = runner.invoke(app, ["frontier", str(DEMO), "--as", "United States", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["mode"], data["viewer"], data["estimated"]) == (
        "delegation",
        "United States",
        ["Ukraine"],
    )


def test_the_svg_chart_is_self_contained_and_labels_every_marker(tmp_path: Path) -> None:
    out = tmp_path / "frontier.svg"
    result = runner.invoke(app, ["frontier", str(DEMO), "--svg", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    root = ElementTree.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in text
    assert "style=" not in text
    tips = [element.text or "" for element in root.iter(f"{SVG}title")]
    assert any(tip.startswith("Nash: Ukraine") for tip in tips)
    assert any(tip.startswith("Kalai–Smorodinsky: ") for tip in tips)
    assert any(tip.startswith("current draft: ") for tip in tips)
    assert any("reservation value 35.0" in tip for tip in tips)
    nash_tip = next(tip for tip in tips if tip.startswith("Nash: "))
    assert "Consultation deadline after an armed attack: within 24 hours" in nash_tip
    circles = list(root.iter(f"{SVG}circle"))
    assert len(circles) >= len(
        json.loads(runner.invoke(app, ["frontier", str(DEMO), "-f", "json"]).stdout)["frontier"][
            "points"
        ]
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--as", "Russia"], "unknown party 'Russia' (parties: Ukraine, United States)"),
        (["--as", "Ukraine", "--mediator"], "--as and --mediator exclude each other"),
    ],
)
def test_refused_views_fail_with_one_line(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["frontier", str(DEMO), *arguments])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"foedus: error: {message}"


def test_a_joint_analysis_without_consent_fails_and_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    text = DEMO.read_text(encoding="utf-8").replace(
        "consent: [Ukraine, United States]", "consent: [Ukraine]"
    )
    path.write_text(text.replace("draft: ukraine-us-bsa.txt", ""), encoding="utf-8")
    result = runner.invoke(app, ["frontier", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "foedus: error: a joint analysis needs every delegation's consent (missing: United "
        "States); analyse as one delegation or as a mediator"
    )
    assert runner.invoke(app, ["frontier", str(path), "--mediator"]).exit_code == 0


def test_a_bad_model_file_fails_with_one_line_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text("parties: [Ukraine]\nissues: []\n", encoding="utf-8")
    result = runner.invoke(app, ["frontier", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"foedus: error: {path}: parties: needs at least 2 entries\n"
