"""Clauses: the units commitments are read from.

A clause is a sentence of a provision's own text, or a list item read together with its
chapeau ("Each Party shall:" + "(a) share information;"), or a recital of the preamble. The
text of a clause may join pieces from different places (chapeau and item), so a clause keeps
the pieces and maps positions in its text back to offsets in the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from foedus.domain.provision import Document, Provision, ProvisionKind

__all__ = ["Clause", "Piece", "clauses", "sentences"]

# A sentence ends at . ! ? followed by space and a capital, quote or bracket — but not after
# an abbreviation ("U.S.", "No.", "Art.", "e.g.") or a single initial.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9А-ЯІЇЄ])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:U\.S|U\.K|e\.g|i\.e|No|Nos|Art|Arts|para|paras|Mr|Mrs|Ms|Dr|St|Inc|Ltd|Co|vol|pp"
    r"|p|cf|viz|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)
_BLOCKS = re.compile(r"\n\s*\n")
_CHAPEAU_END = re.compile(
    r"(?::|—|–|-|\bincluding|\bto|\bthat|\bfollowing|\bby)\s*$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the clause's text and where it lies in the document."""

    start: int  # offset in the document
    end: int
    offset: int  # offset in the clause text


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause: its text as read, the provision it belongs to and its document pieces.

    ``chapeau_length`` is how much of ``text`` comes from the chapeau (0 for a plain sentence);
    ``heading`` the heading of the enclosing article (or part/chapter), used as context.
    """

    eid: str
    text: str
    pieces: tuple[Piece, ...]
    chapeau_length: int = 0
    in_preamble: bool = False
    heading: str | None = None

    @property
    def start(self) -> int:
        """Start of the clause's own part (the item, for a list item) in the document."""
        return self.pieces[-1].start if self.chapeau_length else self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end

    def doc_offset(self, position: int) -> int:
        """The document offset of ``position`` in :attr:`text`."""
        for piece in reversed(self.pieces):
            if position >= piece.offset:
                return min(piece.start + position - piece.offset, piece.end)
        return self.pieces[0].start


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans within ``text[start:end]``, trimmed of surrounding whitespace."""
    cursor = start
    for block in _split(text, start, end, _BLOCKS):
        block_start, block_end = block
        cursor = block_start
        for match in _BOUNDARY.finditer(text, block_start, block_end):
            before = text[max(cursor, match.start() - 12) : match.start()]
            if _ABBREVIATIONS.search(before.rstrip("\"'”’)")):
                continue
            yield from _trimmed(text, cursor, match.start())
            cursor = match.end()
        yield from _trimmed(text, cursor, block_end)


def _split(text: str, start: int, end: int, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    cursor = start
    for match in pattern.finditer(text, start, end):
        yield cursor, match.start()
        cursor = match.end()
    yield cursor, end


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def clauses(document: Document) -> list[Clause]:
    """Every clause of ``document`` in document order (final clauses and signatures aside)."""
    found: list[Clause] = []
    text = document.text
    for node in document.provisions:
        if node.kind is ProvisionKind.PREAMBLE:
            found.extend(_recitals(text, node))
        elif node.kind is not ProvisionKind.FINAL:
            _walk(text, node, None, (), found)
    return found


def _recitals(text: str, node: Provision) -> Iterator[Clause]:
    """Each block of the preamble after the title is a recital (a declaration)."""
    blocks = list(_split(text, node.start, node.own_end, _BLOCKS))
    for start, end in blocks[1:]:  # the first block is the title
        for span_start, span_end in _trimmed(text, start, end):
            yield Clause(
                node.eid,
                text[span_start:span_end],
                (Piece(span_start, span_end, 0),),
                in_preamble=True,
            )


def _walk(
    text: str,
    node: Provision,
    heading: str | None,
    chapeau: tuple[tuple[int, int], ...],
    found: list[Clause],
) -> None:
    if node.heading and node.kind in {
        ProvisionKind.ARTICLE,
        ProvisionKind.PART,
        ProvisionKind.CHAPTER,
        ProvisionKind.SECTION,
        ProvisionKind.ANNEX,
    }:
        heading = node.heading
    spans = list(sentences(text, node.body_start, node.own_end))
    own_chapeau = chapeau
    if node.children and spans and _CHAPEAU_END.search(text[spans[-1][0] : spans[-1][1]]):
        own_chapeau = (*chapeau, spans.pop())
    for span in spans:
        found.append(_clause(text, node.eid, (*chapeau, span), bool(chapeau), heading))
    for child in node.children:
        _walk(text, child, heading, own_chapeau, found)


def _clause(
    text: str,
    eid: str,
    spans: tuple[tuple[int, int], ...],
    has_chapeau: bool,
    heading: str | None,
) -> Clause:
    parts: list[str] = []
    pieces: list[Piece] = []
    offset = 0
    for start, end in spans:
        if parts:
            parts.append(" ")
            offset += 1
        pieces.append(Piece(start, end, offset))
        parts.append(text[start:end])
        offset += end - start
    chapeau_length = pieces[-1].offset if has_chapeau else 0
    return Clause(eid, "".join(parts), tuple(pieces), chapeau_length, False, heading)
