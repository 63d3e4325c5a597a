"""Package-deal analytics as use cases: load a model, decide whose valuations an analysis may
use, and compute the frontier, the bargaining solutions and the standing of the current
package, with every trade explained in words.

Privacy. A delegation's valuation is private. :func:`analyse_package_deal` takes a
:class:`~foedus.domain.package_deal.Viewer`:

- ``Viewer.delegation(party)``: that delegation's own valuation; every other party's is
  *estimated* from its public record (see :mod:`foedus.negotiation.elicitation`) with the
  reservation value the delegation assumes for it (0 unless given);
- ``Viewer.joint()``: every party's true valuation, only when every party consented;
- ``Viewer.mediator()``: every party's true valuation (the caller checks the mediator role).

The result says which mode it used and whose utilities are estimates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from foedus.domain.package_deal import (
    AnalysisMode,
    AnalysisNotPermittedError,
    Issue,
    PackageDealModel,
    PackageModelError,
    Valuation,
    Viewer,
)
from foedus.domain.provision import Document
from foedus.negotiation.bargaining import Solution, bargains
from foedus.negotiation.elicitation import estimated_valuation
from foedus.negotiation.pareto import DEFAULT_MAX_POINTS, pareto_frontier
from foedus.negotiation.space import IntArray, UtilitySpace
from foedus.negotiation.trades import Trade, standing
from foedus.services.package_draft import derive_current_package, provision_reference

__all__ = [
    "CurrentStanding",
    "PackageDealAnalysis",
    "PackagePoint",
    "TradeView",
    "analyse_package_deal",
    "analysis_as_dict",
    "estimate_valuation",
    "load_model",
    "valuations_for",
    "with_draft_package",
]

DraftReader = Callable[[Path], Document]


@dataclass(frozen=True, slots=True)
class PackagePoint:
    """A package (issue key → option key) and each party's utility of it (0–100)."""

    package: Mapping[str, str]
    utilities: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class TradeView:
    """A trade from the current package: ``changes`` as (issue, from option, to option),
    each party's gain, and the trade in words."""

    changes: tuple[tuple[str, str, str], ...]
    gains: Mapping[str, float]
    joint_gain: float
    explanation: str


@dataclass(frozen=True, slots=True)
class CurrentStanding:
    """The current package: its utilities, whether a frontier point dominates it, its
    distance to the nearest frontier point at least as good for all (``nearest``), and the
    best trades that improve it for every party (minimal, up to ``searched`` changes)."""

    point: PackagePoint
    dominated: bool
    distance: float | None
    nearest: PackagePoint | None
    trades: tuple[TradeView, ...]
    searched: int


@dataclass(frozen=True, slots=True)
class PackageDealAnalysis:
    """Everything one analysis shows. ``estimated`` names the parties whose utilities are
    estimates; ``frontier_method`` is "exact" or "epsilon-constraint" (then the frontier is
    a sample of Pareto-optimal packages and the solutions are the best among them)."""

    title: str
    mode: AnalysisMode
    viewer: str | None
    parties: tuple[str, ...]
    estimated: tuple[str, ...]
    issues: tuple[Issue, ...]
    reservation: Mapping[str, float]
    frontier: tuple[PackagePoint, ...]
    frontier_method: str
    frontier_exact: bool
    zopa: bool
    ideal: Mapping[str, float] | None
    nash: PackagePoint | None
    kalai_smorodinsky: PackagePoint | None
    max_joint_gain: PackagePoint | None
    current: CurrentStanding | None
    notes: tuple[str, ...]


def load_model(path: Path, draft_reader: DraftReader | None = None) -> PackageDealModel:
    """Read a model file; when it names a draft, complete its current package from the draft
    (options given under ``current`` in the file win). ``draft_reader`` reads the draft into
    a provision tree (default: the reading core with default limits)."""
    from foedus.services.package_model import read_model

    model = read_model(path)
    if model.draft is None:
        return model
    reader = draft_reader or _read_draft
    return with_draft_package(model, reader(Path(model.draft)))


def with_draft_package(model: PackageDealModel, draft: Document) -> PackageDealModel:
    """``model`` with its current package completed from ``draft`` (see
    :func:`~foedus.services.package_draft.derive_current_package`); options the model
    already names as current win over the draft."""
    return replace(model, current={**derive_current_package(model, draft), **model.current})


def _read_draft(path: Path) -> Document:
    from foedus.analysis.ingest import Limits
    from foedus.services.reading import read_document

    return read_document(path, Limits())


def estimate_valuation(model: PackageDealModel, party: str, reservation: float) -> Valuation:
    """An estimate of ``party``'s valuation from its public record alone."""
    record = model.public.get(party)
    proposed = [
        issue.option_keys().index(record.proposed[issue.key])
        if record and issue.key in record.proposed
        else None
        for issue in model.issues
    ]
    keys = [issue.key for issue in model.issues]
    priorities = [keys.index(key) for key in record.priorities] if record else []
    counts = [len(issue.options) for issue in model.issues]
    weights, values = estimated_valuation(counts, proposed, priorities)
    return Valuation(
        party,
        dict(zip(keys, weights, strict=True)),
        {
            issue.key: dict(zip(issue.option_keys(), row, strict=True))
            for issue, row in zip(model.issues, values, strict=True)
        },
        reservation,
        "estimate",
    )


