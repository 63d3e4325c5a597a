"""Comparison on the shared data: alignment of real treaties, and the shipped ATOP subset
against the shared ATOP files. Skipped when ../shared is absent."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from bench.alignment import Tally, choose_pairs, load, score_pair

from foedus.compare.alignment import DEFAULT_THRESHOLD
from foedus.compare.history import load_alliances

pytestmark = pytest.mark.corpus


def test_related_tota_treaties_align_by_body_alone(shared: Path) -> None:
    files = sorted((shared / "corpora" / "tota").glob("*.xml"))[:60]
    treaties = [t for t in (load(p) for p in files) if t.units]
    pairs = [(a, b) for share, a, b in choose_pairs(treaties, 10, 400) if share >= 0.3][:10]
    if not pairs:
        pytest.skip("no related pairs among the first ToTA files")
    tally = Tally()
    for a, b in pairs:
        score_pair(a, b, DEFAULT_THRESHOLD, tally)
    assert tally.rate("assignment") >= 0.85, tally.rate("assignment")


def test_the_shipped_atop_subset_matches_the_shared_data(shared: Path) -> None:
    folder = shared / "data" / "atop"
    if not folder.is_dir():
        pytest.skip("../shared/data/atop is absent")
    rows = {r["atopid"]: r for r in csv.DictReader((folder / "atop-alliance-level.csv").open())}
    depth = {
        r["atopid"]: r["Depth.score"]
        for r in csv.DictReader((folder / "benson-clinton-scores.csv").open())
    }
    alliances = load_alliances()
    assert {str(a.atopid) for a in alliances} == set(rows)
    for alliance in alliances:
        row = rows[str(alliance.atopid)]
        for code, value in alliance.codes.items():
            assert value == int(float(row[code] or 0) > 0), (alliance.atopid, code)
        assert alliance.length_months == int(float(row["length"] or 0))
        if str(alliance.atopid) in depth:
            assert alliance.depth == pytest.approx(float(depth[str(alliance.atopid)]))
