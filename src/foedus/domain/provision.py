"""The provision tree: an agreement as nested, citable provisions over one normalised text.

Every node covers a contiguous span ``[start, end)`` of the document's normalised text; its
children partition the tail of that span, and its own text is the part before the first child.
So walking the tree in document order and concatenating every node's own text gives back the
whole document, character for character (see :meth:`Document.covers_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["Document", "Provision", "ProvisionKind", "cite_eid"]


class ProvisionKind(StrEnum):
    PREAMBLE = "preamble"
    PART = "part"
    CHAPTER = "chapter"
    SECTION = "section"
    ARTICLE = "article"
    PARAGRAPH = "paragraph"
    POINT = "point"
    ANNEX = "annex"
    FINAL = "final"


@dataclass(slots=True, eq=False)
class Provision:
    """One node of the tree. Treat it as immutable: it is shared by everything that analyses
    the document. (Not a frozen dataclass only because frozen construction costs 4x more,
    and a large treaty has tens of thousands of nodes.)

    ``num`` is the number as printed ("5", "1.1", "1-01", "V", "(a)", "1."); ``heading`` the
    title if the provision has one; :attr:`text` the node's own text (its number line, heading
    and chapeau — children excluded); ``body_start`` is where its text after number and
    heading begins. Offsets are absolute in ``document_text``, the document's normalised text.
    """

    eid: str
    kind: ProvisionKind
    num: str | None
    heading: str | None
    start: int
    end: int
    body_start: int
    children: tuple[Provision, ...]
    document_text: str = field(repr=False)

    @property
    def own_end(self) -> int:
        """End of the node's own text: where its first child starts, or its end."""
        return self.children[0].start if self.children else self.end

    @property
    def text(self) -> str:
        """The node's own text (children excluded), sliced from the document on demand so
        the tree never holds a second copy of the agreement."""
        return self.document_text[self.start : self.own_end]

    @property
    def full_text(self) -> str:
        """The node's text with all its descendants."""
        return self.document_text[self.start : self.end]

    @property
    def body(self) -> str:
        """The node's own text after its number and heading (the chapeau, for a list)."""
        return self.document_text[self.body_start : self.own_end]

    def walk(self) -> Iterator[Provision]:
        """This node and all its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def as_dict(self) -> dict[str, Any]:
        """The public JSON shape of a node (documented in the README; keep it stable)."""
        return {
            "eid": self.eid,
            "kind": self.kind.value,
            "num": self.num,
            "heading": self.heading,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "children": [child.as_dict() for child in self.children],
        }


@dataclass(frozen=True, slots=True)
class Document:
    """An agreement read into a provision tree.

    ``text`` is the normalised text every offset refers to; ``parties`` are the parties named
    in the title or opening words, as written.
    """

    source: str
    text: str
    provisions: tuple[Provision, ...]
    title: str | None = None
    language: str | None = None
    format: str = "text"
    parties: tuple[str, ...] = field(default=())

    def walk(self) -> Iterator[Provision]:
        """Every provision in document order."""
        for node in self.provisions:
            yield from node.walk()

    def find(self, eid: str) -> Provision | None:
        """The provision with this eId, if any."""
        return next((node for node in self.walk() if node.eid == eid), None)

    def cited(self, citation: str) -> Provision | None:
        """The provision a citation names, as :func:`cite_eid` writes them ("Article 4(3)(a)",
        "Art. 4(3)", "Annex 1", "Preamble") or by its eId; None if it names none here."""
        found = self.find(citation.strip())
        if found is not None:
            return found
        match = _CITATION.match(citation.strip())
        if match is None:
            return None
        if match["num"] is None:
            return self.find("preamble")
        eid = f"{_CITED_PREFIX[match['word'].lower().rstrip('.')]}_{match['num'].strip('.')}"
        node = self.find(eid)
        for item in _ITEM.findall(match["items"] or ""):
            node = self.find(f"{eid}__para_{item}") or self.find(f"{eid}__point_{item}")
            if node is None:
                return None
            eid = node.eid
        return node

    def articles(self) -> list[Provision]:
        return [node for node in self.walk() if node.kind is ProvisionKind.ARTICLE]

    def covers_text(self) -> bool:
        """True when the nodes' own texts, in order, rebuild the text exactly."""
        pos = 0
        for node in self.walk():
            if node.start != pos or self.text[node.start : node.own_end] != node.text:
                return False
            pos = node.own_end
        return pos == len(self.text)

    def as_dict(self) -> dict[str, Any]:
        """The public JSON shape of a parsed document (documented in the README)."""
        return {
            "source": self.source,
            "title": self.title,
            "language": self.language,
            "provisions": [node.as_dict() for node in self.provisions],
        }


_CITED = {"part": "Part", "chp": "Chapter", "sec": "Section", "art": "Article", "annex": "Annex"}
_CITED_PREFIX = {**{word.lower(): prefix for prefix, word in _CITED.items()}, "art": "art"}
_CITATION = re.compile(
    r"preamble$"
    r"|(?P<word>article|art\.?|annex|chapter|part|section)\s+(?P<num>[\w.\-]+?)"
    r"(?P<items>(?:\s*\([\w.\-]+\))*)$",
    re.IGNORECASE,
)
_ITEM = re.compile(r"\(([\w.\-]+)\)")


def cite_eid(eid: str) -> str:
    """A provision's eId as a diplomat cites it, read from the eId alone:
    "art_4__para_3__point_a" → "Article 4(3)(a)", "annex_1__art_2" → "Annex 1, Article 2",
    "preamble" → "Preamble". An eId of another shape is returned as it is."""
    pieces: list[str] = []
    for part in eid.split("__"):
        if part in ("preamble", "final") and not pieces:
            pieces.append("Preamble" if part == "preamble" else "Final clauses")
            continue
        prefix, _, number = part.partition("_")
        if prefix in ("para", "point") and number and pieces:
            pieces[-1] += f"({number})"
        elif prefix in _CITED and number:
            pieces.append(f"{_CITED[prefix]} {number}")
        else:
            return eid
    return ", ".join(pieces)
