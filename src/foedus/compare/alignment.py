"""Provision alignment: which provisions of two agreements deal with the same thing.

Each agreement is cut into units (its articles; failing that, its top-level provisions). A unit
is described by four bags — the words of its body with their two-word sequences, the letter
four-grams of its body (which survive words run together or split by a bad text layer), its
heading and the commitment categories of its clauses — each weighted by TF-IDF (sublinear term
frequency; inverse document frequency over the units of both texts, so boilerplate shared by
every unit counts for little). Words, of body and heading, are cut to their first five letters,
so "commitments" meets "committed" without a stemmer for each language (at the price of
"committee" meeting them too; it helps where words inflect at their end, little with short
words or rich inflection); the evidence a pair lists shows the left text's words as written.
The similarity of two units is the weighted sum of the cosines of the blocks both texts have
(renormalised when a block is missing on either side).

Where both texts group their articles (parts, chapters, sections), the similarity of the two
groups — their units' words pooled — is added to the score the assignment maximises: an
article on dispute settlement inside the chapter on temporary entry is drawn to its namesake
in the other text's chapter on temporary entry. That score is then scaled locally: less the
mean similarity of each of the two units to its three best matches (cross-domain similarity
local scaling, CSLS), so that a unit resembling many on the other side — stock clauses,
boilerplate — draws less, and a pair scoring under what its units usually reach is not made in
the first round. Pairs are chosen one-to-one so that the total scaled score is largest (the
Hungarian method, :func:`scipy.optimize.linear_sum_assignment`). A pair is kept when its
similarity reaches the threshold, or when it reaches half of it and each unit is the other's
best match (by the scaled score); the units left free are then paired among themselves, by the
unscaled score, where their similarity reaches the threshold. A unit left without a pair has no
counterpart.
"""

from __future__ import annotations

import itertools
import re
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

DEFAULT_THRESHOLD = 0.10
STEM = 5
LOCAL_NEIGHBOURS = 3
BLOCK_WEIGHTS = {"words": 0.49, "letters": 0.21, "heading": 0.25, "categories": 0.05}
LETTER_GRAM = 4
_LETTER_BUCKET_BITS = 20
GROUP_WEIGHT = 0.15
_WORD = re.compile(r"[^\W\d_]{2,}")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_STOP = frozenset(
    "the of and to in or by for on with as be an at is are its this that which any such from "
    "it not shall may under other all their than been has have was were each these those into "
    "upon also le la les de des du et en el los las del por con".split()
)
_SKIP = {ProvisionKind.PREAMBLE, ProvisionKind.FINAL}
_GROUPING = {ProvisionKind.PART, ProvisionKind.CHAPTER, ProvisionKind.SECTION}
_Matrix = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Unit:
    """One alignable provision: its eId, heading (if any), body text, categories and the
    group it stands in (the eId of its part, chapter or section; "" when there is none)."""

    eid: str
    heading: str | None
    text: str
    categories: tuple[str, ...] = ()
    group: str = ""


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


def _words(text: str) -> list[str]:
    """Lower-case words of two letters or more, stop words dropped."""
    return [word for word in _WORD.findall(text.lower()) if word not in _STOP]


def tokens(text: str) -> list[str]:
    """The words of :func:`_words`, a plural 's' cut."""
    return [
        word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word
        for word in _words(text)
    ]


def _stems(words: list[str]) -> list[str]:
    """Each word cut to its first :data:`STEM` letters ("commitments" and "committed" alike
    become "commi"): a stemmer that needs no language."""
    return [word[:STEM] for word in words]


def _with_pairs(words: list[str]) -> list[str]:
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _surface(text: str) -> dict[str, str]:
    """The stemmed terms of ``text`` (words and two-word sequences), each with the words it
    first stands for in the text (as written, in lower case)."""
    words = _words(text)
    stemmed = _with_pairs(_stems(tokens(text)))
    found: dict[str, str] = {}
    for term, surface in zip(stemmed, _with_pairs(words), strict=True):
        found.setdefault(term, surface)
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


def _groups(document: Document) -> dict[str, str]:
    """The eId of the innermost part, chapter or section around each provision."""
    found: dict[str, str] = {}

    def visit(node: Provision, group: str) -> None:
        found[node.eid] = group
        inner = node.eid if node.kind in _GROUPING else group
        for child in node.children:
            visit(child, inner)

    for node in document.provisions:
        visit(node, "")
    return found


def units_of(document: Document, extraction: Extraction | None = None) -> tuple[Unit, ...]:
    """The units of ``document`` with the categories of their clauses (when ``extraction`` is
    given) and their groups."""
    nodes = alignable(document)
    cats = _categories_by_unit(nodes, extraction)
    groups = _groups(document)
    return tuple(
        Unit(
            node.eid,
            node.heading,
            document.text[node.body_start : node.end],
            categories,
            groups.get(node.eid, ""),
        )
        for node, categories in zip(nodes, cats, strict=True)
    )


@dataclass(frozen=True, slots=True)
class _Bags:
    """Token lists of several documents as two parallel arrays: which document each token
    belongs to, and the token's index in ``terms``."""

    docs: NDArray[np.int64]
    ids: NDArray[np.int64]
    count: int
    terms: list[str]


