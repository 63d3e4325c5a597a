"""The comparison commands through the CLI: shapes, files written, exit codes, one-line errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from foedus.cli import app

runner = CliRunner()


def test_compare_prints_outliers_and_the_matrix(examples: Path) -> None:
    paths = [str(p) for p in sorted(examples.glob("ukraine-*.txt"))]
    result = runner.invoke(app, ["compare", *paths])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Outliers:\n")
    assert "Consultation deadline" in result.stdout


def test_compare_json_has_one_cell_per_agreement_per_row(examples: Path) -> None:
    paths = [str(examples / "ukraine-us-bsa.txt"), str(examples / "assurances-memorandum.txt")]
    result = runner.invoke(app, ["compare", *paths, "--format", "json", "--history"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [a["name"] for a in data["agreements"]] == ["ukraine-us-bsa", "assurances-memorandum"]
    assert all(len(row["cells"]) == 2 for row in data["rows"])
    assert data["history"][0]["codes"]["codes"][0]["code"] == "defense"


def test_compare_writes_a_self_contained_html_page_and_a_csv(
    examples: Path, tmp_path: Path
) -> None:
    html, table = tmp_path / "m.html", tmp_path / "m.csv"
    paths = [str(p) for p in sorted(examples.glob("*.txt"))]
    result = runner.invoke(
        app, ["compare", *paths, "--html", str(html), "--csv", str(table), "--history"]
    )
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert "http://" not in page
    assert "https://" not in page
    assert "<script" not in page
    assert 'href="#e5-art_4__para_1"' in page
    assert 'id="e5-art_4__para_1"' in page
    rows = list(csv.reader(table.open(encoding="utf-8")))
    assert rows[0][:2] == ["group", "dimension"]
    assert len(rows[0]) == 2 + len(paths) + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.csv", "m.html"]  # no temp files left


def test_compare_refuses_an_unreadable_file_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["compare", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"foedus: error: {missing}: no such file\n"


def test_compare_needs_at_least_one_path() -> None:
    assert runner.invoke(app, ["compare"]).exit_code == 2


def test_check_reports_each_element_of_the_template(examples: Path) -> None:
    draft = str(examples / "ukraine-us-bsa.txt")
    result = runner.invoke(app, ["check", draft, "--template", "g7-vilnius-2023"])
    assert result.exit_code == 0, result.output
    assert "swift-consultations" in result.stdout
    assert "present" in result.stdout
    data = json.loads(
        runner.invoke(app, ["check", draft, "-t", "g7-vilnius-2023", "-f", "json"]).stdout
    )
    assert {e["status"] for e in data["elements"]} <= {"present", "weak", "missing"}


def test_check_with_an_unknown_template_exits_2_in_one_line(examples: Path) -> None:
    result = runner.invoke(app, ["check", str(examples / "ukraine-us-bsa.txt"), "-t", "nope"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("foedus: error: nope: no template named 'nope'")


def test_check_with_a_broken_template_file_exits_2(examples: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("elements: [{id: a}]\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(examples / "ukraine-us-bsa.txt"), "-t", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == f"foedus: error: {bad}: element 'a': needs categories or cues\n"


def test_history_places_an_agreement_among_alliances(examples: Path) -> None:
    result = runner.invoke(app, ["history", str(examples / "mutual-defence-treaty.txt")])
    assert result.exit_code == 0, result.output
    assert "defence pledge: yes — as in 275 of 745 alliances (37%)" in result.stdout
    assert "nearest alliances" in result.stdout
    assert "Benson–Clinton" in result.stdout


def test_align_matches_the_articles_of_two_agreements(examples: Path) -> None:
    left, right = examples / "ukraine-us-bsa.txt", examples / "ukraine-germany-style.txt"
    result = runner.invoke(app, ["align", str(left), str(right), "--format", "json"])
    assert result.exit_code == 0, result.output
    pairs = {p["left"]: p["right"] for p in json.loads(result.stdout)["pairs"]}
    assert pairs["art_4"] == "art_5"  # consultations after a future attack
