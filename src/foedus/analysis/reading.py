"""From a reader's :class:`SourceText` to a :class:`Document`: the tree, title, language and
the parties named in the title."""

from __future__ import annotations

import re

from foedus.analysis.ingest.source import SourceText
from foedus.analysis.language import detect_language
from foedus.analysis.segment import segment
from foedus.domain.provision import Document, Provision, ProvisionKind

__all__ = ["build_document", "parties_in_title", "split_names", "title_of"]

_TITLE_WORDS = re.compile(
    r"\b(?:agreement|treaty|accord|memorandum|convention|protocol|declaration|arrangement"
    r"|charter|pact|compact|acuerdo|tratado|convenio|traité|договор|соглашение|угода)\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\b(?:between|among|entre|между|між)\s+(.+)$", re.IGNORECASE)
_TAIL = re.compile(
    r"\s+(?:on|concerning|regarding|relating\s+to|for\s+the|in\s+the\s+field|establishing)\b.*$",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+y\s+|\s+et\s+|\s+и\s+|\s+та\s+", re.IGNORECASE
)
# Country names with "and" inside, protected from the split on "and".
_COMPOUND_NAMES = (
    "Great Britain and Northern Ireland",
    "Trinidad and Tobago",
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Turks and Caicos",
)


def title_of(text: str, provisions: tuple[Provision, ...]) -> str | None:
    """The title block at the top of the text (lines before the first empty line), if it
    reads like the title of an agreement."""
    first = provisions[0] if provisions else None
    limit = first.own_end if first is not None and first.kind is ProvisionKind.PREAMBLE else 400
    head = text[: min(limit, 600)]
    block = head.split("\n\n", 1)[0].strip()
    if not block or len(block) > 400:
        return None
    joined = " ".join(line.strip() for line in block.splitlines())
    if _TITLE_WORDS.search(joined) or (joined.isupper() and len(joined.split()) >= 3):
        return joined
    return None


def parties_in_title(title: str | None) -> tuple[str, ...]:
    """Parties named after "between" in a title, as written."""
    if not title:
        return ()
    match = _BETWEEN.search(title)
    if match is None:
        return ()
    return split_names(_TAIL.sub("", match.group(1)).strip(" ."))


def split_names(names: str) -> tuple[str, ...]:
    """ "Ukraine and the United Kingdom of Great Britain and Northern Ireland" → the two names
    (country names with "and" inside are kept whole)."""
    protected = names
    for compound in _COMPOUND_NAMES:
        # join the words of the compound with \x01 so the split on "and" passes them by
        protected = re.sub(
            re.escape(compound), lambda m: m.group(0).replace(" ", "\x01"), protected, flags=re.I
        )
    parts = [p.replace("\x01", " ").strip(" .,") for p in _SPLIT.split(protected)]
    return tuple(p for p in parts if p)


def build_document(source_text: SourceText, source: str) -> Document:
    """Segment ``source_text`` and describe the result."""
    provisions = segment(source_text)
    title = source_text.title or title_of(source_text.text, provisions)
    return Document(
        source=source,
        text=source_text.text,
        provisions=provisions,
        title=title,
        language=source_text.language or detect_language(source_text.text),
        format=source_text.format,
        parties=parties_in_title(title),
    )
