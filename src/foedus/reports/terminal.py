"""The terminal summary of ``foedus analyze``."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from foedus.domain.provision import Document, Provision, ProvisionKind

__all__ = ["print_summary"]

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
    label = f"[bold]{word} {node.num}[/]" if node.num else f"[bold]{word}[/]"
    if node.heading:
        label += f" — {node.heading}"
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
    console.print(f"[bold]{document.title or '(untitled agreement)'}[/]")
    facts = Table.grid(padding=(0, 2))
    facts.add_row("Source", document.source)
    facts.add_row("Format", document.format)
    facts.add_row("Language", document.language or "unknown")
    facts.add_row("Parties", "; ".join(document.parties) if document.parties else "not stated")
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
