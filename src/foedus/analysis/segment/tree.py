"""Assembling chosen headings and list items into the frozen provision tree, with eIds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foedus.analysis.segment.lists import build_items, eid_num
from foedus.domain.provision import Provision, ProvisionKind

__all__ = ["Node", "freeze", "nest"]

RANKS = {
    "preamble": 0,
    "final": 0,
    "annex": 0,
    "part": 1,
    "chapter": 2,
    "section": 3,
    "article": 4,
    "paragraph": 5,
    "point": 6,
}
_PREFIX = {
    "part": "part",
    "chapter": "chp",
    "section": "sec",
    "article": "art",
    "annex": "annex",
    "paragraph": "para",
    "point": "point",
}
_LEAVES = frozenset({"preamble", "final"})
_ITEM_KINDS = frozenset({"paragraph", "point"})


@dataclass(slots=True)
class Node:
    """A heading-level provision under construction: mutable until :func:`freeze`.

    ``markers`` holds the paragraph/point markers in its text (see :mod:`.lists`).
    """

    kind: str
    num: str | None
    heading: str | None
    start: int
    body_start: int
    end: int = -1
    rank: int = 0
    eid: str | None = None
    children: list[Node] = field(default_factory=list)
    markers: list[re.Match[str]] = field(default_factory=list)


def nest(nodes: list[Node], text_end: int, depths: list[int] | None = None) -> list[Node]:
    """Nest start-ordered nodes by rank (or by the given depths) and set every end."""
    roots: list[Node] = []
    stack: list[tuple[int, Node]] = []
    for index, node in enumerate(nodes):
        level = depths[index] if depths is not None else node.rank
        while stack and (stack[-1][0] >= level or stack[-1][1].kind in _LEAVES):
            stack.pop()[1].end = node.start
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((level, node))
    for _level, node in stack:
        node.end = text_end
    return roots


_KINDS = {kind.value: kind for kind in ProvisionKind}


class _Namer:
    """Hands out unique eIds: a number met twice gets ``_2``, ``_3``…"""

    __slots__ = ("counters", "used")

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def unique(self, eid: str) -> str:
        if eid in self.used:
            suffix = 2
            while f"{eid}_{suffix}" in self.used:
                suffix += 1
            eid = f"{eid}_{suffix}"
        self.used.add(eid)
        return eid

    def ordinal(self, parent: str, kind: str) -> int:
        key = f"{parent}/{kind}"
        value = self.counters.get(key, 0) + 1
        self.counters[key] = value
        return value


def freeze(text: str, roots: list[Node]) -> tuple[Provision, ...]:
    """The immutable tree, each node with a unique eId in Akoma Ntoso style.

    Articles, chapters, parts and sections are named on their own (``art_5``, ``chp_3``) —
    their numbers are unique in an agreement — except inside an annex, where they take the
    annex's eId as prefix (``annex_1__art_2``). Paragraphs and points always carry their
    parent's eId (``art_5__para_2__point_a``).
    """
    namer = _Namer()
    return tuple([_freeze(text, node, "", "", namer) for node in roots])


def _freeze(text: str, node: Node, scope: str, parent_eid: str, namer: _Namer) -> Provision:
    kind = node.kind
    if node.eid:
        eid = node.eid
    elif kind in _LEAVES:
        eid = kind
    else:
        number = eid_num(node.num, 0) if node.num else str(namer.ordinal(parent_eid, kind))
        local = f"{_PREFIX[kind]}_{number}"
        eid = f"{parent_eid}__{local}" if kind in _ITEM_KINDS and parent_eid else scope + local
    eid = namer.unique(eid)
    children: tuple[Provision, ...] = ()
    if node.children:
        inner_scope = f"{eid}__" if kind == "annex" else scope
        children = tuple([_freeze(text, child, inner_scope, eid, namer) for child in node.children])
    if node.markers:
        children += build_items(text, node.markers, node.body_start, node.end, eid)
    own_end = children[0].start if children else node.end
    body_start = min(max(node.body_start, node.start), own_end)
    # (positional: a call with keywords costs more, and a treaty has thousands of nodes)
    return Provision(
        eid, _KINDS[kind], node.num, node.heading, node.start, node.end, body_start, children, text
    )
