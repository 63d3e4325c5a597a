"""The HTML report of ``foedus analyze --html``: one self-contained page.

No external resources at all: inline CSS, charts as inline SVG drawn here, no script. Every
finding links to the provision it quotes (``#<eid>``), and the full text of the agreement at the
end highlights the evidence — cue, trigger, hedges, deadlines, amounts, treaty or political
markers — at its absolute document offsets. Everything taken from the document is escaped.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from html import escape
from typing import NamedTuple

from foedus.analysis.extract import Extraction
from foedus.analysis.profile import Profile
from foedus.domain.commitment import Commitment
from foedus.domain.provision import Document, Provision, ProvisionKind
from foedus.reports.terminal import (
    SHORT_LABELS,
    UNRESOLVED,
    category_label,
    cell_label,
    compact_eids,
    shorten,
    tally,
)

__all__ = ["render_html"]

# fmt: off
# Evidence kinds: CSS class → what it is (for titles and the legend).
_KINDS = {"cue": "force cue", "trig": "trigger", "hedge": "hedge", "time": "deadline or time",
          "amt": "amount", "bind": "treaty or political marker"}
_HEADED = {ProvisionKind(k) for k in ("part", "chapter", "section", "article", "annex")}
_NAV = {"profile": "Guarantee profile", "parties": "Per-party comparison",
        "matrix": "By category and party", "commitments": "Commitments", "agreement": "The text"}
# fmt: on
_FILLS = ("#1f4e79", "#b35900", "#2e7d32", "#6a1b9a", "#00695c", "#8d2a2a", "#455a64")
_SANS = 'system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif'
_CSS = """
:root{color-scheme:light;--muted:#4a4a4a;--line:#c8c8c8;--panel:#f4f5f7}*{box-sizing:border-box}
body{margin:0;font:16px/1.5 SANS;color:#1a1a1a;background:#fff}header,main,footer{max-width:72rem;
margin:0 auto;padding:0 1.25rem}header{padding-top:1.5rem}h1{font-size:1.6rem;line-height:1.25;
margin:.25rem 0 1rem}h3{font-size:1.1rem;margin:1.5rem 0 .5rem}h2{font-size:1.3rem;
margin:2.5rem 0 .75rem;border-bottom:2px solid;padding-bottom:.2rem}a{color:#0b4f9c}
a:focus-visible{outline:3px solid #b35900;outline-offset:2px}.kicker{margin:0;color:var(--muted);
text-transform:uppercase;letter-spacing:.08em;font-size:.8rem}.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}dl.facts{display:grid;
grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dl.facts dt{font-weight:600}
dl.facts dd{margin:0}.verdict{font-weight:700;padding:0 .4rem;border:2px solid;border-radius:.25rem}
.verdict.treaty{color:#1b5e20}.verdict.political{color:#8a3c00}nav ol{display:flex;flex-wrap:wrap;
gap:.25rem 1.25rem;padding:0;list-style:none;margin:1rem 0}.score{font-size:2.4rem;font-weight:700;
margin:.25rem 0}.score small{font-size:1rem}table{border-collapse:collapse;width:100%;
margin:.5rem 0 1rem;font-size:.92rem}caption{text-align:left;color:var(--muted);padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.35rem .5rem;vertical-align:top;text-align:left}
thead th{background:var(--panel)}th[scope=row]{background:#fafafa}.num{text-align:right;
font-variant-numeric:tabular-nums;white-space:nowrap}.small{font-size:.82rem;color:var(--muted)}
ul.small{margin:0;padding-left:1rem}
code,.eid{font-family:ui-monospace,SFMono-Regular,Consolas,monospace;font-size:.85em}
svg{max-width:100%;height:auto;display:block;margin:.5rem 0}svg text{font:13px SANS}
.badge{display:inline-block;padding:0 .45rem;border-radius:.7rem;font-size:.8rem;font-weight:600;
border:1px solid currentColor;white-space:nowrap}.m-obligation{background:#e3ecf7;color:#0d3a6e}
.m-prohibition{background:#f7e1e1;color:#7a1414}.m-commitment{background:#e4f2e4;color:#1b4d1e}
.m-aspiration{background:#fbefd9;color:#6b4200}.m-permission{background:#ece6f5;color:#4a2a78}
.m-declaration{background:#eceeef;color:#3b3f42}mark{color:inherit;padding:0 1px;
-webkit-print-color-adjust:exact;print-color-adjust:exact}mark.cue{background:#ffe082;
font-weight:700}mark.hedge{background:#ffe0cc;text-decoration:underline wavy}
mark.trig{background:#d6e9fb;border-bottom:2px dashed #0d47a1}mark.bind{background:#e0e0e0;
border-bottom:2px solid #333}mark.time{background:#d7f0d8;border-bottom:3px double #1b5e20}
mark.amt{background:#eadcf7;outline:1px solid #6a1b9a}.legend{display:flex;flex-wrap:wrap;
gap:.4rem 1rem;font-size:.85rem;padding:0;list-style:none}.cell-list{display:none;
border:2px solid #0b4f9c;padding:.25rem 1rem}.cell-list:target{display:block}
.agreement{max-width:48rem}.prov .prov{margin-left:1.4rem}.own{white-space:pre-wrap;margin:.4rem 0}
.prov h3,.prov h4,.prov h5,.prov h6{margin:1.2rem 0 .3rem;white-space:pre-line}
.prov:target,tr:target{background:#fff8d6;outline:3px solid #b35900}.refs{font-size:.8rem;
margin-left:.3rem}.refs a{text-decoration:none}
@media print{nav,.skip,.cell-list,.refs{display:none!important}body{font-size:11pt}
h2{break-after:avoid}tr,.own{break-inside:avoid}a{color:inherit;text-decoration:none}
header,main,footer{max-width:none}}
""".replace("SANS", _SANS)


class _Mark(NamedTuple):
    """An evidence span; sorts by start, longer first, so enclosing marks open first."""

    start: int
    neg_end: int
    kind: str
    title: str

    @property
    def end(self) -> int:
        return -self.neg_end


def _mark(start: int, end: int, kind: str, title: str) -> _Mark:
    return _Mark(start, -end, kind, title)


def _highlight(text: str, lo: int, hi: int, marks: Iterable[_Mark]) -> str:
    """``text[lo:hi]`` escaped, with ``marks`` as properly nested <mark>s (clipped to the
    range; a mark crossing the end of an enclosing one is split in two)."""
    queue = [
        _mark(max(m.start, lo), min(m.end, hi), m.kind, m.title)
        for m in marks
        if m.start < hi and m.end > lo and m.end > m.start
    ]
    heapq.heapify(queue)
    out: list[str] = []
    pos, stack = lo, list[_Mark]()
    while queue:
        mark = heapq.heappop(queue)
        while stack and stack[-1].end <= mark.start:
            out += [escape(text[pos : stack[-1].end]), "</mark>"]
            pos = stack.pop().end
        if stack and mark.end > stack[-1].end:
            heapq.heappush(queue, _mark(stack[-1].end, mark.end, mark.kind, mark.title))
            mark = _mark(mark.start, stack[-1].end, mark.kind, mark.title)
        out += [escape(text[pos : mark.start]), f'<mark class="{mark.kind}" title="']
        out += [escape(mark.title), '">']
        pos = mark.start
        stack.append(mark)
    while stack:
        out += [escape(text[pos : stack[-1].end]), "</mark>"]
        pos = stack.pop().end
    return "".join(out) + escape(text[pos:hi])


def _evidence(c: Commitment) -> list[_Mark]:
    """The evidence of one commitment as marks at document offsets."""
    spans = [("cue", c.cue), *(("trig", t) for t in [c.trigger] if t)]
    spans += [*(("hedge", q) for q in c.qualifiers), *(("time", d) for d in c.deadlines)]
    marks = [_mark(s.start, s.end, kind, _KINDS[kind]) for kind, s in spans]
    amounts = [(a, f"amount: {a.value:,.0f} {a.currency}") for a in c.amounts]
    return marks + [_mark(a.start, a.end, "amt", title) for a, title in amounts]


def _document_marks(extraction: Extraction) -> list[_Mark]:
    """The evidence of all commitments, and the treaty or political markers, in order; a span
    shared by several commitments (a chapeau's cue) is marked once, naming them all."""
    found: dict[tuple[int, int, str], list[str]] = {}
    for c in extraction.commitments:
        for m in _evidence(c):
            found.setdefault((m.start, m.end, m.kind), []).append(c.eid)
    binding = extraction.bindingness
    for span in (*binding.treaty_evidence, *binding.political_evidence):
        found.setdefault((span.start, span.end, "bind"), [])
    return sorted(
        _mark(start, end, kind, _KINDS[kind] + (f" ({compact_eids(eids)})" if eids else ""))
        for (start, end, kind), eids in found.items()
    )


def _local(c: Commitment, mark: _Mark, document_text: str) -> _Mark | None:
    """``mark`` moved into ``c.text``, whose tail is the clause's own part and whose head, for
    a list item, its chapeau; None when it cannot be placed there."""
    text, quoted = c.text, document_text[mark.start : mark.end]
    head_length = len(text) - (c.end - c.start)
    if c.start <= mark.start and mark.end <= c.end:
        at = head_length + mark.start - c.start
        return _mark(at, at + len(quoted), mark.kind, mark.title) if at >= 0 else None
    # In the chapeau: where the quote occurs with the most of the document's preceding text.
    before = document_text[max(0, mark.start - 40) : mark.start + 1][::-1]
    head = text[: max(0, head_length)]
    places = [at for at in range(len(head)) if head.startswith(quoted, at)]
    best = max(places, default=None, key=lambda at: _shared(head[at::-1], before))
    return None if best is None else _mark(best, best + len(quoted), mark.kind, mark.title)


def _shared(left: str, right: str) -> int:
    """The length of the common prefix of ``left`` and ``right``."""
    pairs = zip(left, right, strict=False)
    return next((n for n, (a, b) in enumerate(pairs) if a != b), min(len(left), len(right)))


def _section(key: str, title: str, *body: str) -> str:
    return (
        f'<section id="{key}" aria-labelledby="h-{key}">\n<h2 id="h-{key}">{title}</h2>\n'
        + "\n".join(body)
        + "\n</section>"
    )


def _table(caption: str, headers: Sequence[str], rows: Iterable[str]) -> str:
    cells = [f'<th scope="col">{header}</th>' for header in headers]
    return (
        f"<table><caption>{caption}</caption><thead><tr>{''.join(cells)}</tr></thead>\n"
        f"<tbody>{chr(10).join(rows)}</tbody></table>"
    )


def _num(value: float, digits: int = 1) -> str:
    return f'<td class="num">{value:.{digits}f}</td>'


class _Page:
    def __init__(self, document: Document, extraction: Extraction, profile: Profile) -> None:
        self.document, self.extraction, self.profile = document, extraction, profile
        self.eids = {node.eid for node in document.walk()}
        self.index = {id(c): n for n, c in enumerate(extraction.commitments)}
        self.tally = tally(extraction)
        self.refs: dict[str, list[Commitment]] = {}
        for c in extraction.commitments:
            self.refs.setdefault(c.eid, []).append(c)
        self.marks = _document_marks(extraction)
        self.starts = [m.start for m in self.marks]
        self.longest = max((m.end - m.start for m in self.marks), default=0)

    def link(self, eid: str) -> str:
        """A link to provision ``eid`` (plain text when the document has no such node)."""
        if eid not in self.eids:
            return f'<span class="eid">{escape(eid)}</span>'
        return f'<a class="eid" href="#{escape(eid)}">{escape(eid)}</a>'

    def row_id(self, commitment: Commitment) -> str:
        return f"c-{self.index[id(commitment)]}"

    def eid_at(self, offset: int) -> str:
        """The innermost provision holding ``offset``."""
        found = ""
        for node in self.document.walk():
            if node.start <= offset < node.end:
                found = node.eid
        return found

    def render(self) -> str:
        title = escape(self.document.title or self.document.source)
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>foedus report — {title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            '<a class="skip" href="#agreement">Skip to the agreement text</a>\n'
            f"{self.header(title)}\n<main>\n{self.profile_section()}\n{self.parties_section()}\n"
            f"{self.matrix_section()}\n{self.commitments_section()}\n{self.text_section()}\n"
            '</main>\n<footer><p class="small">Generated by foedus. Scores and readings are '
            "automatic: check them against the quoted provisions.</p></footer>\n</body>\n</html>\n"
        )

    def header(self, title: str) -> str:
        document, binding = self.document, self.extraction.bindingness
        parties = self.extraction.parties or document.parties
        verdict = "political commitment" if binding.political else "treaty"
        facts = [
            ("Source", f"<code>{escape(document.source)}</code> ({escape(document.format)})"),
            ("Language", escape(document.language or "unknown")),
            ("Parties", escape("; ".join(parties)) if parties else "not stated"),
            ("Nature", f'<span class="verdict {verdict.split()[0]}">{verdict}</span> '
                       f"(bindingness {binding.score:.2f}: {escape(binding.explanation)})"),
        ]  # fmt: skip
        for label, spans in (
            ("Treaty markers", binding.treaty_evidence),
            ("Political markers", binding.political_evidence),
        ):
            quotes = [f"“{escape(s.text)}” ({self.link(self.eid_at(s.start))})" for s in spans]
            facts += [(label, ", ".join(quotes))] if quotes else []
        items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
        nav = "".join(f'<li><a href="#{key}">{label}</a></li>' for key, label in _NAV.items())
        return (
            f'<header>\n<p class="kicker">foedus report</p>\n<h1>{title}</h1>\n'
            f'<dl class="facts">{items}</dl>\n<nav aria-label="Contents"><ol>{nav}</ol></nav>'
            "\n</header>"
        )

    def profile_section(self) -> str:
        rows = [
            f'<tr><th scope="row">{escape(c.name)}</th>{_num(c.value, 2)}{_num(c.weight, 2)}'
            f"{_num(100 * c.value * c.weight)}<td>{escape(c.explanation)}</td>"
            f'<td class="small">{", ".join(self.link(e) for e in c.eids) or "—"}</td></tr>'
            for c in self.profile.components
        ]
        headers = ["Component", "Value", "Weight", "Points", "Explanation", "Evidence"]
        return _section(
            "profile",
            "Guarantee profile",
            f'<p class="score">{self.profile.score:.1f}<small> / 100</small></p>',
            _component_chart(self.profile),
            _table("Components: points = value × weight × 100", headers, rows),
        )

    def parties_section(self) -> str:
        subjects = [("Whole agreement", self.profile)]
        subjects += [(p.subject, p) for p in self.profile.per_party]
        rows = [
            f'<tr><th scope="row">{escape(label)}</th>{_num(p.score)}'
            + "".join(_num(100 * c.value * c.weight) for c in p.components)
            + "</tr>"
            for label, p in subjects
        ]
        names = [escape(c.name) for c in self.profile.components]
        return _section(
            "parties",
            "Per-party comparison",
            "<p>A party's score counts only the commitments that party bears; the whole "
            "agreement counts them all.</p>",
            _party_chart(subjects),
            _table("Scores and points per component", ["Subject", "Score", *names], rows),
        )

    def matrix_section(self) -> str:
        counts = self.tally
        rows, lists = [], []
        for category in counts.categories:
            label = escape(category_label(category))
            cells = []
            for n, column in enumerate(counts.columns):
                found = counts.cell(category, column)
                anchor = f"cell-{escape(category)}-{n}"
                if not found:
                    cells.append('<td><span title="none">–</span></td>')
                    continue
                cells.append(f'<td><a href="#{anchor}">{escape(cell_label(found))}</a></td>')
                items = "".join(
                    f'<li><a href="#{self.row_id(c)}">{escape(c.eid)}</a> {c.modality.value} '
                    f"{c.strength:.2f} — {escape(shorten(c.text, 110))}</li>"
                    for c in found
                )
                lists.append(
                    f'<section class="cell-list" id="{anchor}"><h3>{label} — {escape(column)} '
                    f'({len(found)})</h3><ul>{items}</ul><p><a href="#matrix">Back to the table'
                    "</a></p></section>"
                )
            rows.append(
                f'<tr><th scope="row">{label} <code class="small">{escape(category)}</code></th>'
                f"{''.join(cells)}</tr>"
            )
        legend = " · ".join(f"<b>{s}</b> {m.value}" for m, s in SHORT_LABELS.items())
        declared = len(counts.declarations)
        caption = (
            f"Counts by force, strongest first ({legend}); “{UNRESOLVED}”: no party named. A "
            "commitment borne by several parties, or in several categories, counts in each cell."
        )
        columns = [escape(column) for column in counts.columns]
        return _section(
            "matrix",
            "Commitments by category and party",
            f"<p>{len(counts.commitments)} commitments; {declared} declaration"
            f"{'' if declared == 1 else 's'}, not counted as commitments.</p>",
            _table(caption, ["Category", *columns], rows),
            *lists,
        )

    def commitments_section(self) -> str:
        legend = "".join(
            f'<li><mark class="{kind}">{label}</mark></li>' for kind, label in _KINDS.items()
        )
        return _section(
            "commitments",
            "Commitments",
            f'<ul class="legend" aria-label="Highlight legend">{legend}</ul>',
            self.commitment_table(self.tally.commitments, "Commitments in document order"),
            '<h3 id="declarations">Declarations</h3>\n<p>Recitals and statements (recognises, '
            "reaffirms, notes…) bind no one to act and are not counted as commitments.</p>",
            self.commitment_table(self.tally.declarations, "Declarations in document order"),
        )

    def commitment_table(self, commitments: Sequence[Commitment], caption: str) -> str:
        if not commitments:
            return "<p>None.</p>"
        headers = ["Provision", "Who", "Force", "Clause", "Categories, amounts", "Strength"]
        return _table(caption, headers, [self.commitment_row(c) for c in commitments])

    def commitment_row(self, c: Commitment) -> str:
        marks = (_local(c, mark, self.document.text) for mark in _evidence(c))
        clause = _highlight(c.text, 0, len(c.text), [m for m in marks if m is not None])
        who = escape("; ".join(c.parties)) if c.parties else f"<em>{UNRESOLVED}</em>"
        details = [f"as written: {', '.join(c.obligors)}"] if c.obligors else []
        details += [f"for: {c.beneficiary}"] if c.beneficiary else []
        also = [m.value for m in c.modalities if m is not c.modality]
        details_force = [f"also {', '.join(also)}"] if also else []
        notes = [f"Trigger: {c.trigger.text}"] if c.trigger else []
        notes += [f"Hedges: {'; '.join(q.text for q in c.qualifiers)}"] if c.qualifiers else []
        notes += [f"Time: {'; '.join(d.text for d in c.deadlines)}"] if c.deadlines else []
        tags = [category_label(k) for k in c.categories]
        tags += [f"{a.text} = {a.value:,.0f} {a.currency}" for a in c.amounts]
        reason = escape(c.strength_reason)
        return (
            f'<tr id="{self.row_id(c)}"><td>{self.link(c.eid)}</td><td>{who}{_small(details)}'
            f'</td><td><span class="badge m-{c.modality.value}">{c.modality.value}</span><br>'
            f"“{escape(c.cue.text)}”{_small(details_force)}</td><td>{clause}{_small(notes)}</td>"
            f'<td><ul class="small">{"".join(f"<li>{escape(t)}</li>" for t in tags)}</ul></td>'
            f'<td title="{reason}"><strong>{c.strength:.2f}</strong><br><span class="small">'
            f"{reason}</span></td></tr>"
        )

    def text_section(self) -> str:
        lang = self.document.language
        lang_attr = f' lang="{escape(lang)}"' if lang else ""
        body = "".join(self.provision(node, 3) for node in self.document.provisions)
        return _section(
            "agreement",
            "The agreement",
            '<p class="small">The evidence is highlighted in the text; each “→” link leads to '
            "the reading of the provision.</p>",
            f'<div class="agreement"{lang_attr}>{body}</div>',
        )

    def quote(self, lo: int, hi: int) -> str:
        """The document's text in ``[lo, hi)``, trimmed, escaped and highlighted."""
        text = self.document.text
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        near = self.marks[
            bisect_left(self.starts, lo - self.longest) : bisect_left(self.starts, hi)
        ]
        return _highlight(text, lo, hi, near) if hi > lo else ""

    def provision(self, node: Provision, level: int) -> str:
        """``node`` and its descendants as nested blocks, each with ``id="<eid>"``."""
        parts = [f'<div class="prov k-{node.kind.value}" id="{escape(node.eid)}">']
        body_from = node.start
        if node.kind in _HEADED and node.body_start > node.start:
            tag = f"h{min(level, 6)}"
            parts.append(f"<{tag}>{self.quote(node.start, node.body_start)}</{tag}>")
            body_from = node.body_start
        own = self.quote(body_from, node.own_end)
        links = "".join(
            f' <a href="#{self.row_id(c)}" title="{escape(c.strength_reason)}">→ '
            f"{c.modality.value} {c.strength:.2f}</a>"
            for c in self.refs.get(node.eid, ())
        )
        if own or links:
            refs = f'<span class="refs">{links}</span>' if links else ""
            parts.append(f'<p class="own">{own}{refs}</p>')
        parts += [self.provision(child, level + 1) for child in node.children]
        return "".join(parts) + "</div>"


def _small(lines: Sequence[str]) -> str:
    return "".join(f'<br><span class="small">{escape(line)}</span>' for line in lines)


class _Bar(NamedTuple):
    heading: str | None  # a group's title, on the line above its first bar
    label: str
    value: float
    top: float  # the most the bar can reach, drawn as a dashed outline
    fill: str


def _bar_chart(key: str, title: str, bars: Sequence[_Bar], scale: float) -> str:
    """Horizontal bars on one scale (``scale`` px per unit), each labelled with its name and
    value, so that colour carries no meaning of its own."""
    left, parts, y = 230, [], 6
    for bar in bars:
        if bar.heading:
            parts.append(f'<text x="0" y="{y + 14}" font-weight="700">{escape(bar.heading)}</text>')
            y += 22
        full, got = bar.top * scale, bar.value * scale
        parts.append(
            f"<g><title>{escape(bar.label)}: {bar.value:.1f} of {bar.top:.0f}</title>"
            f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{escape(shorten(bar.label, 30))}'
            f'</text><rect x="{left}" y="{y}" width="{full:.1f}" height="18" fill="#fff" '
            f'stroke="#6b6b6b" stroke-dasharray="3 2"/><rect x="{left}" y="{y}" width="{got:.1f}" '
            f'height="18" fill="{bar.fill}"/><text x="{left + full + 8:.1f}" y="{y + 13}">'
            f"{bar.value:.1f} of {bar.top:.0f}</text></g>"
        )
        y += 24
    width = left + int(max((b.top for b in bars), default=0) * scale) + 110
    return (
        f'<svg viewBox="0 0 {width} {y}" width="{width}" height="{y}" role="img" '
        f'aria-labelledby="{key}"><title id="{key}">{escape(title)}</title>{"".join(parts)}</svg>'
    )


def _component_chart(profile: Profile) -> str:
    """Each component's points (value × weight × 100) against the most it can give."""
    bars = [
        _Bar(None, c.name, 100 * c.value * c.weight, 100 * c.weight, _FILLS[0])
        for c in profile.components
    ]
    title = "Points per component: filled bar = points earned, dashed outline = the most it gives"
    return _bar_chart("chart-components", title, bars, 14.0)


def _party_chart(subjects: Sequence[tuple[str, Profile]]) -> str:
    """Grouped bars: the total score, then each component's points, one bar per subject."""
    bars = [
        _Bar("Total score" if k == 0 else None, name, p.score, 100.0, _FILLS[k % len(_FILLS)])
        for k, (name, p) in enumerate(subjects)
    ]
    for n, component in enumerate(subjects[0][1].components):
        bars += [
            _Bar(None if k else component.name, name, 100 * c.value * c.weight, 100 * c.weight,
                 _FILLS[k % len(_FILLS)])
            for k, (name, p) in enumerate(subjects)
            if (c := p.components[n])
        ]  # fmt: skip
    title = "Score and points per component, for the whole agreement and for each party"
    return _bar_chart("chart-parties", title, bars, 5.0)


def render_html(document: Document, extraction: Extraction, profile: Profile) -> str:
    """One self-contained HTML5 page reporting the analysis of ``document``."""
    return _Page(document, extraction, profile).render()
