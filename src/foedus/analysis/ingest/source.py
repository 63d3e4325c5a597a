"""What every reader returns: normalised text plus the layout hints its format carries."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Limits", "OutlineEntry", "SourceText"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits for reading untrusted files.

    ``max_bytes`` bounds the file itself; ``max_unpacked_bytes`` bounds what a container (DOCX)
    may expand to, which is what stops a zip bomb; ``max_pages`` bounds PDF work.
    """

    max_bytes: int = 50 * 1024 * 1024
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_pages: int = 5000


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """A structural node declared by the source's markup (ToTA, Akoma Ntoso).

    ``start`` is where the node begins in the normalised text and ``body_start`` where its
    text after number and heading begins. ``depth`` nests entries (0 = top level).
    """

    kind: str
    num: str | None
    heading: str | None
    start: int
    body_start: int
    depth: int = 0
    eid: str | None = None


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document as text, ready to segment.

    ``heading_lines`` holds offsets of lines the source marks as headings (Word heading
    styles, HTML ``<h1>``–``<h6>``, Markdown ``#``): strong evidence for the segmenter.
    ``outline``, when present, is authoritative for parts/chapters/articles/annexes.
    """

    text: str
    format: str
    title: str | None = None
    language: str | None = None
    heading_lines: frozenset[int] = field(default_factory=frozenset)
    outline: tuple[OutlineEntry, ...] = ()
