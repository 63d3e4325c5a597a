"""Provision alignment: which provisions of two agreements deal with the same thing.

Each agreement is cut into units (its articles; failing that, its top-level provisions). A unit
is described by three bags of words — its body, its heading and the commitment categories of
its clauses — each weighted by TF-IDF (sublinear term frequency; inverse document frequency
over the units of both texts, so boilerplate shared by every unit counts for little). The
similarity of two units is the weighted sum of the cosines of the blocks both texts have
(body 0.70, heading 0.20, categories 0.10, renormalised when a block is missing on either
side). Pairs are then chosen one-to-one so that the total similarity is largest (the Hungarian
method, :func:`scipy.optimize.linear_sum_assignment`), counting only pairs at or above the
threshold: a unit whose best available partner falls below it has no counterpart.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix

from foedus.analysis.extract import Extraction
from foedus.domain.provision import Document, Provision, ProvisionKind

__all__ = [
    "DEFAULT_THRESHOLD",
    "Alignment",
    "Pair",
    "Unit",
    "align",
    "align_units",
    "similarity",
    "units_of",
]

DEFAULT_THRESHOLD = 0.12
BLOCK_WEIGHTS = {"body": 0.70, "heading": 0.20, "categories": 0.10}
_WORD = re.compile(r"[^\W\d_]{2,}")
_STOP = frozenset(
    "the of and to in or by for on with as be an at is are its this that which any such from "
    "it not shall may under other all their than been has have was were each these those into "
    "upon also le la les de des du et en el los las del por con".split()
)
_SKIP = {ProvisionKind.PREAMBLE, ProvisionKind.FINAL}
_Matrix = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Unit:
    """One alignable provision: its eId, heading (if any), body text and categories."""

    eid: str
    heading: str | None
    text: str
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pair:
    """Two provisions matched; ``score`` their similarity, ``shared`` the words that weigh
    most in it (the evidence for the match)."""

    left: str
    right: str
    score: float
    shared: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "left": self.left,
            "right": self.right,
            "score": round(self.score, 3),
            "shared": list(self.shared),
        }


@dataclass(frozen=True, slots=True)
class Alignment:
    """The one-to-one matching of two agreements' provisions, and what is left on each side."""

    left_source: str
    right_source: str
    pairs: tuple[Pair, ...]
    left_only: tuple[str, ...]
    right_only: tuple[str, ...]
    threshold: float

    def counterpart(self, eid: str) -> str | None:
        """The right-hand eId matched to the left-hand ``eid``, if any."""
        return next((p.right for p in self.pairs if p.left == eid), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "left": self.left_source,
            "right": self.right_source,
            "threshold": self.threshold,
            "pairs": [p.as_dict() for p in self.pairs],
            "left_only": list(self.left_only),
            "right_only": list(self.right_only),
        }


def tokens(text: str) -> list[str]:
    """Lower-case words of two letters or more, stop words dropped, a plural 's' cut."""
    found = []
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        found.append(word)
    return found


def _categories_by_unit(
    nodes: Sequence[Provision], extraction: Extraction | None
) -> list[tuple[str, ...]]:
    if extraction is None:
        return [() for _ in nodes]
    found: dict[str, set[str]] = {node.eid: set() for node in nodes}
    for commitment in extraction.commitments:
        top = commitment.eid.split("__")[0]
        if top in found:
            found[top].update(c for c in commitment.categories if c != "other")
    return [tuple(sorted(found[node.eid])) for node in nodes]


def alignable(document: Document) -> list[Provision]:
    """The provisions compared: the articles, or else the top-level provisions (sections,
    numbered paragraphs) other than preamble and final clauses."""
    articles = document.articles()
    if articles:
        return articles
    return [node for node in document.provisions if node.kind not in _SKIP]


def units_of(document: Document, extraction: Extraction | None = None) -> tuple[Unit, ...]:
    """The units of ``document`` with the categories of their clauses (when ``extraction`` is
    given)."""
    nodes = alignable(document)
    cats = _categories_by_unit(nodes, extraction)
    return tuple(
        Unit(node.eid, node.heading, document.text[node.body_start : node.end], categories)
        for node, categories in zip(nodes, cats, strict=True)
    )


