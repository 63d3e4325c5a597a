"""Readers: one per format, each turning bytes into a :class:`SourceText`.

Heavy libraries (python-docx, pypdf, defusedxml) are imported inside the reader that needs
them, so reading a text file never pays for them.
"""

from __future__ import annotations

from pathlib import Path

from foedus.analysis.ingest.detect import FORMATS, detect_format
from foedus.analysis.ingest.source import Limits, OutlineEntry, SourceText
from foedus.domain.errors import (
    EmptyDocumentError,
    FileTooLargeError,
    UnreadableFileError,
    UnsupportedFormatError,
)

__all__ = [
    "FORMATS",
    "Limits",
    "OutlineEntry",
    "SourceText",
    "detect_format",
    "read_bytes",
    "read_path",
]


def read_path(path: Path, limits: Limits | None = None) -> SourceText:
    """Read the file at ``path`` (any supported format) into normalised text."""
    limits = limits or Limits()
    source = str(path)
    try:
        if path.is_dir():
            raise UnreadableFileError("is a directory, not a file", source)
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise FileTooLargeError(
                f"file is {_mb(size)}, over the {_mb(limits.max_bytes)} limit",
                source,
                size=size,
                limit=limits.max_bytes,
            )
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableFileError("no such file", source) from None
    except PermissionError:
        raise UnreadableFileError("permission denied", source) from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot read the file ({exc.strerror or exc})", source) from None
    return read_bytes(data, source, suffix=path.suffix, limits=limits)


def read_bytes(
    data: bytes, source: str, suffix: str = "", limits: Limits | None = None
) -> SourceText:
    """Read ``data`` (the content of ``source``) into normalised text."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise FileTooLargeError(
            f"content is over the {_mb(limits.max_bytes)} limit",
            source,
            size=len(data),
            limit=limits.max_bytes,
        )
    if not data.strip():
        raise EmptyDocumentError("the document is empty", source)
    fmt = detect_format(data, suffix)
    if fmt == "text":
        from foedus.analysis.ingest.text import read_text

        return read_text(data, source)
    if fmt == "markdown":
        from foedus.analysis.ingest.text import read_markdown

        return read_markdown(data, source)
    if fmt == "html":
        from foedus.analysis.ingest.html import read_html

        return read_html(data, source)
    if fmt == "docx":
        from foedus.analysis.ingest.docx import read_docx

        return read_docx(data, source, limits)
    if fmt == "pdf":
        from foedus.analysis.ingest.pdf import read_pdf

        return read_pdf(data, source, limits)
    if fmt == "tota":
        from foedus.analysis.ingest.tota import read_tota

        return read_tota(data, source)
    if fmt == "akn":
        from foedus.analysis.ingest.akn import read_akn

        return read_akn(data, source)
    reasons = {
        "zip": "a ZIP archive that is not a DOCX document",
        "ole": "a legacy binary Word/Office file; save it as DOCX or PDF",
        "xml": "XML that is neither Akoma Ntoso nor ToTA",
    }
    raise UnsupportedFormatError(reasons.get(fmt, f"unsupported format {fmt}"), source)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