def _encode(bags: Sequence[list[str]]) -> _Bags:
    vocabulary: dict[str, int] = {}
    lengths = [len(bag) for bag in bags]
    ids = np.fromiter(
        (vocabulary.setdefault(term, len(vocabulary)) for bag in bags for term in bag),
        dtype=np.int64,
        count=sum(lengths),
    )
    docs = np.repeat(np.arange(len(bags), dtype=np.int64), lengths)
    return _Bags(docs, ids, len(bags), list(vocabulary))


def _weigh(bags: _Bags) -> Any:
    """The row-normalised TF-IDF matrix (sublinear tf, smoothed idf) of ``bags``."""
    n_terms = max(len(bags.terms), 1)
    pairs, counts = np.unique(bags.docs * n_terms + bags.ids, return_counts=True)
    docs, terms = pairs // n_terms, pairs % n_terms
    df = np.bincount(terms, minlength=n_terms)
    idf = np.log((1 + bags.count) / (1 + df)) + 1.0
    weights = (1 + np.log(counts)) * idf[terms]
    norms = np.sqrt(np.bincount(docs, weights=weights * weights, minlength=bags.count))
    weights /= np.where(norms > 0, norms, 1.0)[docs]
    indptr = np.concatenate(([0], np.cumsum(np.bincount(docs, minlength=bags.count))))
    return csr_matrix((weights, terms, indptr), shape=(bags.count, n_terms))


def _letter_grams(texts: Sequence[str], n: int = LETTER_GRAM) -> _Bags:
    """The overlapping ``n``-letter sequences of each text, everything but letters removed
    (so words run together or split by a bad text layer still match), encoded as numbers
    without building a string per sequence."""
    letters = [_NOT_LETTER.sub("", text.lower()) for text in texts]
    lengths = np.array([len(t) for t in letters], dtype=np.int64)
    symbols = np.frombuffer("".join(letters).encode("utf-32-le"), dtype=np.uint32)
    symbols = symbols.astype(np.uint64)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    usable = np.maximum(lengths - n + 1, 0)
    docs = np.repeat(np.arange(len(texts), dtype=np.int64), usable)
    first = np.repeat(starts, usable) + (
        np.arange(usable.sum(), dtype=np.int64) - np.repeat(np.cumsum(usable) - usable, usable)
    )
    # One number per sequence (arithmetic wraps at 64 bits), hashed into 2**20 buckets: the
    # rare collision of two sequences costs less than sorting them all to number them.
    keys = np.zeros(first.shape, dtype=np.uint64)
    for k in range(n):
        keys = keys * np.uint64(0x110001) + symbols[first + k]
    mixed = keys * np.uint64(0x9E3779B97F4A7C15)
    ids = (mixed >> np.uint64(64 - _LETTER_BUCKET_BITS)).astype(np.int64)
    return _Bags(docs, ids, len(texts), [""] * (1 << _LETTER_BUCKET_BITS))


def _tfidf(left: Sequence[list[str]], right: Sequence[list[str]]) -> tuple[Any, Any, list[str]]:
    """Row-normalised TF-IDF matrices of two lists of token lists, over one vocabulary."""
    bags = _encode([*left, *right])
    matrix = _weigh(bags)
    return matrix[: len(left)], matrix[len(left) :], bags.terms


def _letter_count(text: str) -> int:
    return len(_NOT_LETTER.sub("", text))


def _blocks(units: Sequence[Unit]) -> dict[str, list[list[str]]]:
    return {
        "words": [_with_pairs(_stems(tokens(u.text))) for u in units],
        # encoded apart, by _letter_grams; empty when too short for one n-gram
        "letters": [[u.text] if _letter_count(u.text) >= LETTER_GRAM else [] for u in units],
        "heading": [_stems(tokens(u.heading or "")) for u in units],
        "categories": [[f"cat:{c}" for c in u.categories] for u in units],
    }


def similarity(left: Sequence[Unit], right: Sequence[Unit]) -> _Matrix:
    """The similarity of every left unit (rows) to every right unit (columns), in [0, 1]."""
    return _similarity(left, right)[0]


def _similarity(
    left: Sequence[Unit], right: Sequence[Unit]
) -> tuple[_Matrix, tuple[Any, Any, _Bags] | None]:
    if not left or not right:
        return np.zeros((len(left), len(right))), None
    a, b = _blocks(left), _blocks(right)
    total = np.zeros((len(left), len(right)))
    weight_sum = 0.0
    words = None
    for name, weight in BLOCK_WEIGHTS.items():
        if not any(a[name]) or not any(b[name]):
            continue  # a block one text lacks (no headings, no categories) does not count
        if name == "letters":
            bags = _letter_grams([u.text for u in (*left, *right)])
        else:
            bags = _encode([*a[name], *b[name]])
        matrix = _weigh(bags)
        vl, vr = matrix[: len(left)], matrix[len(left) :]
        total += weight * (vl @ vr.T).toarray()
        weight_sum += weight
        if name == "words":
            words = (vl, vr, bags)
    return (total / weight_sum if weight_sum else total), words


