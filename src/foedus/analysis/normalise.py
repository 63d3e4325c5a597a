"""Text normalisation shared by every reader, so offsets mean the same thing for every format.

The normalised text is what all offsets refer to: Unicode NFC, ``\\n`` line ends, no BOM,
zero-width or control characters (tabs stay), no-break spaces as spaces, no trailing blanks on
a line, at most one empty line in a row, no leading or trailing empty lines.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise"]

_INVISIBLE = dict.fromkeys(
    [
        *map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"),
        *range(0x09),
        *range(0x0E, 0x20),
        0x7F,
    ],
    None,
)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")
_TRAILING_BLANKS = re.compile(r"[ \t]+$", re.MULTILINE)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")


def normalise(raw: str) -> str:
    """Return ``raw`` in foedus's normalised form (idempotent)."""
    text = _LINE_BREAKS.sub("\n", raw)
    text = text.translate(_INVISIBLE).translate(_SPACES)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = _TRAILING_BLANKS.sub("", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")
