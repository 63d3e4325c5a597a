"""Plain text and Markdown: decoding with encoding detection, Markdown markup removed."""

from __future__ import annotations

import codecs
import re

from foedus.analysis.ingest.source import SourceText
from foedus.analysis.normalise import normalise
from foedus.domain.errors import EmptyDocumentError, EncodingError, UnsupportedFormatError

__all__ = ["decode_text", "read_markdown", "read_text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 200)


def decode_text(data: bytes, source: str) -> str:
    """Decode bytes to text: BOM, then UTF-8, then a detected legacy encoding, else fail."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"invalid {encoding} text ({exc.reason})", source) from None
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data, source)
    if _looks_binary(text):
        raise UnsupportedFormatError("binary data, not text or a known document format", source)
    return text


def _decode_legacy(data: bytes, source: str) -> str:
    if b"\x00" in data[:65536]:
        raise UnsupportedFormatError("binary data, not text or a known document format", source)
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 2 * 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise EncodingError("cannot determine the text encoding (not UTF-8)", source)
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise EncodingError(
            f"cannot decode the text (not UTF-8; best guess {best.encoding} fails)", source
        ) from None


def read_text(data: bytes, source: str) -> SourceText:
    text = normalise(decode_text(data, source))
    if not text.strip():
        raise EmptyDocumentError("the document is empty", source)
    return SourceText(text=text, format="text")


_MD_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_RULE = re.compile(r"^[ ]{0,3}(?:[-*_][ \t]*){3,}$", re.M)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_MD_QUOTE = re.compile(r"^[ ]{0,3}> ?", re.M)


def read_markdown(data: bytes, source: str) -> SourceText:
    """Markdown as text: markup removed, ``#`` headings kept as heading lines."""
    raw = normalise(decode_text(data, source))
    raw = _MD_RULE.sub("", raw)
    raw = _MD_QUOTE.sub("", raw)
    raw = _MD_LINK.sub(r"\1", raw)
    raw = _MD_EMPHASIS.sub(r"\2", raw)
    raw = _MD_ITALIC.sub(r"\1", raw)
    lines: list[str] = []
    headings: list[int] = []
    offset = 0
    for line in raw.split("\n"):
        match = _MD_HEADING.match(line)
        if match:
            line = match.group(2)
        line = _MD_ESCAPE.sub(r"\1", line).rstrip()
        if not line and (not lines or not lines[-1]):
            continue  # keep the text normalised: no leading or repeated empty lines
        if match:
            headings.append(offset)
        lines.append(line)
        offset += len(line) + 1
    text = "\n".join(lines).rstrip("\n")
    if not text.strip():
        raise EmptyDocumentError("the document is empty", source)
    return SourceText(text=text, format="markdown", heading_lines=frozenset(headings))
