"""Redlines: what changed between two texts, word by word.

Tokens are words, single punctuation marks and runs of whitespace, so a redline never splits a
word and shows a changed comma as a changed comma. The diff is difflib's (longest matching
blocks, no junk heuristics); adjacent segments of the same kind are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

__all__ = ["Segment", "redline"]

_TOKEN = re.compile(r"\s+|\w+(?:[’'\-]\w+)*|[^\w\s]")

Kind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of unchanged, inserted or deleted text; ``by`` is who made the change, when
    known (filled in by the caller that knows the history)."""

    kind: Kind
    text: str
    by: str | None = None


def redline(old: str, new: str) -> list[Segment]:
    """The word-level changes turning ``old`` into ``new``: joining the ``equal`` and
    ``insert`` segments gives ``new``; joining ``equal`` and ``delete`` gives ``old``."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in {"delete", "replace"}:
            _push(segments, "delete", "".join(a[i1:i2]))
        if tag in {"insert", "replace"}:
            _push(segments, "insert", "".join(b[j1:j2]))
        if tag == "equal":
            _push(segments, "equal", "".join(a[i1:i2]))
    return segments


def _push(segments: list[Segment], kind: Kind, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))
