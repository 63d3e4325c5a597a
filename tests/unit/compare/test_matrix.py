"""The portfolio matrix on the demo agreements and on hand-made cells."""

from __future__ import annotations

from foedus.analysis.extract.categories import load_categories
from foedus.compare.cells import Cell, Subject
from foedus.compare.dimensions import Dimension, dimensions
from foedus.compare.matrix import build_matrix, outliers
from foedus.domain.commitment import Modality


def test_every_commitment_category_appears_exactly_once_as_a_row() -> None:
    rows = dimensions()
    by_category = [d.category for d in rows if d.category]
    assert sorted(by_category) == sorted(c.id for c in load_categories())
    assert len({d.id for d in rows}) == len(rows)


def test_the_matrix_has_one_column_per_agreement_in_the_order_given(
    demo: dict[str, Subject],
) -> None:
    subjects = [demo["ukraine-us-bsa"], demo["ukraine-uk-style"]]
    matrix = build_matrix(subjects)
    assert matrix.columns == ("ukraine-us-bsa", "ukraine-uk-style")
    assert all(len(row.cells) == 2 for row in matrix.rows)


def test_the_consultation_deadline_cell_quotes_its_clause_and_eid(demo: dict[str, Subject]) -> None:
    matrix = build_matrix([demo["ukraine-us-bsa"]])
    cell = matrix.cell("consultation_deadline", "ukraine-us-bsa")
    assert cell.present
    assert cell.value == "within 24 hours"
    assert cell.modality is Modality.OBLIGATION
    assert cell.evidence[0].eid == "art_4__para_1"
    assert "within 24 hours" in cell.evidence[0].quote


def test_amounts_keep_their_currency_and_value(demo: dict[str, Subject]) -> None:
    cell = build_matrix([demo["ukraine-uk-style"]]).cell("financial_amount", "ukraine-uk-style")
    assert any(a.currency == "GBP" and a.value == 2.5e9 for a in cell.amounts)
    assert "£2.5 billion" in cell.value


def test_legal_form_tells_a_treaty_from_a_political_commitment(demo: dict[str, Subject]) -> None:
    matrix = build_matrix([demo["mutual-defence-treaty"], demo["ukraine-uk-style"]])
    assert matrix.cell("legal_form", "mutual-defence-treaty").value.startswith("treaty")
    political = matrix.cell("legal_form", "ukraine-uk-style")
    assert not political.present
    assert political.value.startswith("political commitment")


def test_duration_and_notice_are_read_from_the_final_clauses(demo: dict[str, Subject]) -> None:
    matrix = build_matrix([demo["ukraine-us-bsa"], demo["mutual-defence-treaty"]])
    assert matrix.cell("duration", "ukraine-us-bsa").value == "ten years"
    assert matrix.cell("duration", "mutual-defence-treaty").value == "indefinite"
    notice = matrix.cell("termination_notice", "ukraine-us-bsa")
    assert notice.value == "six months' written notice"
    assert notice.evidence[0].eid == "art_12__para_4"


def test_a_dimension_nobody_addresses_is_absent_everywhere(demo: dict[str, Subject]) -> None:
    matrix = build_matrix([demo["assurances-memorandum"]])
    cell = matrix.cell("floor", "assurances-memorandum")
    assert cell == Cell(False)


def _dimension() -> Dimension:
    return Dimension(
        "x", "g", "Consultation deadline", "put a time on consultations", lambda s: Cell(False)
    )


def test_a_minority_is_flagged_in_words() -> None:
    cells = [Cell(True, "24 h")] * 3 + [Cell(False)] * 9
    names = [f"A{k}" for k in range(12)]
    assert outliers(_dimension(), names, cells) == (
        "only 3 of 12 agreements put a time on consultations: A0, A1, A2",
    )


def test_the_few_that_lack_what_all_others_have_are_named() -> None:
    cells = [Cell(True, "x", Modality.COMMITMENT)] * 5 + [Cell(False)]
    notes = outliers(_dimension(), ["A", "B", "C", "D", "E", "F"], cells)
    assert notes == ("all but 1 of 6 agreements put a time on consultations; not: F",)


def test_weak_words_where_the_others_commit_are_flagged() -> None:
    cells = [Cell(True, "x", Modality.COMMITMENT)] * 4 + [Cell(True, "x", Modality.ASPIRATION)]
    notes = outliers(_dimension(), ["A", "B", "C", "D", "E"], cells)
    assert notes == ("E only hedges or declares on consultation deadline, where 4 others commit",)


def test_two_agreements_are_too_few_for_outliers() -> None:
    assert outliers(_dimension(), ["A", "B"], [Cell(True), Cell(False)]) == ()


def test_the_matrix_serialises_to_plain_data(demo: dict[str, Subject]) -> None:
    data = build_matrix([demo["ukraine-japan-style"]]).as_dict()
    assert data["agreements"][0]["name"] == "ukraine-japan-style"
    row = next(r for r in data["rows"] if r["id"] == "consultation_deadline")
    assert set(row["cells"][0]) == {
        "present",
        "value",
        "modality",
        "level",
        "hedged",
        "amounts",
        "evidence",
    }
