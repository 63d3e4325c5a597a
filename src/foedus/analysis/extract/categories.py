"""What a commitment is about: categories defined, with cue phrases, in data/categories.yaml.

The file is read once, on first use (never at import time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from foedus.analysis.extract.scanner import CueScanner, fold
from foedus.domain.errors import ConfigurationError

__all__ = [
    "OTHER",
    "Category",
    "categorise",
    "load_categories",
    "reads_as_security_agreement",
]

OTHER = "other"


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    definition: str
    pattern: re.Pattern[str]  # every cue: what the category matches in a security agreement
    cues: tuple[str, ...] = ()
    broad_cues: tuple[str, ...] = ()  # counted only in a text that reads as one


@dataclass(frozen=True, slots=True)
class _Context:
    pattern: re.Pattern[str]
    density: float  # words per 1,000 characters
    judge_from: int  # characters


def _alternation(cues: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(f"(?:{cue})" for cue in cues) + r")\b", re.IGNORECASE)


@cache
def _data() -> dict[str, Any]:
    raw = resources.files("foedus").joinpath("data/categories.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(raw)
    return data


@cache
def load_categories() -> tuple[Category, ...]:
    """The categories of foedus/data/categories.yaml, in file order."""
    return tuple(
        Category(
            id=entry["id"],
            label=entry["label"],
            definition=" ".join(entry["definition"].split()),
            pattern=_alternation(entry["cues"] + entry.get("broad_cues", [])),
            cues=tuple(entry["cues"]),
            broad_cues=tuple(entry.get("broad_cues", [])),
        )
        for entry in _data()["categories"]
    )


@cache
def _context() -> _Context:
    data = _data()
    return _Context(
        _alternation(data["security_context"]),
        float(data["security_density"]),
        int(data["judge_from"]),
    )


def reads_as_security_agreement(text: str) -> bool:
    """Whether the broad cues of the categories count in ``text``: it speaks of military and
    defence matters often enough (``security_density`` words per 1,000 characters), or it is
    too short to tell (under ``judge_from`` characters: a clause, a draft article)."""
    context = _context()
    if len(text) < context.judge_from:
        return True
    needed = context.density * len(text) / 1000
    seen = context.pattern.finditer(text)
    return any(count >= needed for count, _ in enumerate(seen, 1))  # stops once enough are seen


# "\\S", "\\W", "\\B", "\\D": escapes that lower-casing a cue would turn into others
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


@cache
def _scanner(broad: bool = True) -> tuple[CueScanner, tuple[int, ...]]:
    """The cues (with ``broad``, the broad cues too) as one alternation, a named group per
    cue, and the category of each group: one scan per clause finds every category whose cue
    starts there. The broad cues are left out of the scanner, not filtered from its matches:
    a broad match would use up text where a strict cue starts ("exchange intelligence"). The
    cues are lower-cased and matched against the folded text: the same matches as
    IGNORECASE, twice as fast."""
    cues: list[tuple[str, str]] = []
    owners: list[int] = []
    for index, category in enumerate(load_categories()):
        for cue in category.cues + (category.broad_cues if broad else ()):
            folded = fold(cue)
            if folded is None or _UPPER_ESCAPE.search(cue):
                raise ConfigurationError(
                    f"category {category.id}: the cue {cue!r} cannot be folded", "categories"
                )
            cues.append((f"c{len(owners)}", folded))
            owners.append(index)
    return CueScanner(cues), tuple(owners)


@cache
def _plain(broad: bool = True) -> re.Pattern[str]:
    """The cues as one case-insensitive alternation, for a text that cannot be folded."""
    return re.compile(_scanner(broad)[0].combined.pattern, re.IGNORECASE)


def _found(text: str, broad: bool = True) -> set[int]:
    scanner, owners = _scanner(broad)
    folded = fold(text)
    matches = scanner.finditer(folded) if folded is not None else _plain(broad).finditer(text)
    hits: set[int] = set()
    for match in matches:
        assert match.lastgroup is not None
        hits.add(owners[int(match.lastgroup[1:])])
    return hits


def categorise(text: str, heading: str | None = None, *, broad: bool = True) -> tuple[str, ...]:
    """Category ids whose cues occur in ``text``; failing that, in the article ``heading``;
    failing that, ``("other",)``. ``broad``: whether the broad cues count (they do in a text
    that :func:`reads_as_security_agreement`)."""
    categories = load_categories()
    hits = _found(text, broad)
    if not hits and heading:
        hits = _found(heading, broad)
    return tuple(categories[i].id for i in sorted(hits)) or (OTHER,)
