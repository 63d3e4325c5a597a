"""The parties of an agreement and the names they go by.

Parties come from the title ("… between Ukraine and the United States of America") and the
opening words of the preamble ("Ukraine and the United States of America (hereinafter "the
Parties")"); aliases from "(hereinafter "the UK")", "(the 'UK')", and short forms ("the United
States" for "the United States of America", "Japan" for "the Government of Japan"). Collective
names ("the Parties", "Each Party", "the Participants", "the Sides", "States Parties") stand
for all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foedus.analysis.reading import split_names
from foedus.domain.provision import Document, ProvisionKind

__all__ = ["PartyRegistry", "registry_for"]

_COLLECTIVE = re.compile(
    r"\b(?:the\s+|both\s+|all\s+|each\s+|either\s+|neither\s+|any\s+|a\s+|one\s+|no\s+)?"
    r"(?:(?:high\s+)?contracting\s+)?(?:states?\s+)?"
    r"(?:part(?:y|ies)|participants?|sides?|signator(?:y|ies))\b",
    re.IGNORECASE,
)
_HEREINAFTER = re.compile(
    r"\((?:hereinafter|hereafter)?\s*(?:(?:collectively|jointly|individually|separately)\s+)?"
    r"(?:referred\s+to\s+(?:in\s+this\s+\w+\s+)?as\s+|called\s+|known\s+as\s+)?"
    r"(?:the\s+)?[\"“'‘]+(?P<alias>[^\"”'’]{1,60})[\"”'’]+\)",
    re.IGNORECASE,
)
_OPENING = re.compile(
    r"^(?P<names>(?:The\s+Government\s+of\s+)?[A-Z][^\n(]{2,300}?)\s*\(", re.MULTILINE
)
_GOVERNMENT = re.compile(r"^(?:the\s+)?(?:Government|Governments)\s+of\s+", re.IGNORECASE)
_SHORT_FORMS = {
    "united states of america": ("the United States", "the US", "the U.S.", "USA", "America"),
    "united kingdom of great britain and northern ireland": ("the United Kingdom", "the UK"),
    "russian federation": ("Russia",),
    "federal republic of germany": ("Germany",),
    "french republic": ("France",),
    "italian republic": ("Italy",),
    "republic of poland": ("Poland",),
}


@dataclass
class PartyRegistry:
    """Parties (canonical names) and the patterns that refer to each of them."""

    parties: list[str] = field(default_factory=list)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    collective: set[str] = field(default_factory=set)
    _pattern: re.Pattern[str] | None = None

    def add(self, name: str, *aliases: str) -> str:
        canonical = _clean(name)
        for known in self.parties:
            if _key(known) == _key(canonical) or _key(canonical) in {
                _key(a) for a in self.aliases[known]
            }:
                self.aliases[known].update(_clean(a) for a in aliases)
                return known
        self.parties.append(canonical)
        forms = {canonical, *(_clean(a) for a in aliases)}
        stripped = _GOVERNMENT.sub("", canonical)
        forms.add(stripped)
        forms.add(re.sub(r"^the\s+", "", stripped, flags=re.IGNORECASE))
        forms.update(_SHORT_FORMS.get(_key(stripped), ()))
        self.aliases[canonical] = {f for f in forms if f}
        self._pattern = None
        return canonical

    def resolve(self, obligor: str | None) -> tuple[str, ...]:
        """The parties an obligor refers to, in registry order ("Each Party" → all)."""
        if not obligor:
            return ()
        found: set[str] = set()
        text = obligor
        if self._names().search(text) is None and _COLLECTIVE.search(text):
            if re.search(r"\bother\b", text, re.IGNORECASE):
                return ()
            return tuple(self.parties)
        for match in self._names().finditer(text):
            found.add(self._owner(match.group(0)))
        return tuple(p for p in self.parties if p in found)

    def mentions(self, text: str) -> list[tuple[str, int, int]]:
        """Every mention of a party by name in ``text``: (party, start, end)."""
        return [(self._owner(m.group(0)), m.start(), m.end()) for m in self._names().finditer(text)]

    def _owner(self, written: str) -> str:
        key = _key(written)
        for party, forms in self.aliases.items():
            if key in {_key(f) for f in forms}:
                return party
        return written

    def _names(self) -> re.Pattern[str]:
        if self._pattern is None:
            forms = sorted(
                {re.sub(r"^the\s+", "", f, flags=re.I) for v in self.aliases.values() for f in v},
                key=len,
                reverse=True,
            )
            body = "|".join(re.escape(f) for f in forms if len(f) > 1) or r"(?!x)x"
            self._pattern = re.compile(rf"\b(?:the\s+)?(?:{body})\b(?!\s+of\b)", re.IGNORECASE)
        return self._pattern


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.;:\"'“”")


def _key(name: str) -> str:
    return re.sub(r"^the\s+", "", _clean(name).casefold())


def registry_for(document: Document) -> PartyRegistry:
    """The parties of ``document`` from its title and opening words."""
    registry = PartyRegistry()
    opening = ""
    if document.provisions and document.provisions[0].kind is ProvisionKind.PREAMBLE:
        opening = document.provisions[0].text[:3000]
    for match in _OPENING.finditer(opening):
        names = match.group("names")
        after = opening[match.start("names") + len(names) :]
        alias = _HEREINAFTER.match(after.lstrip())
        if alias is None:
            continue
        label = alias.group("alias")
        parts = list(split_names(names))
        if len(parts) >= 2 and _COLLECTIVE.fullmatch(label.strip()):
            registry.collective.add(label)
            for part in parts:
                registry.add(part)
        elif len(parts) == 1 and len(names) < 120:
            registry.add(parts[0], label)
    for name in document.parties:
        registry.add(name)
    # single aliases given later in the preamble: "the United Kingdom (the 'UK')"
    for match in _HEREINAFTER.finditer(opening):
        label = match.group("alias")
        if _COLLECTIVE.fullmatch(label.strip()):
            continue
        before = opening[: match.start()].rstrip()
        for party in registry.parties:
            for form in list(registry.aliases[party]):
                if form and before.lower().endswith(form.lower()):
                    registry.add(party, label)
    return registry
