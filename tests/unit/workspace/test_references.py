"""Reference agreements beside the draft: upload in any format, visibility, the matrix,
removal, and the export round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.domain.errors import InputError, NotFoundError, PermissionDeniedError
from foedus.domain.negotiation import Visibility
from foedus.services.workspace import exchange, references
from workspace_fakes import FakeUnitOfWork, user

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def test_a_reference_sits_beside_the_draft_in_the_matrix(uow: FakeUnitOfWork, demo: int) -> None:
    analyst = user(uow, "ua.analyst")
    uk = (EXAMPLES / "ukraine-uk-style.txt").read_bytes()
    references.add_reference(uow, analyst, demo, uk, "uk.txt", "UK–Ukraine", Visibility.SHARED)
    html = b"<html><body><h1>Offer</h1><p>Article 1</p><p>1. Each Party will consult.</p></body></html>"
    references.add_reference(uow, analyst, demo, html, "offer.html", "Partner offer")
    matrix = references.reference_portfolio(uow, analyst, demo).matrix
    assert matrix.columns == ("Draft (version 2)", "UK–Ukraine", "Partner offer")
    money = matrix.row("financial_amount")
    assert money.cells[1].amounts, "the UK-style text states a multi-year £ amount"
    assert [a.text for a in money.cells[1].amounts] == ["£2.5 billion", "£3.5 billion"]
    assert matrix.row("legal_form").cells[1].value.startswith("political commitment")


def test_an_internal_reference_stays_with_its_delegation(uow: FakeUnitOfWork, demo: int) -> None:
    ua, us = user(uow, "ua.lead"), user(uow, "us.lead")
    text = b"Article 1\n\n1. Each Party shall consult the other.\n"
    internal = references.add_reference(uow, ua, demo, text, "a.txt", "Our fallback text")
    shared = references.add_reference(
        uow, ua, demo, text, "b.txt", "Tabled text", Visibility.SHARED
    )
    assert {r.name for r in references.references(uow, ua, demo)} == {
        "Our fallback text",
        "Tabled text",
    }
    assert [r.name for r in references.references(uow, us, demo)] == ["Tabled text"]
    assert "Our fallback text" not in references.reference_portfolio(uow, us, demo).matrix.columns
    with pytest.raises(NotFoundError):
        references.remove_reference(uow, us, demo, internal.id)
    with pytest.raises(PermissionDeniedError):
        references.remove_reference(uow, us, demo, shared.id)
    references.remove_reference(uow, ua, demo, internal.id)
    assert [r.name for r in references.references(uow, ua, demo)] == ["Tabled text"]


def test_an_observer_cannot_add_and_a_bad_file_is_refused(uow: FakeUnitOfWork, demo: int) -> None:
    with pytest.raises(PermissionDeniedError):
        references.add_reference(
            uow, user(uow, "us.observer"), demo, b"Article 1\n\n1. X.\n", "x.txt"
        )
    with pytest.raises(InputError):
        references.add_reference(uow, user(uow, "ua.lead"), demo, b"%PDF-1.4 broken", "x.pdf")
    assert references.references(uow, user(uow, "ua.lead"), demo) == []


def test_references_survive_export_and_import(uow: FakeUnitOfWork, demo: int) -> None:
    ua = user(uow, "ua.lead")
    references.add_reference(
        uow, ua, demo, b"Article 1\n\n1. Each Party shall consult.\n", "a.txt", "A"
    )
    data = exchange.export_negotiation(uow, None, demo)
    other = FakeUnitOfWork()
    imported = exchange.import_negotiation(other, None, data)
    again = exchange.export_negotiation(other, None, imported.id)
    assert [r["name"] for r in again["references"]] == ["A"]
    assert again["references"][0]["text"] == data["references"][0]["text"]
