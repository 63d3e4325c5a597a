"""A package deal: negotiation issues with discrete options, and each delegation's private
valuation of them.

An *issue* is linked to one or more provisions (by eId) and has two or more *options*; an option
may carry the provision text it would produce. A *package* picks one option per issue. Each
delegation's *valuation* is private: issue weights that sum to 100 and option values from 0
(worst) to 100 (best), so its utility of a package,
``sum(weight[i] * value[i][option_i]) / 100``, lies between 0 and 100; its *reservation value*
(BATNA) is on the same scale. What a delegation has said in the open — the options it tabled,
the issues it named as priorities — is its *public record*, from which the other side's
valuation can be estimated without seeing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from foedus.domain.errors import AnalysisNotPermittedError, PackageModelError

__all__ = [
    "AnalysisMode",
    "AnalysisNotPermittedError",
    "Issue",
    "Option",
    "Package",
    "PackageDealModel",
    "PackageModelError",
    "PublicRecord",
    "Valuation",
    "Viewer",
]

Package = Mapping[str, str]
"""One option key per issue key."""


@dataclass(frozen=True, slots=True)
class Option:
    """One way to settle an issue; ``texts`` maps a provision eId to the text it would get."""

    key: str
    label: str
    texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Issue:
    """A negotiation issue over ``provisions`` (eIds), settled by exactly one of ``options``.
    Options are listed along their natural scale (firmest first, say): the estimator of an
    unseen valuation reads that order."""

    key: str
    title: str
    provisions: tuple[str, ...]
    options: tuple[Option, ...]

    def option_keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)

    def option(self, key: str) -> Option:
        for option in self.options:
            if option.key == key:
                return option
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class Valuation:
    """A delegation's private valuation. ``weights`` sum to 100; ``values[issue][option]`` lie
    in 0–100. ``elicitation`` records how the weights were entered ("weights", "points" or
    "ranking"). ``assumed_reservations`` are this delegation's guesses of the other parties'
    reservation values, used only in its own (delegation) view."""

    party: str
    weights: Mapping[str, float]
    values: Mapping[str, Mapping[str, float]]
    reservation: float
    elicitation: str = "weights"
    assumed_reservations: Mapping[str, float] = field(default_factory=dict)

    def utility(self, package: Package) -> float:
        """The utility of ``package`` (0–100)."""
        return sum(self.weights[i] * self.values[i][package[i]] for i in self.weights) / 100


@dataclass(frozen=True, slots=True)
class PublicRecord:
    """What a delegation has said in the open: the option it tabled on each issue it made a
    proposal on, and the issues it named as its priorities (most important first)."""

    party: str
    proposed: Mapping[str, str] = field(default_factory=dict)
    priorities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PackageDealModel:
    """Issues, options, the delegations' valuations and public records, and the current
    package. ``valuations`` may lack a party (a delegation's own file holds only its own);
    ``current`` may be partial until it is derived from the draft (see ``draft``, the path
    of the draft agreement the package is read from); ``consent`` lists the delegations that
    agreed to a joint analysis."""

    title: str
    parties: tuple[str, ...]
    issues: tuple[Issue, ...]
    valuations: Mapping[str, Valuation]
    public: Mapping[str, PublicRecord] = field(default_factory=dict)
    current: Mapping[str, str] = field(default_factory=dict)
    consent: frozenset[str] = frozenset()
    draft: str | None = None

    def issue(self, key: str) -> Issue:
        for issue in self.issues:
            if issue.key == key:
                return issue
        raise KeyError(key)


class AnalysisMode(StrEnum):
    """Who sees what. ``delegation``: one delegation, with its own valuation and an estimate of
    the others from their public records. ``joint``: every delegation's true valuation, only
    with the consent of all. ``mediator``: the true valuations, for a mediator trusted by all."""

    DELEGATION = "delegation"
    JOINT = "joint"
    MEDIATOR = "mediator"


@dataclass(frozen=True, slots=True)
class Viewer:
    """The one an analysis is for; ``party`` is set in the delegation mode only."""

    mode: AnalysisMode
    party: str | None = None

    @classmethod
    def delegation(cls, party: str) -> Viewer:
        return cls(AnalysisMode.DELEGATION, party)

    @classmethod
    def joint(cls) -> Viewer:
        return cls(AnalysisMode.JOINT)

    @classmethod
    def mediator(cls) -> Viewer:
        return cls(AnalysisMode.MEDIATOR)
