"""Text → provision tree.

:func:`segment` finds the preamble (up to the enacting formula), the headings of parts,
chapters, sections, articles and annexes (see :mod:`.headings`), the final clauses and
signature blocks, and inside each provision its paragraphs and points (see :mod:`.lists`).
The tree covers the text: every character belongs to exactly one node's own text.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left

from foedus.analysis.ingest.source import OutlineEntry, SourceText
from foedus.analysis.segment.headings import (
    Heading,
    heading_from_marker,
    numbered_heading,
    select_sequence,
)
from foedus.analysis.segment.lines import after_blank_lines, line_end
from foedus.analysis.segment.lists import build_items
from foedus.analysis.segment.patterns import (
    FINAL_START,
    MARKER,
    SIGNATURE_LINE,
    find_enacting,
    scan_markers,
)
from foedus.analysis.segment.tree import RANKS, Node, freeze, nest
from foedus.domain.provision import Provision

__all__ = ["segment"]

_CONTAINERS = ("part", "chapter", "section")
_LINE, _ART, _LIST = (MARKER.groupindex[name] for name in ("line", "art", "list"))


def segment(source: SourceText) -> tuple[Provision, ...]:
    """The provision tree of ``source`` (offsets into ``source.text``)."""
    # The tree is made of many small acyclic objects: the cyclic garbage collector would
    # only rescan them again and again while they are built (a third of the time on a
    # large batch), so it pauses while one document is segmented.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _segment(source)
    finally:
        if paused:
            gc.enable()


def _segment(source: SourceText) -> tuple[Provision, ...]:
    text = source.text
    if not text:
        return ()
    markers = scan_markers(text)
    list_markers: list[re.Match[str]] = []
    keyword_markers: list[re.Match[str]] = []
    for match in markers:
        (keyword_markers if match.start(_LIST) < 0 else list_markers).append(match)
    list_starts = [match.start(_LINE) for match in list_markers]
    if source.outline:
        roots = _outline_nodes(text, source.outline)
        if not any(entry.kind in {"paragraph", "point"} for entry in source.outline):
            _find_lists(roots, list_markers, list_starts)
        return freeze(text, roots)
    hinted = source.heading_lines
    articles: list[Heading] = []
    structs: list[Heading] = []
    for match in keyword_markers:
        is_article = match.start(_ART) >= 0
        cand = heading_from_marker(text, match, is_article, match.start(_LINE) in hinted)
        if cand is not None:
            (articles if is_article else structs).append(cand)
    preamble_end = _preamble_end(text, articles + structs)
    articles = [c for c in articles if c.start >= preamble_end]
    structs = [c for c in structs if c.start >= preamble_end]
    annexes = _merge_annex_titles(
        text, [c for c in structs if c.kind == "annex" and c.score >= 2.0]
    )
    boundaries = [c.start for c in annexes]
    chosen = _drop_toc_runs(text, select_sequence(articles, boundaries))
    if len(chosen) < 10:
        # Headings numbered without a keyword ("5. Consultations") stand in for articles
        # when they form a clearly longer sequence than the keyword headings found.
        after_preamble = list_markers[bisect_left(list_starts, preamble_end) :]
        numbered = [numbered_heading(text, m) for m in after_preamble]
        alternative = select_sequence([c for c in numbered if c is not None], boundaries)
        if len(alternative) >= (max(3, 3 * len(chosen)) if chosen else 2):
            chosen = alternative
    headings = chosen + annexes
    for kind in _CONTAINERS:
        headings += select_sequence([c for c in structs if c.kind == kind], boundaries)
    headings.sort(key=lambda h: h.start)
    final = _final_start(text, headings, preamble_end)
    if final is not None:
        final_end = next((h.start for h in annexes if h.start > final), len(text))
        headings = [h for h in headings if not final <= h.start < final_end]
    nodes = [
        Node(h.kind, h.num, h.heading, h.start, h.body_start, rank=RANKS[h.kind]) for h in headings
    ]
    if final is not None:
        nodes.append(Node("final", None, None, final, final, rank=0))
        nodes.sort(key=lambda n: n.start)
    body = _top_level_items(text, nodes, list_markers, list_starts, preamble_end, final)
    if body:
        # a memorandum of numbered paragraphs: preamble, the paragraphs, final clauses
        front = [Node("preamble", None, None, 0, 0, end=body[0].start)] if body[0].start else []
        back = [Node("final", None, None, final, final, end=len(text))] if final is not None else []
        return freeze(text, front) + body + freeze(text, back)
    if not nodes or nodes[0].start > 0:
        nodes.insert(0, Node("preamble", None, None, 0, 0, rank=0))
    roots = nest(nodes, len(text))
    _find_lists(roots, list_markers, list_starts)
    return freeze(text, roots)


def _preamble_end(text: str, candidates: list[Heading]) -> int:
    """End of the enacting formula ("Have agreed as follows:"), or 0 when there is none.

    The formula is looked for up to the second confident heading that has a body (before
    it: the preamble, perhaps a table of contents, and the first provision); it counts only if
    at most two confident headings come before it, or all that do are bare entries of a table
    of contents — otherwise "agree as follows" is a chapeau inside an article."""
    strong = sorted((c for c in candidates if c.score >= 2.5), key=lambda c: c.start)
    empty = _empty_bodies(text, strong)
    first_full = next((i for i, is_empty in enumerate(empty) if not is_empty), len(strong))
    limit = strong[first_full + 1].start if first_full + 1 < len(strong) else len(text)
    match = find_enacting(text, 0, limit)
    if match is None:
        return 0
    before = [i for i, c in enumerate(strong) if c.start < match.start()]
    if len(before) > 2 and not all(empty[: len(before) - 1]):
        return 0
    return after_blank_lines(text, line_end(text, match.end()))


def _merge_annex_titles(text: str, annexes: list[Heading]) -> list[Heading]:
    """ "ANNEX 1" followed by "PROTOCOL ON PROCEDURE": one annex with that title, not two."""
    merged: list[Heading] = []
    for cand in annexes:
        if merged and merged[-1].heading is None and merged[-1].body_start >= cand.start:
            title_end = line_end(text, cand.start)
            merged[-1].heading = text[cand.start : title_end].strip()
            merged[-1].body_start = after_blank_lines(text, title_end)
            continue
        merged.append(cand)
    return merged


def _empty_bodies(text: str, chosen: list[Heading]) -> list[bool]:
    """For each heading, whether nothing but the next heading follows its title."""
    return [
        index + 1 < len(chosen) and after_blank_lines(text, h.body_start) >= chosen[index + 1].start
        for index, h in enumerate(chosen)
    ]


def _drop_toc_runs(text: str, chosen: list[Heading]) -> list[Heading]:
    """Remove a table of contents without page numbers: three or more headings in a row with
    no body, whose numbering starts again later with bodies."""
    empty = _empty_bodies(text, chosen)
    drop: set[int] = set()
    index = 0
    while index < len(chosen):
        stop = index
        while stop < len(chosen) and empty[stop]:
            stop += 1
        if stop - index >= 3:
            later = [h.num for h in chosen[stop:]]
            if chosen[index].num in later:
                drop.update(range(index, stop))
                if later[1:2] == [chosen[index].num]:
                    drop.add(stop)  # the last entry, whose "body" runs up to the real text
        index = stop + 1
    return [h for i, h in enumerate(chosen) if i not in drop]


def _final_start(text: str, headings: list[Heading], preamble_end: int) -> int | None:
    """Where the testimonium or signature blocks begin, after the last operative provision."""
    main = [h for h in headings if h.kind != "annex"]
    first_main = main[0].start if main else preamble_end
    annex_after = next(
        (h.start for h in headings if h.kind == "annex" and h.start > first_main), None
    )
    stop = annex_after if annex_after is not None else len(text)
    before = [h for h in main if h.start < stop]
    windows = []
    if before:
        windows.append((before[-1].body_start, stop))
    elif preamble_end:
        windows.append((preamble_end, stop))
    if main and main[-1].start >= stop:
        windows.append((main[-1].body_start, len(text)))
    for pattern in (FINAL_START, SIGNATURE_LINE):
        for lo, hi in windows:
            match = pattern.search(text, lo, hi)
            if match is not None:
                return match.start()
    return None


def _top_level_items(
    text: str,
    nodes: list[Node],
    list_markers: list[re.Match[str]],
    list_starts: list[int],
    preamble_end: int,
    final: int | None,
) -> tuple[Provision, ...]:
    """Numbered paragraphs of a text with no headings at all (a memorandum "1." … "6.")."""
    if any(n.kind != "final" for n in nodes):
        return ()
    stop = final if final is not None else len(text)
    region = list_markers[bisect_left(list_starts, preamble_end) : bisect_left(list_starts, stop)]
    return build_items(text, region, preamble_end, stop, "")


def _find_lists(roots: list[Node], list_markers: list[re.Match[str]], starts: list[int]) -> None:
    """Find paragraphs and points in every provision that has no heading children
    (``starts``: where each marker's line starts)."""
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node.children:
            stack.extend(node.children)
            continue
        if node.kind in {"preamble", "final", "paragraph", "point"}:
            continue
        lo = bisect_left(starts, node.body_start)
        hi = bisect_left(starts, node.end)
        if lo < hi:
            node.markers = list_markers[lo:hi]


def _outline_nodes(text: str, outline: tuple[OutlineEntry, ...]) -> list[Node]:
    """Nodes declared by the markup (ToTA, Akoma Ntoso), nested by their depth."""
    entries = sorted(outline, key=lambda e: e.start)
    nodes = [
        Node(e.kind, e.num, e.heading, e.start, e.body_start, rank=RANKS.get(e.kind, 4), eid=e.eid)
        for e in entries
    ]
    depths = [e.depth for e in entries]
    if not nodes or nodes[0].start > 0:
        nodes.insert(0, Node("preamble", None, None, 0, 0, rank=0))
        depths.insert(0, -1 if nodes[1:] and nodes[1].kind == "preamble" else 0)
        if len(nodes) > 1 and nodes[1].kind == "preamble":
            # a leading title before the marked-up preamble: make it part of that preamble
            nodes[1].start = 0
            nodes.pop(0)
            depths.pop(0)
    return nest(nodes, len(text), depths)
