"""The dimensions analysts compare agreements on: the rows of the portfolio matrix.

Each :class:`Dimension` has an id, a group, a label, the phrase used when it flags outliers
("put a time on consultations") and a detector (:mod:`foedus.compare.detectors`) that reads
one agreement into a cell with evidence. Rows built on a commitment category name it in
``category``; :func:`dimensions` adds a row for every category no dimension covers, so each
category of data/categories.yaml appears once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from foedus.analysis.extract.categories import load_categories
from foedus.compare import detectors
from foedus.compare.detectors import Detector

__all__ = ["Dimension", "dimensions"]


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    group: str
    label: str
    phrase: str
    detect: Detector
    category: str | None = None


_RESPONSE, _MONEY, _MILITARY = (
    "Response to a future attack",
    "Financial commitment",
    "Military support",
)
_FIXED: tuple[Dimension, ...] = (
    Dimension(
        "legal_form",
        "Legal form",
        "Legal form and bindingness",
        "are worded as legally binding treaties",
        detectors.legal_form,
    ),
    Dimension(
        "duration", "Duration and exit", "Duration", "state a term or duration", detectors.duration
    ),
    Dimension(
        "extension",
        "Duration and exit",
        "Extension",
        "provide for extension or renewal",
        detectors.extension,
    ),
    Dimension(
        "termination_notice",
        "Duration and exit",
        "Termination notice",
        "set a notice period for leaving",
        detectors.notice,
    ),
    Dimension(
        "response_trigger",
        _RESPONSE,
        "Trigger",
        "say what triggers a response to an attack",
        detectors.trigger,
    ),
    Dimension(
        "consultation_deadline",
        _RESPONSE,
        "Consultation deadline",
        "put a time on consultations",
        detectors.deadline,
    ),
    Dimension(
        "response_measures",
        _RESPONSE,
        "Measures",
        "name measures for a future attack",
        detectors.measures,
    ),
    Dimension(
        "financial_amount", _MONEY, "Amount and currency", "name a sum of money", detectors.amount
    ),
    Dimension(
        "financial_years",
        _MONEY,
        "Years covered",
        "commit money for more than one year",
        detectors.years,
    ),
    Dimension(
        "floor",
        _MONEY,
        "Floor commitment",
        "promise to keep at least the current level of support",
        detectors.floor,
    ),
    Dimension(
        "equipment",
        _MILITARY,
        "Equipment",
        "commit to supplying equipment",
        detectors.category_row("military_assistance", detectors.EQUIPMENT),
        "military_assistance",
    ),
    Dimension(
        "air_defence",
        _MILITARY,
        "Air defence",
        "commit to air defence",
        detectors.category_row("air_missile_defence", detectors.AIR),
        "air_missile_defence",
    ),
    Dimension(
        "training",
        _MILITARY,
        "Training",
        "commit to training",
        detectors.category_row("training"),
        "training",
    ),
    Dimension(
        "intelligence",
        _MILITARY,
        "Intelligence",
        "commit to sharing intelligence",
        detectors.category_row("intelligence_sharing"),
        "intelligence_sharing",
    ),
    Dimension(
        "interoperability",
        _MILITARY,
        "Interoperability",
        "commit to interoperability",
        detectors.category_row("interoperability", detectors.BY_YEAR),
        "interoperability",
    ),
    Dimension(
        "defence_industry",
        _MILITARY,
        "Defence industry",
        "commit to defence-industrial cooperation",
        detectors.category_row("defence_industry"),
        "defence_industry",
    ),
    Dimension(
        "nato_path",
        "Euro-Atlantic path",
        "NATO path wording",
        "speak of Ukraine's path to NATO",
        detectors.nato,
    ),
    Dimension(
        "eu_integration",
        "Euro-Atlantic path",
        "EU integration",
        "support EU accession",
        detectors.eu,
    ),
    Dimension(
        "reforms",
        "Euro-Atlantic path",
        "Reforms",
        "tie support to reforms",
        detectors.category_row("reforms_governance"),
        "reforms_governance",
    ),
    Dimension(
        "economic_recovery",
        "Economy",
        "Economic recovery",
        "commit to economic recovery",
        detectors.category_row("economic_recovery"),
        "economic_recovery",
    ),
    Dimension(
        "energy",
        "Economy",
        "Energy",
        "commit to energy security",
        detectors.category_row("energy_security"),
        "energy_security",
    ),
    Dimension(
        "infrastructure",
        "Economy",
        "Infrastructure",
        "mention infrastructure",
        detectors.theme(detectors.INFRA),
    ),
    Dimension(
        "sanctions",
        "Pressure and justice",
        "Sanctions",
        "commit to sanctions",
        detectors.category_row("sanctions"),
        "sanctions",
    ),
    Dimension(
        "frozen_assets",
        "Pressure and justice",
        "Frozen assets and compensation",
        "address frozen assets or compensation",
        detectors.theme(detectors.ASSETS, True),
    ),
    Dimension(
        "tribunal",
        "Pressure and justice",
        "Special tribunal and accountability",
        "address accountability or a special tribunal",
        detectors.theme(detectors.TRIBUNAL, True),
    ),
    Dimension(
        "just_peace",
        "Pressure and justice",
        "Just peace",
        "speak of a just peace",
        detectors.theme(detectors.PEACE, True),
    ),
    Dimension(
        "cbrn",
        "Other threats",
        "CBRN threats",
        "address chemical, biological, radiological or nuclear threats",
        detectors.theme(detectors.CBRN, True),
    ),
    Dimension(
        "information_security",
        "Other threats",
        "Information security",
        "address information security",
        detectors.theme(detectors.INFOSEC),
        "cyber_information_security",
    ),
    Dimension(
        "implementation",
        "Implementation",
        "Implementation mechanism",
        "set up an implementation mechanism",
        detectors.implementation,
        "implementation_review",
    ),
)


@cache
def dimensions() -> tuple[Dimension, ...]:
    """Every row of the matrix: the fixed dimensions, then one per commitment category that no
    dimension covers (mutual defence, response mechanism, financial support, …), in the order
    of data/categories.yaml."""
    covered = {d.category for d in _FIXED if d.category}
    extra = tuple(
        Dimension(
            f"category:{c.id}",
            "Commitment categories",
            c.label,
            f"carry commitments on {c.label.lower()}",
            detectors.category_row(c.id),
            c.id,
        )
        for c in load_categories()
        if c.id not in covered
    )
    return (*_FIXED, *extra)
