"""The frontier chart draws what an analysis holds, including its edge cases."""

from __future__ import annotations

from dataclasses import replace
from xml.etree import ElementTree

import pytest

from foedus.domain.package_deal import Viewer
from foedus.reports.frontier_svg import MAX_DRAWN_POINTS, render_frontier_svg
from foedus.services.package_deal import PackageDealAnalysis, analyse_package_deal
from foedus.services.package_model import model_from_mapping

SVG = "{http://www.w3.org/2000/svg}"


def _analysis(parties: list[str], reservation: float, issues: int = 3) -> PackageDealAnalysis:
    options = ["a", "b", "c"]
    data = {
        "parties": parties,
        "issues": [{"key": f"i{n}", "options": options} for n in range(issues)],
        "valuations": {
            party: {
                "weights": {f"i{n}": 1 + (n + shift) % issues for n in range(issues)},
                "values": {
                    f"i{n}": {o: (10 * (j + shift + n)) % 101 for j, o in enumerate(options)}
                    for n in range(issues)
                },
                "reservation": reservation,
            }
            for shift, party in enumerate(parties)
        },
    }
    return analyse_package_deal(model_from_mapping(data), Viewer.mediator())


def _titles(svg: str) -> list[str]:
    return [e.text or "" for e in ElementTree.fromstring(svg).iter(f"{SVG}title")]


def test_without_a_zone_of_agreement_the_chart_says_so_and_marks_no_solution() -> None:
    analysis = _analysis(["A", "B"], reservation=99)
    assert not analysis.zopa
    svg = render_frontier_svg(analysis)
    assert "no zone of possible agreement" in svg
    assert not any(t.startswith(("Nash", "Kalai")) for t in _titles(svg))


def test_three_parties_are_drawn_two_at_a_time() -> None:
    analysis = _analysis(["A", "B", "C"], reservation=0)
    svg = render_frontier_svg(analysis, x_party="C", y_party="A")
    assert "other parties not shown" in svg
    assert "utility for C" in svg
    assert "<polyline" not in svg  # a projected surface is not a curve
    with pytest.raises(ValueError, match="not a party"):
        render_frontier_svg(analysis, x_party="Z")


def test_a_large_frontier_is_thinned_for_drawing() -> None:
    analysis = _analysis(["A", "B"], reservation=0)
    crowded = replace(analysis, frontier=analysis.frontier * (MAX_DRAWN_POINTS + 1))
    svg = render_frontier_svg(crowded)
    circles = list(ElementTree.fromstring(svg).iter(f"{SVG}circle"))
    assert MAX_DRAWN_POINTS <= len(circles) <= MAX_DRAWN_POINTS + 10  # + legend and markers
    assert f"{MAX_DRAWN_POINTS} of the frontier points drawn" in svg
