"""The package-deal model file (YAML; see docs/package-deals.md): read it and check every
entry, so that a bad file fails with one line naming the entry and the reason.

The same checks serve any mapping of that shape (:func:`model_from_mapping`), e.g. a JSON body
sent by the web workspace.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Set
from pathlib import Path
from typing import Any, NoReturn

from foedus.domain.package_deal import (
    Issue,
    Option,
    PackageDealModel,
    PackageModelError,
    PublicRecord,
    Valuation,
)
from foedus.negotiation.elicitation import (
    normalised_weights,
    points_weights,
    rank_order_centroid,
    ranked_values,
)

__all__ = ["MAX_MODEL_BYTES", "model_from_mapping", "read_model"]

MAX_MODEL_BYTES = 5 * 1024 * 1024
_TOP = {"title", "parties", "issues", "valuations", "public", "current", "draft", "consent"}
_ISSUE = {"key", "title", "provisions", "options"}
_OPTION = {"key", "label", "text"}
_VALUATION = {"weights", "points", "ranking", "values", "reservation", "assumed_reservations"}
_PUBLIC = {"proposed", "priorities"}


def read_model(path: Path) -> PackageDealModel:
    """Read and check a YAML model file; raises :class:`PackageModelError` (an input error,
    naming the file) on any problem."""
    import yaml

    try:
        if path.stat().st_size > MAX_MODEL_BYTES:
            raise PackageModelError("model file is larger than 5 MB", path)
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PackageModelError(f"cannot read model file: {reason}", path) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise PackageModelError(f"not valid YAML{where}: {problem}", path) from None
    return model_from_mapping(data, path)


def model_from_mapping(data: object, source: str | Path | None = None) -> PackageDealModel:
    """Check a model given as plain data (mappings, lists, strings, numbers)."""
    check = _Checker(source)
    top = check.mapping(data, "", _TOP, required={"parties", "issues"})
    parties = tuple(check.names(top["parties"], "parties", minimum=2))
    issues = tuple(
        check.issue(entry, f"issues[{n}]")
        for n, entry in enumerate(check.sequence(top["issues"], "issues", minimum=1))
    )
    check.unique([issue.key for issue in issues], "issues", "issue key")
    by_key = {issue.key: issue for issue in issues}
    valuations = {
        party: check.valuation(party, entry, by_key, parties)
        for party, entry in check.party_mapping(top.get("valuations", {}), "valuations", parties)
    }
    public = {
        party: check.public(party, entry, by_key)
        for party, entry in check.party_mapping(top.get("public", {}), "public", parties)
    }
    current = check.package(top.get("current", {}), "current", by_key)
    consent = check.names(top.get("consent", []), "consent", minimum=0)
    for party in consent:
        if party not in parties:
            check.fail("consent", f"unknown party {party!r}")
    draft = top.get("draft")
    if draft is not None:
        draft = check.text(draft, "draft")
        if source is not None and not Path(draft).is_absolute():
            draft = str(Path(source).parent / draft)
    title = check.text(top.get("title", Path(str(source or "model")).stem), "title")
    return PackageDealModel(
        title, parties, issues, valuations, public, current, frozenset(consent), draft
    )


class _Checker:
    """Reads one kind of entry each, naming the entry's path in every error."""

    def __init__(self, source: str | Path | None) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> NoReturn:
        raise PackageModelError(message, self.source, where)

    def mapping(
        self, value: object, where: str, allowed: Set[str], required: Set[str] = frozenset()
    ) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.fail(where, f"expected a mapping, found {_kind(value)}")
        entries: dict[str, Any] = {}
        for key, item in value.items():
            name = str(key) if isinstance(key, str | int) and not isinstance(key, bool) else None
            if name is None or name not in allowed:
                self.fail(_join(where, str(key)), f"unknown entry (expected {_list(allowed)})")
            entries[name] = item
        for name in sorted(required - set(entries)):
            self.fail(_join(where, name), "missing")
        return entries

    def sequence(self, value: object, where: str, minimum: int) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, f"expected a list, found {_kind(value)}")
        if len(value) < minimum:
            self.fail(where, f"needs at least {minimum} {'entry' if minimum == 1 else 'entries'}")
        return value

    def text(self, value: object, where: str) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(where, f"expected text, found {_kind(value)}")
        text = str(value).strip()
        if not text:
            self.fail(where, "must not be empty")
        return text

    def number(
        self, value: object, where: str, low: float = -math.inf, high: float = math.inf
    ) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.fail(where, f"expected a number, found {_kind(value)}")
        if not low <= value <= high:
            self.fail(where, f"must lie between {low:g} and {high:g} (found {value:g})")
        return float(value)

    def names(self, value: object, where: str, minimum: int) -> list[str]:
        names = [
            self.text(v, f"{where}[{n}]")
            for n, v in enumerate(self.sequence(value, where, minimum))
        ]
        self.unique(names, where, "name")
        return names

    def unique(self, names: list[str], where: str, what: str) -> None:
        seen: set[str] = set()
        for name in names:
            if name in seen:
                self.fail(where, f"{what} {name!r} appears twice")
            seen.add(name)

    def party_mapping(
        self, value: object, where: str, parties: tuple[str, ...]
    ) -> list[tuple[str, Any]]:
        entries = self.mapping(value, where, set(parties))
        return [(party, entries[party]) for party in parties if party in entries]

    def issue(self, value: object, where: str) -> Issue:
        entry = self.mapping(value, where, _ISSUE, required={"key", "options"})
        key = self.text(entry["key"], _join(where, "key"))
        provisions_value = entry.get("provisions", [])
        if isinstance(provisions_value, str):
            provisions_value = [provisions_value]
        provisions = tuple(self.names(provisions_value, _join(where, "provisions"), minimum=0))
        options = tuple(
            self.option(option, f"{_join(where, 'options')}[{n}]", provisions)
            for n, option in enumerate(self.sequence(entry["options"], _join(where, "options"), 2))
        )
        self.unique([option.key for option in options], _join(where, "options"), "option key")
        title = self.text(entry.get("title", key), _join(where, "title"))
        return Issue(key, title, provisions, options)

    def option(self, value: object, where: str, provisions: tuple[str, ...]) -> Option:
        if isinstance(value, str):
            return Option(self.text(value, where), value.strip())
        entry = self.mapping(value, where, _OPTION, required={"key"})
        key = self.text(entry["key"], _join(where, "key"))
        label = self.text(entry.get("label", key), _join(where, "label"))
        texts: dict[str, str] = {}
        raw = entry.get("text")
        if isinstance(raw, str):
            if not provisions:
                self.fail(_join(where, "text"), "the issue names no provision for this text")
            texts[provisions[0]] = raw.strip()
        elif raw is not None:
            for eid, text in self.mapping(raw, _join(where, "text"), set(provisions)).items():
                texts[eid] = self.text(text, _join(_join(where, "text"), eid))
        return Option(key, label, texts)

    def valuation(
        self, party: str, value: object, issues: Mapping[str, Issue], parties: tuple[str, ...]
    ) -> Valuation:
        where = f"valuations.{party}"
        entry = self.mapping(value, where, _VALUATION, required={"values", "reservation"})
        given = [name for name in ("weights", "points", "ranking") if name in entry]
        if len(given) != 1:
            self.fail(where, "give exactly one of weights, points or ranking")
        method = given[0]
        weights = self.weights(method, entry[method], _join(where, method), issues)
        values_entry = self.mapping(
            entry["values"], _join(where, "values"), set(issues), set(issues)
        )
        values = {
            key: self.option_values(values_entry[key], _join(_join(where, "values"), key), issue)
            for key, issue in issues.items()
        }
        assumed_entry = self.mapping(
            entry.get("assumed_reservations", {}),
            _join(where, "assumed_reservations"),
            set(parties) - {party},
        )
        assumed = {
            other: self.number(v, _join(_join(where, "assumed_reservations"), other), 0, 100)
            for other, v in assumed_entry.items()
        }
        reservation = self.number(entry["reservation"], _join(where, "reservation"), 0, 100)
        return Valuation(party, weights, values, reservation, method, assumed)

    def weights(
        self, method: str, value: object, where: str, issues: Mapping[str, Issue]
    ) -> dict[str, float]:
        keys = list(issues)
        if method == "ranking":
            ranking = self.names(value, where, minimum=len(keys))
            self.covers(ranking, keys, where, "issue")
            return dict(zip(ranking, rank_order_centroid(len(ranking)), strict=True))
        entry = self.mapping(value, where, set(keys), set(keys))
        raw = [self.number(entry[key], _join(where, key), 0) for key in keys]
        convert: Callable[[list[float]], list[float]] = (
            points_weights if method == "points" else normalised_weights
        )
        try:
            return dict(zip(keys, convert(raw), strict=True))
        except ValueError as exc:
            self.fail(where, str(exc))

    def option_values(self, value: object, where: str, issue: Issue) -> dict[str, float]:
        keys = list(issue.option_keys())
        if isinstance(value, list):
            ranking = self.names(value, where, minimum=len(keys))
            self.covers(ranking, keys, where, "option")
            return dict(zip(ranking, ranked_values(len(ranking)), strict=True))
        entry = self.mapping(value, where, set(keys), set(keys))
        return {key: self.number(entry[key], _join(where, key), 0, 100) for key in keys}

    def covers(self, ranking: list[str], keys: list[str], where: str, what: str) -> None:
        for name in ranking:
            if name not in keys:
                self.fail(where, f"unknown {what} {name!r} (expected {_list(keys)})")
        if len(ranking) != len(keys):
            self.fail(where, f"must rank every {what}")

    def package(self, value: object, where: str, issues: Mapping[str, Issue]) -> dict[str, str]:
        entry = self.mapping(value, where, set(issues))
        package: dict[str, str] = {}
        for key, option in entry.items():
            chosen = self.text(option, _join(where, key))
            if chosen not in issues[key].option_keys():
                options = _list(issues[key].option_keys())
                self.fail(_join(where, key), f"unknown option {chosen!r} (expected {options})")
            package[key] = chosen
        return package

    def public(self, party: str, value: object, issues: Mapping[str, Issue]) -> PublicRecord:
        where = f"public.{party}"
        entry = self.mapping(value, where, _PUBLIC)
        proposed = self.package(entry.get("proposed", {}), _join(where, "proposed"), issues)
        priorities = self.names(entry.get("priorities", []), _join(where, "priorities"), 0)
        for name in priorities:
            if name not in issues:
                self.fail(_join(where, "priorities"), f"unknown issue {name!r}")
        return PublicRecord(party, proposed, tuple(priorities))


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _list(names: Iterable[object]) -> str:
    return ", ".join(sorted(str(name) for name in names))


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