def valuations_for(
    model: PackageDealModel, viewer: Viewer
) -> tuple[dict[str, Valuation], tuple[str, ...]]:
    """The valuations ``viewer`` may use, one per party, and the parties whose are estimates.
    Raises :class:`AnalysisNotPermittedError` when the mode is not allowed."""
    if viewer.mode is AnalysisMode.DELEGATION:
        own = model.valuations.get(viewer.party or "")
        if viewer.party not in model.parties:
            raise AnalysisNotPermittedError(
                f"unknown party {viewer.party!r} (parties: {', '.join(model.parties)})",
                (str(viewer.party),),
            )
        if own is None:
            raise AnalysisNotPermittedError(
                f"no valuation of {viewer.party!r} in this model", (str(viewer.party),)
            )
        chosen = {
            party: own
            if party == viewer.party
            else estimate_valuation(model, party, own.assumed_reservations.get(party, 0.0))
            for party in model.parties
        }
        return chosen, tuple(party for party in model.parties if party != viewer.party)
    if viewer.mode is AnalysisMode.JOINT:
        missing = tuple(party for party in model.parties if party not in model.consent)
        if missing:
            raise AnalysisNotPermittedError(
                "a joint analysis needs every delegation's consent (missing: "
                + ", ".join(missing)
                + "); analyse as one delegation or as a mediator",
                missing,
            )
    absent = [party for party in model.parties if party not in model.valuations]
    if absent:
        raise PackageModelError(f"no valuation of {', '.join(absent)}", where="valuations")
    return {party: model.valuations[party] for party in model.parties}, ()


def analyse_package_deal(
    model: PackageDealModel,
    viewer: Viewer,
    *,
    max_changes: int = 3,
    trades: int = 10,
    max_points: int = DEFAULT_MAX_POINTS,
) -> PackageDealAnalysis:
    """The frontier, Nash, Kalai–Smorodinsky, maximum joint gain, and the current package's
    standing with its ``trades`` best trades (of up to ``max_changes`` issue changes)."""
    valuations, estimated = valuations_for(model, viewer)
    parties = model.parties
    space = UtilitySpace.from_tables(
        [
            [
                [
                    valuations[p].weights[issue.key] * valuations[p].values[issue.key][o] / 100
                    for p in parties
                ]
                for o in issue.option_keys()
            ]
            for issue in model.issues
        ]
    )
    reservation = [valuations[party].reservation for party in parties]
    frontier = pareto_frontier(space, max_points=max_points, reservation=reservation)
    solved = bargains(frontier.points, reservation)
    describe = _Describer(model, estimated)

    def at(solution: Solution | None) -> PackagePoint | None:
        if solution is None:
            return None
        return describe.point(frontier.packages[solution.index], solution.utilities)

    current = _current_standing(
        model, space, frontier.points, frontier.packages, describe, max_changes, trades
    )
    notes = _notes(model, viewer, estimated, frontier.method, frontier.work, solved.zopa, current)
    return PackageDealAnalysis(
        title=model.title,
        mode=viewer.mode,
        viewer=viewer.party,
        parties=parties,
        estimated=estimated,
        issues=model.issues,
        reservation=dict(zip(parties, reservation, strict=True)),
        frontier=tuple(
            describe.point(package, row)
            for package, row in zip(frontier.packages, frontier.points.tolist(), strict=True)
        ),
        frontier_method=frontier.method,
        frontier_exact=frontier.exact,
        zopa=solved.zopa,
        ideal=None if solved.ideal is None else dict(zip(parties, solved.ideal, strict=True)),
        nash=at(solved.nash),
        kalai_smorodinsky=at(solved.kalai_smorodinsky),
        max_joint_gain=at(solved.max_joint_gain),
        current=current,
        notes=notes,
    )


def _current_standing(
    model: PackageDealModel,
    space: UtilitySpace,
    points: np.ndarray,
    packages: IntArray,
    describe: _Describer,
    max_changes: int,
    limit: int,
) -> CurrentStanding | None:
    if any(issue.key not in model.current for issue in model.issues):
        return None
    chosen = [issue.option_keys().index(model.current[issue.key]) for issue in model.issues]
    result = standing(space, points, chosen, max_changes=max_changes, limit=limit)
    nearest = None
    if result.nearest is not None:
        nearest = describe.point(packages[result.nearest], points[result.nearest].tolist())
    return CurrentStanding(
        point=describe.point(chosen, result.utilities),
        dominated=result.dominated,
        distance=result.distance,
        nearest=nearest,
        trades=tuple(describe.trade(trade, chosen) for trade in result.trades),
        searched=result.searched,
    )


