"""The terminal report of ``foedus analyze``: the outline (:func:`print_summary`), then the
guarantee profile, commitments by party and category, and the strongest commitments
(:func:`print_analysis`).

The tally of commitments by category and party (:func:`tally`) is shared with the HTML report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from foedus.analysis.extract import Extraction
from foedus.analysis.extract.categories import OTHER, load_categories
from foedus.analysis.profile import Profile
from foedus.domain.commitment import Commitment, Modality
from foedus.domain.provision import Document, Provision, ProvisionKind

__all__ = [
    "SHORT_LABELS",
    "UNRESOLVED",
    "Tally",
    "category_label",
    "cell_label",
    "compact_eids",
    "print_analysis",
    "print_summary",
    "shorten",
    "strongest",
    "tally",
]

# Short labels of the modalities, strongest first (the order of the enum).
SHORT_LABELS = {
    Modality.OBLIGATION: "obl",
    Modality.PROHIBITION: "pro",
    Modality.COMMITMENT: "com",
    Modality.ASPIRATION: "asp",
    Modality.PERMISSION: "per",
    Modality.DECLARATION: "dec",
}
UNRESOLVED = "unresolved"
_TOP = 15
_EXCERPT = 90
_MAX_EIDS = 5

_CONTAINERS = {
    ProvisionKind.PART,
    ProvisionKind.CHAPTER,
    ProvisionKind.SECTION,
    ProvisionKind.ANNEX,
}


def _node_label(node: Provision) -> str:
    kind = node.kind
    if kind is ProvisionKind.PREAMBLE:
        return "[bold]Preamble[/]"
    if kind is ProvisionKind.FINAL:
        return "[bold]Final clauses and signatures[/]"
    word = kind.value.capitalize()
    label = f"[bold]{word} {escape(node.num)}[/]" if node.num else f"[bold]{word}[/]"
    if node.heading:
        label += f" — {escape(node.heading)}"
    items = Counter(n.kind for n in node.walk() if n is not node)
    details = [
        f"{items[k]} {k.value}{'s' if items[k] != 1 else ''}"
        for k in (ProvisionKind.PARAGRAPH, ProvisionKind.POINT)
        if items[k]
    ]
    if details and kind not in _CONTAINERS:
        label += f" [dim]({', '.join(details)})[/]"
    return f"{label} [dim]{node.eid}[/]"


def _add(tree: Tree, node: Provision) -> None:
    branch = tree.add(_node_label(node))
    if node.kind in _CONTAINERS:
        for child in node.children:
            if child.kind not in (ProvisionKind.PARAGRAPH, ProvisionKind.POINT):
                _add(branch, child)


def print_summary(console: Console, document: Document) -> None:
    """Title, parties, language, outline and counts of ``document``."""
    console.print(f"[bold]{escape(document.title or '(untitled agreement)')}[/]")
    facts = Table.grid(padding=(0, 2))
    facts.add_row("Source", escape(document.source))
    facts.add_row("Format", document.format)
    facts.add_row("Language", document.language or "unknown")
    parties = "; ".join(document.parties) if document.parties else "not stated"
    facts.add_row("Parties", escape(parties))
    facts.add_row("Length", f"{len(document.text):,} characters")
    console.print(facts)
    outline = Tree("[bold]Outline[/]")
    for node in document.provisions:
        _add(outline, node)
    console.print(outline)
    counts = Counter(node.kind for node in document.walk())
    table = Table(title="Provisions", show_edge=False)
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind in ProvisionKind:
        if counts[kind]:
            table.add_row(kind.value, str(counts[kind]))
    console.print(table)


@dataclass(frozen=True, slots=True)
class Tally:
    """Commitments (declarations aside) by category (rows) and party (columns).

    ``categories`` are the category ids present, in the order of data/categories.yaml, then
    ``other``; ``columns`` the parties, then ``unresolved`` when some commitment names none.
    A commitment counts in every category and for every party it carries.
    """

    categories: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[tuple[str, str], tuple[Commitment, ...]]
    commitments: tuple[Commitment, ...]
    declarations: tuple[Commitment, ...]

    def cell(self, category: str, column: str) -> tuple[Commitment, ...]:
        return self.cells.get((category, column), ())


def tally(extraction: Extraction) -> Tally:
    """Count the commitments of ``extraction`` by category and party."""
    promises = tuple(c for c in extraction.commitments if c.modality is not Modality.DECLARATION)
    declarations = tuple(c for c in extraction.commitments if c.modality is Modality.DECLARATION)
    present = {category for c in promises for category in c.categories}
    order = [category.id for category in load_categories() if category.id != OTHER]
    categories = (*(cid for cid in order if cid in present), OTHER)
    unknown = sorted(present - set(categories))  # ids missing from the YAML: keep them visible
    categories = (*categories[:-1], *unknown, OTHER)
    columns = tuple(extraction.parties)
    if any(not c.parties for c in promises):
        columns = (*columns, UNRESOLVED)
    cells: dict[tuple[str, str], list[Commitment]] = {}
    for commitment in promises:
        for category in commitment.categories or (OTHER,):
            for party in commitment.parties or (UNRESOLVED,):
                cells.setdefault((category, party), []).append(commitment)
    return Tally(
        categories,
        columns,
        {key: tuple(found) for key, found in cells.items()},
        promises,
        declarations,
    )


def cell_label(commitments: Iterable[Commitment]) -> str:
    """'3 obl · 2 com · 1 asp': counts by modality, strongest first; '' for none."""
    counts = Counter(c.modality for c in commitments)
    return " · ".join(f"{counts[m]} {SHORT_LABELS[m]}" for m in Modality if counts[m])


def category_label(category_id: str) -> str:
    """The human label of a category id ('Military assistance'), or the id itself."""
    if category_id == OTHER:
        return "Other"
    labels = {category.id: category.label for category in load_categories()}
    return labels.get(category_id, category_id)


def strongest(commitments: Sequence[Commitment], limit: int = _TOP) -> list[Commitment]:
    """The ``limit`` strongest commitments (declarations aside), ties in document order."""
    ranked = sorted(
        (c for c in commitments if c.modality is not Modality.DECLARATION),
        key=lambda c: -c.strength,
    )
    return ranked[:limit]


def print_analysis(
    console: Console, document: Document, extraction: Extraction, profile: Profile
) -> None:
    """The summary of ``document``, then its guarantee profile, its commitments by party and
    category, and its strongest commitments."""
    print_summary(console, document)
    _print_profile(console, profile)
    counts = tally(extraction)
    _print_tally(console, counts)
    _print_strongest(console, counts.commitments)


def compact_eids(eids: Sequence[str], limit: int = _MAX_EIDS) -> str:
    """eIds in a short form: runs of siblings joined ('art_3__para_3__point_a–g'), at most
    ``limit`` groups, then '(+N more)'."""
    groups: list[list[str]] = []
    for eid in eids:
        if groups and _follows(groups[-1][-1], eid):
            groups[-1].append(eid)
        else:
            groups.append([eid])
    shown = [
        group[0] if len(group) == 1 else f"{group[0]}–{group[-1].rpartition('_')[2]}"
        for group in groups
    ]
    text = ", ".join(shown[:limit])
    if len(shown) > limit:
        text += f" (+{sum(len(g) for g in groups[limit:])} more)"
    return text or "—"


def _follows(before: str, eid: str) -> bool:
    """True when ``eid`` is the next sibling of ``before`` (para_2 → para_3, point_a → b)."""
    stem, _, last = before.rpartition("_")
    other_stem, _, number = eid.rpartition("_")
    if stem != other_stem or not last or not number:
        return False
    if last.isdigit() and number.isdigit():
        return int(number) == int(last) + 1
    return len(last) == len(number) == 1 and ord(number) == ord(last) + 1


def _print_profile(console: Console, profile: Profile) -> None:
    console.print()
    console.print(f"[bold]Guarantee profile: {profile.score:.1f}/100[/]")
    table = Table(show_edge=False, expand=True)
    table.add_column("component")
    table.add_column("value", justify="right")
    table.add_column("weight", justify="right")
    table.add_column("points", justify="right")
    table.add_column("explanation [dim](eIds)[/]", overflow="fold")
    for component in profile.components:
        explanation = escape(component.explanation)
        if component.eids:
            explanation += f"\n[dim]{escape(compact_eids(component.eids))}[/]"
        table.add_row(
            component.name,
            f"{component.value:.2f}",
            f"{component.weight:.2f}",
            f"{100 * component.value * component.weight:.1f}",
            explanation,
        )
    console.print(table)
    for party in profile.per_party:
        console.print(f"  {escape(party.subject)}: [bold]{party.score:.1f}[/]/100")


def _print_tally(console: Console, counts: Tally) -> None:
    console.print()
    console.print("[bold]Commitments by category and party[/]")
    table = Table(show_edge=False, expand=True)
    table.add_column("category", ratio=2)
    for column in counts.columns:
        table.add_column(escape(column), ratio=2)
    for category in counts.categories:
        cells = [cell_label(counts.cell(category, column)) or "–" for column in counts.columns]
        table.add_row(escape(category_label(category)), *cells)
    console.print(table)
    legend = " · ".join(f"{short} = {m.value}" for m, short in SHORT_LABELS.items())
    console.print(f"[dim]{legend}[/]")
    plural = "" if len(counts.declarations) == 1 else "s"
    console.print(
        f"{len(counts.commitments)} commitments; {len(counts.declarations)} "
        f"declaration{plural}, not counted as commitments"
    )


def _excerpt(commitment: Commitment, width: int = _EXCERPT) -> str:
    """The clause, or its item when the force comes from a chapeau, cut to ``width``."""
    text = commitment.text
    if not commitment.start <= commitment.cue.start < commitment.end:
        tail = commitment.end - commitment.start
        text = "… " + text[len(text) - tail :]
    return shorten(text, width)


def _markers(commitment: Commitment) -> str:
    marks = []
    if commitment.trigger:
        marks.append(f"if: {shorten(commitment.trigger.text, 40)}")
    if commitment.qualifiers:
        marks.append("hedged: " + "; ".join(q.text for q in commitment.qualifiers))
    if commitment.deadlines:
        marks.append("time: " + "; ".join(d.text for d in commitment.deadlines))
    if commitment.amounts:
        marks.append("amount: " + "; ".join(a.text for a in commitment.amounts))
    return " | ".join(marks)


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with '…'."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _print_strongest(console: Console, commitments: Sequence[Commitment]) -> None:
    top = strongest(commitments)
    if not top:
        return
    console.print()
    console.print(f"[bold]The {len(top)} strongest commitments[/]")
    table = Table(show_edge=False, expand=True, show_lines=False)
    table.add_column("str.", justify="right", width=4)
    table.add_column("eId / party", ratio=2)
    table.add_column("force", ratio=1)
    table.add_column("clause", ratio=4)
    for commitment in top:
        who = "; ".join(commitment.parties) or " ".join(
            [UNRESOLVED, *(f"({o})" for o in commitment.obligors)]
        )
        clause = escape(_excerpt(commitment))
        markers = _markers(commitment)
        if markers:
            clause += f"\n[dim]{escape(markers)}[/]"
        table.add_row(
            f"{commitment.strength:.2f}",
            f"{escape(commitment.eid)}\n[dim]{escape(who)}[/]",
            f"{commitment.modality.value}\n[dim]'{escape(commitment.cue.text)}'[/]",
            clause,
        )
    console.print(table)
