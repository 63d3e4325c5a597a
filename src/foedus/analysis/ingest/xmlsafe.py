"""Parsing untrusted XML (ToTA, Akoma Ntoso) without DTDs, entities or external references.

A treaty file never needs a DTD, so any DOCTYPE is refused outright: that stops entity
expansion bombs ("billion laughs") and external entities before the parser reads a single
declaration. Absurdly deep nesting is refused too, since the readers walk the tree recursively.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from foedus.domain.errors import CorruptDocumentError, UnsafeDocumentError

__all__ = ["MAX_DEPTH", "element_text", "local_name", "parse_xml"]

_SPACES = re.compile(r"\s+")
# The readers walk the tree recursively; no treaty nests anywhere near this deep.
MAX_DEPTH = 100


def parse_xml(data: bytes, source: str) -> Element:
    """Parse ``data`` into an element tree, refusing DTDs and entity declarations."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root: Element = fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise UnsafeDocumentError(
            "entity declarations or a DTD are not allowed in XML", source
        ) from None
    except ParseError as exc:
        raise CorruptDocumentError(f"not well-formed XML ({exc})", source) from None
    if _depth(root) > MAX_DEPTH:
        raise UnsafeDocumentError(f"elements nested deeper than {MAX_DEPTH} levels", source)
    return root


def _depth(root: Element) -> int:
    """How deeply elements nest (walked without recursion, so any depth is safe to measure)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def local_name(element: Element) -> str:
    """The tag without its namespace ("{ns}article" → "article"); "" for comments and PIs."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def element_text(element: Element) -> str:
    """All text inside ``element``, whitespace collapsed to single spaces."""
    return _SPACES.sub(" ", "".join(element.itertext())).strip()