def _tfidf(left: Sequence[list[str]], right: Sequence[list[str]]) -> tuple[Any, Any, list[str]]:
    """Row-normalised TF-IDF matrices of two lists of token lists, over one vocabulary."""
    vocabulary: dict[str, int] = {}
    counts = [Counter(bag) for bag in (*left, *right)]
    df: Counter[str] = Counter()
    for bag in counts:
        df.update(bag.keys())
        for term in bag:
            vocabulary.setdefault(term, len(vocabulary))
    total = len(counts)
    idf = {term: math.log((1 + total) / (1 + df[term])) + 1.0 for term in vocabulary}
    indptr: list[int] = [0]
    indices: list[int] = []
    data: list[float] = []
    for bag in counts:
        weights = [(vocabulary[t], (1 + math.log(n)) * idf[t]) for t, n in bag.items()]
        norm = math.sqrt(sum(w * w for _, w in weights)) or 1.0
        indices.extend(i for i, _ in weights)
        data.extend(w / norm for _, w in weights)
        indptr.append(len(indices))
    matrix = csr_matrix(
        (np.array(data, dtype=np.float64), np.array(indices), np.array(indptr)),
        shape=(total, len(vocabulary)),
    )
    terms = [""] * len(vocabulary)
    for term, index in vocabulary.items():
        terms[index] = term
    return matrix[: len(left)], matrix[len(left) :], terms


def _blocks(units: Sequence[Unit]) -> dict[str, list[list[str]]]:
    return {
        "body": [tokens(u.text) for u in units],
        "heading": [tokens(u.heading or "") for u in units],
        "categories": [[f"cat:{c}" for c in u.categories] for u in units],
    }


def similarity(left: Sequence[Unit], right: Sequence[Unit]) -> _Matrix:
    """The similarity of every left unit (rows) to every right unit (columns), in [0, 1]."""
    return _similarity(left, right)[0]


def _similarity(
    left: Sequence[Unit], right: Sequence[Unit]
) -> tuple[_Matrix, tuple[Any, Any, list[str]] | None]:
    if not left or not right:
        return np.zeros((len(left), len(right))), None
    a, b = _blocks(left), _blocks(right)
    total = np.zeros((len(left), len(right)))
    weight_sum = 0.0
    body = None
    for name, weight in BLOCK_WEIGHTS.items():
        if not any(a[name]) or not any(b[name]):
            continue  # a block one text lacks (no headings, no categories) does not count
        vl, vr, terms = _tfidf(a[name], b[name])
        total += weight * (vl @ vr.T).toarray()
        weight_sum += weight
        if name == "body":
            body = (vl, vr, terms)
    return (total / weight_sum if weight_sum else total), body


def _shared(
    body: tuple[Any, Any, list[str]] | None, i: int, j: int, limit: int = 5
) -> tuple[str, ...]:
    if body is None:
        return ()
    vl, vr, terms = body
    product = vl[i].multiply(vr[j]).tocoo()
    ranked = sorted(zip(product.data, product.col, strict=True), reverse=True)[:limit]
    return tuple(terms[col] for _, col in ranked)


def align_units(
    left: Sequence[Unit],
    right: Sequence[Unit],
    threshold: float = DEFAULT_THRESHOLD,
    sources: tuple[str, str] = ("left", "right"),
) -> Alignment:
    """Match ``left`` and ``right`` one-to-one, largest total similarity first; pairs below
    ``threshold`` are not made."""
    scores, body = _similarity(left, right)
    pairs: list[Pair] = []
    if scores.size:
        eligible = np.where(scores >= threshold, scores, 0.0)
        rows, cols = linear_sum_assignment(eligible, maximize=True)
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            if eligible[i, j] > 0:
                score = float(scores[i, j])
                pairs.append(Pair(left[i].eid, right[j].eid, score, _shared(body, i, j)))
    order = {unit.eid: k for k, unit in enumerate(left)}
    pairs.sort(key=lambda p: order[p.left])
    matched_left = {p.left for p in pairs}
    matched_right = {p.right for p in pairs}
    return Alignment(
        sources[0],
        sources[1],
        tuple(pairs),
        tuple(u.eid for u in left if u.eid not in matched_left),
        tuple(u.eid for u in right if u.eid not in matched_right),
        threshold,
    )


def align(
    left: Document,
    right: Document,
    extractions: Iterable[Extraction | None] = (None, None),
    threshold: float = DEFAULT_THRESHOLD,
) -> Alignment:
    """Align the provisions of two agreements (with their commitment categories when the
    extractions are given)."""
    left_extraction, right_extraction = tuple(extractions)
    return align_units(
        units_of(left, left_extraction),
        units_of(right, right_extraction),
        threshold,
        (left.source, right.source),
    )