def _group_similarity(left: Sequence[Unit], right: Sequence[Unit], words: _Bags) -> _Matrix | None:
    """For every pair of units, the similarity of the groups they stand in (their units' words
    pooled); None unless both texts have two groups or more."""
    left_groups = list(dict.fromkeys(u.group for u in left))
    right_groups = list(dict.fromkeys(u.group for u in right))
    if len(left_groups) < 2 or len(right_groups) < 2:
        return None
    rows = [left_groups.index(u.group) for u in left]
    cols = [len(left_groups) + right_groups.index(u.group) for u in right]
    group_of = np.array(rows + cols, dtype=np.int64)
    count = len(left_groups) + len(right_groups)
    pooled = _weigh(_Bags(group_of[words.docs], words.ids, count, words.terms))
    between = (pooled[: len(left_groups)] @ pooled[len(left_groups) :].T).toarray()
    return np.asarray(between[np.ix_(rows, [c - len(left_groups) for c in cols])])


def _shared(
    words: tuple[Any, Any, _Bags] | None, i: int, j: int, text: str, limit: int = 5
) -> tuple[str, ...]:
    """The terms that weigh most in the word similarity of left unit ``i`` (of ``text``) and
    right unit ``j``, as the words they stand for in ``text``."""
    if words is None:
        return ()
    vl, vr, bags = words
    terms = bags.terms
    product = vl[i].multiply(vr[j]).tocoo()
    ranked = sorted(zip(product.data, product.col, strict=True), reverse=True)[:limit]
    surface = _surface(text)
    return tuple(surface.get(terms[col], terms[col]) for _, col in ranked)


def _local_scaling(scores: _Matrix, objective: _Matrix) -> _Matrix:
    """``objective`` less the mean of the similarity of each unit to its
    :data:`LOCAL_NEIGHBOURS` best matches, averaged over the two units of a pair (cross-domain
    similarity local scaling): a unit much like many others on the other side — boilerplate,
    stock clauses — draws less, and a pair scoring under its units' usual best matches turns
    negative."""

    def neighbourhood(axis: int) -> _Matrix:
        k = min(LOCAL_NEIGHBOURS, scores.shape[axis])
        top = -np.partition(-scores, k - 1, axis=axis)
        return np.asarray(top.take(range(k), axis=axis).mean(axis=axis))

    return objective - (neighbourhood(1)[:, None] + neighbourhood(0)[None, :]) / 2


def _assign(
    scores: _Matrix, objective: _Matrix, threshold: float, scaled: _Matrix | None = None
) -> list[tuple[int, int]]:
    """The one-to-one pairs (row, column): the assignment of largest total ``scaled`` (by
    default ``objective``) over the pairs whose score reaches half the ``threshold`` and whose
    ``scaled`` value is above 0; of its pairs under the threshold, only those between mutual
    best matches (by ``scaled``) are kept. The units this leaves free are then matched by
    ``objective`` among their pairs that reach the threshold, so no two free units score
    ``threshold`` (which must be above 0) or more together."""
    scaled = objective if scaled is None else scaled
    eligible = np.where(scores >= threshold / 2, np.maximum(scaled, 0.0), 0.0)
    best_right, best_left = scaled.argmax(axis=1), scaled.argmax(axis=0)
    rows, cols = linear_sum_assignment(eligible, maximize=True)
    kept = [
        (i, j)
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        if eligible[i, j] > 0
        and (scores[i, j] >= threshold or (best_right[i] == j and best_left[j] == i))
    ]
    free_rows = sorted(set(range(scores.shape[0])) - {i for i, _ in kept})
    free_cols = sorted(set(range(scores.shape[1])) - {j for _, j in kept})
    if free_rows and free_cols:
        between = np.ix_(free_rows, free_cols)
        rest = np.where(scores[between] >= threshold, objective[between], 0.0)
        rows, cols = linear_sum_assignment(rest, maximize=True)
        kept += [
            (free_rows[i], free_cols[j])
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
            if rest[i, j] > 0
        ]
    return sorted(kept)


def align_units(
    left: Sequence[Unit],
    right: Sequence[Unit],
    threshold: float = DEFAULT_THRESHOLD,
    sources: tuple[str, str] = ("left", "right"),
) -> Alignment:
    """Match ``left`` and ``right`` one-to-one, largest total locally scaled score first; a
    pair below ``threshold`` is made only when it reaches half of it and each is the other's
    best match (see :func:`_local_scaling` and :func:`_assign`)."""
    scores, words = _similarity(left, right)
    pairs: list[Pair] = []
    if scores.size:
        groups = None if words is None else _group_similarity(left, right, words[2])
        objective = scores if groups is None else scores + GROUP_WEIGHT * groups
        scaled = _local_scaling(scores, objective)
        for i, j in _assign(scores, objective, threshold, scaled):
            shared = _shared(words, i, j, left[i].text)
            pairs.append(Pair(left[i].eid, right[j].eid, float(scores[i, j]), shared))
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
