"""What a commitment is about: categories defined, with cue phrases, in data/categories.yaml.

The file is read once, on first use (never at import time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from foedus.analysis.extract.scanner import CueScanner, fold
from foedus.domain.errors import ConfigurationError

__all__ = ["OTHER", "Category", "categorise", "load_categories"]

OTHER = "other"


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    definition: str
    pattern: re.Pattern[str]
    cues: tuple[str, ...] = ()


@cache
def load_categories() -> tuple[Category, ...]:
    """The categories of foedus/data/categories.yaml, in file order."""
    raw = resources.files("foedus").joinpath("data/categories.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    return tuple(
        Category(
            id=entry["id"],
            label=entry["label"],
            definition=" ".join(entry["definition"].split()),
            pattern=re.compile(
                r"\b(?:" + "|".join(f"(?:{cue})" for cue in entry["cues"]) + r")\b", re.IGNORECASE
            ),
            cues=tuple(entry["cues"]),
        )
        for entry in data["categories"]
    )


# "\\S", "\\W", "\\B", "\\D": escapes that lower-casing a cue would turn into others
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


@cache
def _scanner() -> tuple[CueScanner, tuple[int, ...]]:
    """All cues as one alternation, a named group per cue, and the category of each group:
    one scan per clause finds every category whose cue starts there. The cues are
    lower-cased and matched against the folded text: the same matches as IGNORECASE, twice
    as fast."""
    cues: list[tuple[str, str]] = []
    owners: list[int] = []
    for index, category in enumerate(load_categories()):
        for cue in category.cues:
            folded = fold(cue)
            if folded is None or _UPPER_ESCAPE.search(cue):
                raise ConfigurationError(
                    f"category {category.id}: the cue {cue!r} cannot be folded", "categories"
                )
            cues.append((f"c{len(owners)}", folded))
            owners.append(index)
    return CueScanner(cues), tuple(owners)


@cache
def _plain() -> re.Pattern[str]:
    """The cues as one case-insensitive alternation, for a text that cannot be folded."""
    return re.compile(_scanner()[0].combined.pattern, re.IGNORECASE)


def _found(text: str) -> set[int]:
    scanner, owners = _scanner()
    folded = fold(text)
    matches = scanner.finditer(folded) if folded is not None else _plain().finditer(text)
    hits: set[int] = set()
    for match in matches:
        assert match.lastgroup is not None
        hits.add(owners[int(match.lastgroup[1:])])
    return hits


def categorise(text: str, heading: str | None = None) -> tuple[str, ...]:
    """Category ids whose cues occur in ``text``; failing that, in the article ``heading``;
    failing that, ``("other",)``."""
    categories = load_categories()
    hits = _found(text)
    if not hits and heading:
        hits = _found(heading)
    return tuple(categories[i].id for i in sorted(hits)) or (OTHER,)
