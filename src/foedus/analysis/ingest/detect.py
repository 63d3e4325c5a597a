"""Format detection by content first, extension second."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

__all__ = ["FORMATS", "detect_format"]

FORMATS = ("text", "markdown", "html", "docx", "pdf", "tota", "akn")

_XML_ROOT = re.compile(rb"<(?!\?|!)([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_HTML_HINT = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|h[1-6]|table)[\s>]", re.I)
_MARKDOWN_HINT = re.compile(r"^(?:#{1,6} \S|\*\*[^*\n]+\*\*\s*$|[-*] \S)", re.M)


def _xml_root(head: bytes) -> str | None:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        return None
    body = re.sub(rb"<!--.*?-->", b"", stripped, flags=re.S)
    for match in _XML_ROOT.finditer(body):
        if body[match.start() : match.start() + 9].lower() == b"<!doctype":
            continue
        return match.group(2).decode("ascii", "replace")
    return None


def detect_format(data: bytes, suffix: str = "") -> str:
    """Name the format of ``data``: one of :data:`FORMATS`, or ``"zip"``, ``"ole"``, ``"xml"``.

    The last three are containers foedus recognises but does not read; the caller reports
    them. ``suffix`` (".md", ".txt"…) only breaks ties between plain text and Markdown.
    """
    head = data[:4096]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, EOFError):
            return "docx" if suffix.lower() == ".docx" else "zip"
        return "docx" if "word/document.xml" in names else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    root = _xml_root(head)
    if root is not None:
        lowered = root.lower()
        if lowered == "treaty":
            return "tota"
        if lowered == "akomantoso":
            return "akn"
        if lowered == "html" or _HTML_HINT.search(head):
            return "html"
        return "xml"
    if suffix.lower() not in {".txt", ".text", ".md", ".markdown"} and _HTML_HINT.search(head):
        return "html"
    if suffix.lower() in {".md", ".markdown"}:
        return "markdown"
    sample = head.decode("utf-8", "ignore")
    if suffix.lower() not in {".txt", ".text"} and len(_MARKDOWN_HINT.findall(sample)) >= 2:
        return "markdown"
    return "text"
