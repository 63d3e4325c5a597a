"""The command line: output shapes, exit codes, one-line errors, atomic output files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from foedus.cli import app

runner = CliRunner()
AGREEMENT = (
    "AGREEMENT BETWEEN ALDORIA AND BREVANIA\n\nThe Parties,\n\nHave agreed as follows:\n\n"
    "Article 1\nPurpose\n\n1. The Parties shall cooperate.\n\n2. They may consult.\n"
)


@pytest.fixture
def agreement(tmp_path: Path) -> Path:
    path = tmp_path / "agreement.txt"
    path.write_text(AGREEMENT, encoding="utf-8")
    return path


def test_parse_prints_an_indented_outline(agreement: Path) -> None:
    result = runner.invoke(app, ["parse", str(agreement)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"# {agreement} — AGREEMENT BETWEEN ALDORIA AND BREVANIA"
    assert lines[2].startswith("Article 1 — Purpose  [art_1]")
    assert lines[3].startswith("  1.  [art_1__para_1]")


def test_parse_json_has_the_documented_shape(agreement: Path) -> None:
    result = runner.invoke(app, ["parse", str(agreement), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"source", "title", "language", "provisions"}
    assert data["language"] == "en"
    article = data["provisions"][1]
    assert set(article) == {"eid", "kind", "num", "heading", "text", "start", "end", "children"}
    assert (article["eid"], article["kind"], article["num"], article["heading"]) == (
        "art_1",
        "article",
        "1",
        "Purpose",
    )
    assert [c["eid"] for c in article["children"]] == ["art_1__para_1", "art_1__para_2"]
    assert AGREEMENT.startswith(article["text"], article["start"])


def test_parse_jsonl_gives_one_line_per_file_in_input_order(tmp_path: Path) -> None:
    paths = []
    for n in range(4):
        path = tmp_path / f"a{n}.txt"
        path.write_text(AGREEMENT.replace("Purpose", f"Purpose {n}"), encoding="utf-8")
        paths.append(str(path))
    result = runner.invoke(app, ["parse", *paths, "--format", "jsonl", "--jobs", "2"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["source"] for row in rows] == paths
    assert [row["provisions"][1]["heading"] for row in rows] == [f"Purpose {n}" for n in range(4)]


def test_a_batch_continues_past_a_bad_file_and_exits_2(agreement: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["parse", str(empty), str(agreement), str(missing), "-f", "jsonl"])
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 1
    errors = result.stderr.splitlines()
    assert errors == [
        f"foedus: error: {empty}: the document is empty",
        f"foedus: error: {missing}: no such file",
    ]
    assert "Traceback" not in result.output


def test_json_format_with_several_files_is_a_usage_error(agreement: Path) -> None:
    result = runner.invoke(app, ["parse", str(agreement), str(agreement), "--format", "json"])
    assert result.exit_code == 2
    assert "use --format jsonl" in result.stderr


def test_unknown_format_is_a_usage_error(agreement: Path) -> None:
    result = runner.invoke(app, ["parse", str(agreement), "--format", "xml"])
    assert result.exit_code == 2


def test_a_directory_is_refused_in_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"foedus: error: {tmp_path}: is a directory, not a file"


def test_max_size_applies(agreement: Path) -> None:
    result = runner.invoke(app, ["parse", str(agreement), "--max-size", "0.00001"])
    assert result.exit_code == 2
    assert "over the" in result.stderr
    assert "limit" in result.stderr


def test_an_invalid_setting_is_reported_not_raised(agreement: Path) -> None:
    result = runner.invoke(app, ["parse", str(agreement)], env={"FOEDUS_MAX_FILE_MB": "-3"})
    assert result.exit_code == 2
    assert result.stderr.startswith("foedus: error: invalid setting max_file_mb")


def test_output_file_is_written_whole_or_not_at_all(agreement: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    ok = runner.invoke(app, ["parse", str(agreement), "-f", "jsonl", "-o", str(out)])
    assert ok.exit_code == 0
    assert json.loads(out.read_text())["source"] == str(agreement)
    nowhere = tmp_path / "no" / "such" / "dir" / "out.jsonl"
    bad = runner.invoke(app, ["parse", str(agreement), "-o", str(nowhere)])
    assert bad.exit_code == 2
    assert "no such directory" in bad.stderr
    assert list(tmp_path.glob(".out.jsonl.*")) == []


def test_analyze_summarises_title_parties_and_counts(agreement: Path) -> None:
    result = runner.invoke(app, ["analyze", str(agreement)])
    assert result.exit_code == 0
    assert "AGREEMENT BETWEEN ALDORIA AND BREVANIA" in result.stdout
    assert "ALDORIA; BREVANIA" in result.stdout
    assert "Article 1 — Purpose" in result.stdout
    assert "paragraph" in result.stdout


def test_analyze_runs_on_every_example(examples: Path) -> None:
    for path in sorted(examples.glob("*.txt")):
        result = runner.invoke(app, ["analyze", str(path)])
        assert result.exit_code == 0, (path, result.output)
        assert (
            "Article" in result.stdout
            or "Paragraph" in result.stdout
            or "paragraph" in result.stdout
        )