class _Describer:
    """Turns option indices and utility rows into labelled packages and sentences."""

    def __init__(self, model: PackageDealModel, estimated: tuple[str, ...]) -> None:
        self.model = model
        self.estimated = estimated

    def point(self, package: Sequence[int] | IntArray, utilities: Sequence[float]) -> PackagePoint:
        chosen = {
            issue.key: issue.options[int(option)].key
            for issue, option in zip(self.model.issues, package, strict=True)
        }
        return PackagePoint(
            chosen, dict(zip(self.model.parties, map(float, utilities), strict=True))
        )

    def trade(self, trade: Trade, chosen: Sequence[int]) -> TradeView:
        issues = self.model.issues
        changes = tuple(
            (issues[i].key, issues[i].options[chosen[i]].key, issues[i].options[o].key)
            for i, o in trade.changes
        )
        moves = [
            f"{_issue_name(issues[i])} to \u201c{issues[i].options[o].label}\u201d"
            for i, o in trade.changes
        ]
        gains = dict(zip(self.model.parties, trade.gains, strict=True))
        amounts = [
            f"{gain:+.1f} for {party}" + (" (estimated)" if party in self.estimated else "")
            for party, gain in gains.items()
        ]
        sentence = f"move {_and(moves)}: {', '.join(amounts)}"
        return TradeView(changes, gains, trade.joint_gain, sentence)


def _issue_name(issue: Issue) -> str:
    references = [provision_reference(eid) for eid in issue.provisions]
    return f"{issue.title} ({', '.join(references)})" if references else issue.title


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _notes(
    model: PackageDealModel,
    viewer: Viewer,
    estimated: tuple[str, ...],
    method: str,
    work: int,
    zopa: bool,
    current: CurrentStanding | None,
) -> tuple[str, ...]:
    notes = []
    if viewer.mode is AnalysisMode.DELEGATION:
        notes.append(
            f"delegation view of {viewer.party}: the utilities of {', '.join(estimated)} are "
            "estimates from the public record (proposals tabled, priorities stated)"
        )
    elif viewer.mode is AnalysisMode.JOINT:
        notes.append("joint analysis with every delegation's consent: true valuations of all")
    else:
        notes.append("mediator analysis: true valuations of all")
    if method == "exact":
        notes.append(
            "exact Pareto frontier (dynamic programme over the issues; "
            f"largest intermediate frontier {work} points)"
        )
    else:
        notes.append(
            f"frontier too large to compute exactly: {work} MILP solves (ε-constraint) sampled "
            "Pareto-optimal packages; the solutions are the best among them"
        )
    if not zopa:
        notes.append("no zone of possible agreement: no package meets every reservation value")
    if current is None:
        missing = [issue.key for issue in model.issues if issue.key not in model.current]
        notes.append("current package unknown for: " + ", ".join(missing))
    return tuple(notes)


def analysis_as_dict(analysis: PackageDealAnalysis) -> dict[str, Any]:
    """The public JSON shape of an analysis (``foedus frontier --format json``; documented in
    docs/package-deals.md). Utilities are rounded to 6 decimals."""

    def point(value: PackagePoint | None) -> dict[str, Any] | None:
        if value is None:
            return None
        return {"package": dict(value.package), "utilities": _rounded(value.utilities)}

    current = analysis.current
    return {
        "title": analysis.title,
        "mode": analysis.mode.value,
        "viewer": analysis.viewer,
        "parties": list(analysis.parties),
        "estimated": list(analysis.estimated),
        "issues": [
            {
                "key": issue.key,
                "title": issue.title,
                "provisions": list(issue.provisions),
                "options": [{"key": o.key, "label": o.label} for o in issue.options],
            }
            for issue in analysis.issues
        ],
        "reservation": _rounded(analysis.reservation),
        "zopa": analysis.zopa,
        "ideal": None if analysis.ideal is None else _rounded(analysis.ideal),
        "frontier": {
            "method": analysis.frontier_method,
            "exact": analysis.frontier_exact,
            "points": [point(p) for p in analysis.frontier],
        },
        "nash": point(analysis.nash),
        "kalai_smorodinsky": point(analysis.kalai_smorodinsky),
        "max_joint_gain": point(analysis.max_joint_gain),
        "current": None
        if current is None
        else {
            **(point(current.point) or {}),
            "dominated": current.dominated,
            "distance": None if current.distance is None else round(current.distance, 6),
            "nearest": point(current.nearest),
            "trades_searched_up_to": current.searched,
            "trades": [
                {
                    "changes": [{"issue": i, "from": a, "to": b} for i, a, b in trade.changes],
                    "gains": _rounded(trade.gains),
                    "joint_gain": round(trade.joint_gain, 6),
                    "explanation": trade.explanation,
                }
                for trade in current.trades
            ],
        },
        "notes": list(analysis.notes),
    }


def _rounded(values: Mapping[str, float]) -> dict[str, float]:
    return {key: round(value, 6) for key, value in values.items()}
