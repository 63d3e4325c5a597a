"""foedus: read, analyse, compare and negotiate security agreements, provision by provision.

The public Python API::

    import foedus
    doc = foedus.read("agreement.pdf")          # any supported format
    doc = foedus.parse_text(text, source="draft")
    for provision in doc.walk(): ...

Errors derive from :class:`foedus.FoedusError` (see :mod:`foedus.domain.errors`).
"""

from __future__ import annotations

from pathlib import Path

from foedus.domain.errors import FoedusError, InputError
from foedus.domain.provision import Document, Provision, ProvisionKind

__all__ = [
    "Document",
    "FoedusError",
    "InputError",
    "Provision",
    "ProvisionKind",
    "__version__",
    "parse_text",
    "read",
]

__version__ = "0.1.0"


def read(path: str | Path) -> Document:
    """Read the agreement at ``path`` (txt, md, html, docx, pdf, Akoma Ntoso, ToTA XML)."""
    from foedus.bootstrap import limits_from, load_settings
    from foedus.services.reading import read_document

    return read_document(Path(path), limits_from(load_settings()))


def parse_text(text: str, source: str = "<text>") -> Document:
    """Segment an agreement given as text (normalised first; offsets refer to ``doc.text``)."""
    from foedus.analysis.ingest.source import SourceText
    from foedus.analysis.normalise import normalise
    from foedus.analysis.reading import build_document

    return build_document(SourceText(text=normalise(text), format="text"), source)
