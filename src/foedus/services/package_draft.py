"""The package in a draft: which option of each issue the draft's text currently holds.

An option carries the text it would give each of its issue's provisions. The current option
of an issue is the one whose texts are most similar to the draft's provisions (word-level
similarity, difflib's ratio over case-folded words, averaged over the provisions the option
has a text for): it must reach :data:`MIN_SIMILARITY` and beat every other option, or the
issue is left undetermined (and must be given under ``current`` in the model).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from foedus.domain.package_deal import Issue, PackageDealModel
from foedus.domain.provision import Document

__all__ = ["MIN_SIMILARITY", "derive_current_package", "option_similarities", "provision_reference"]

MIN_SIMILARITY = 0.75
_WORD = re.compile(r"\w+")
_TOP_LEVEL = {
    "art": "Article",
    "annex": "Annex",
    "sec": "Section",
    "chp": "Chapter",
    "part": "Part",
}


def derive_current_package(model: PackageDealModel, document: Document) -> dict[str, str]:
    """Issue key → option key for every issue whose current option the draft settles."""
    package: dict[str, str] = {}
    for issue in model.issues:
        scores = option_similarities(issue, document)
        if not scores:
            continue
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        best_key, best = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if best >= MIN_SIMILARITY and best > runner_up:
            package[issue.key] = best_key
    return package


def option_similarities(issue: Issue, document: Document) -> dict[str, float]:
    """Option key → similarity (0–1) of its texts to the draft, for options with a text for
    a provision the draft has."""
    drafted = {}
    for eid in issue.provisions:
        node = document.find(eid)
        if node is not None:
            drafted[eid] = _words(node.full_text)
    scores = {}
    for option in issue.options:
        ratios = [
            SequenceMatcher(None, _words(text), drafted[eid], autojunk=False).ratio()
            for eid, text in option.texts.items()
            if eid in drafted
        ]
        if ratios:
            scores[option.key] = sum(ratios) / len(ratios)
    return scores


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def provision_reference(eid: str) -> str:
    """A provision's eId as a reader cites it: ``art_4__para_1`` → "Article 4(1)",
    ``art_3__para_3__point_a`` → "Article 3(3)(a)", ``preamble`` → "the preamble"."""
    if eid == "preamble":
        return "the preamble"
    if eid == "final":
        return "the final clauses"
    parts = eid.split("__")
    words = []
    for position, part in enumerate(parts):
        kind, _, number = part.partition("_")
        if position == 0 and kind in _TOP_LEVEL and number:
            words.append(f"{_TOP_LEVEL[kind]} {number}")
        elif position > 0 and kind in {"para", "point"} and number:
            words.append(f"({number})")
        else:
            return eid
    return "".join(words)
