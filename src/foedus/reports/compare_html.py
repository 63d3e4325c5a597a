"""The HTML page of ``foedus compare --html``: the portfolio matrix, self-contained.

No external resources and no script: inline CSS only. Cells are coloured on one scale by
their level (the strength of the strongest clause, or the fact's weight), so the eye finds the
strong and the missing at once; each cell links to the quoted clauses in the evidence section
(``#e<column>-<eid>``), which names every provision by its eId. Outliers are listed in words
at the top; the history section (``--history``) shows each agreement's ATOP-style codes, the
share of historical alliances with each, the nearest alliances and the depth estimate.
Everything taken from the documents is escaped.
"""

from __future__ import annotations

from html import escape

from foedus.compare.cells import Cell, Evidence
from foedus.compare.history import History
from foedus.services.compare import Portfolio

__all__ = ["level_colour", "render_compare_html"]

_CSS = """
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
color:#1a1a1a}header,main{max-width:110rem;margin:0 auto;padding:0 1rem}h1{font-size:1.5rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:2px solid;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}th,td{border:1px solid
#c8c8c8;padding:.3rem .4rem;vertical-align:top;text-align:left}thead th{background:#f4f5f7;
position:sticky;top:0}th[scope=row]{background:#fafafa;min-width:11rem}td.cell{min-width:8rem;
max-width:16rem}.group th{background:#e9ecef;text-align:left}.mod{font-size:.75rem;font-weight:600}
.hedged{text-decoration:underline wavy}.absent{color:#6b6b6b;background:#f2f2f2}.legend span{
display:inline-block;padding:.1rem .5rem;margin-right:.2rem}a{color:inherit}
.notes li{margin:.2rem 0}
.ev{margin:.3rem 0 .6rem}.ev:target{outline:3px solid #b35900;background:#fff8d6}
code{font-family:ui-monospace,Consolas,monospace;font-size:.85em}.small{font-size:.8rem;color:#4a4a4a}
@media print{thead th{position:static}}
"""
_SHORT = {
    "obligation": "obl",
    "prohibition": "pro",
    "commitment": "com",
    "aspiration": "asp",
    "permission": "per",
    "declaration": "dec",
}


def level_colour(level: float | None) -> tuple[str, str]:
    """Background and text colour for a level in [0, 1] (None: absent): white to dark blue."""
    if level is None:
        return "#f2f2f2", "#6b6b6b"
    t = max(0.0, min(1.0, level))
    low, high = (239, 246, 255), (8, 69, 148)
    rgb = tuple(round(a + (b - a) * t) for a, b in zip(low, high, strict=True))
    background = "#{:02x}{:02x}{:02x}".format(*rgb)
    return background, ("#ffffff" if t > 0.55 else "#111111")


def _anchor(column: int, eid: str) -> str:
    return f"e{column}-{eid}"


def _cell(cell: Cell, column: int) -> str:
    if not cell.present and not cell.value:
        return '<td class="cell absent">—</td>'
    background, colour = level_colour(cell.level if cell.present else None)
    parts = [escape(cell.value) or "✓"]
    if cell.modality:
        hedged = " hedged" if cell.hedged else ""
        title = "hedged " if cell.hedged else ""
        parts.append(
            f'<span class="mod{hedged}" title="{title}{cell.modality.value}">'
            f"[{_SHORT[cell.modality.value]}]</span>"
        )
    links = " ".join(
        f'<a href="#{escape(_anchor(column, e.eid))}">{escape(e.eid)}</a>' for e in cell.evidence
    )
    if links:
        parts.append(f'<div class="small" style="color:{colour}">{links}</div>')
    return f'<td class="cell" style="background:{background};color:{colour}">{" ".join(parts)}</td>'


def _matrix(portfolio: Portfolio) -> list[str]:
    matrix = portfolio.matrix
    out = ["<table><thead><tr><th scope=col>Dimension</th>"]
    out += [f"<th scope=col>{escape(name)}</th>" for name in matrix.columns]
    out.append("</tr></thead><tbody>")
    group = None
    for row in matrix.rows:
        if row.group != group:
            group = row.group
            out.append(
                f'<tr class="group"><th colspan={len(matrix.columns) + 1}>{escape(group)}</th></tr>'
            )
        notes = f' title="{escape("; ".join(row.notes))}"' if row.notes else ""
        flag = " ⚑" if row.notes else ""
        out.append(
            f'<tr id="row-{escape(row.id)}"><th scope=row{notes}>{escape(row.label)}{flag}</th>'
        )
        out += [_cell(cell, k) for k, cell in enumerate(row.cells)]
        out.append("</tr>")
    out.append("</tbody></table>")
    return out


def _evidence(portfolio: Portfolio) -> list[str]:
    matrix = portfolio.matrix
    out = ['<h2 id="evidence">Evidence</h2>']
    for k, (name, source) in enumerate(zip(matrix.columns, matrix.sources, strict=True)):
        quoted: dict[str, list[Evidence]] = {}
        for row in matrix.rows:
            for e in row.cells[k].evidence:
                quoted.setdefault(e.eid, [])
                if all(q.start != e.start for q in quoted[e.eid]):
                    quoted[e.eid].append(e)
        out.append(f"<h3>{escape(name)} <span class=small>{escape(source)}</span></h3>")
        for eid, items in sorted(quoted.items(), key=lambda kv: kv[1][0].start):
            body = " … ".join(escape(e.quote) for e in items)
            anchor = escape(_anchor(k, eid))
            out.append(f'<p class="ev" id="{anchor}"><code>{escape(eid)}</code> {body}</p>')
    return out


def _history(name: str, history: History) -> list[str]:
    notice = history.notice()
    out = [
        f"<h3>{escape(name)}</h3>",
        f"<p class=notice>Note: {escape(notice)}.</p>" if notice else "",
        "<table><thead><tr><th>code</th><th>this agreement</th>",
        "<th>historical alliances with it</th><th>evidence</th></tr></thead><tbody>",
    ]
    for code in history.profile.codes:
        share = history.shares[code.code]
        eids = ", ".join(escape(e.eid) for e in code.evidence)
        note = f" ({escape(code.note)})" if code.note and code.value else ""
        out.append(
            f"<tr><th scope=row>{escape(code.label)} <code>{code.code}</code></th>"
            f"<td>{'yes' if code.value else 'no'}{note}</td><td>{share:.0%}</td>"
            f"<td>{eids}</td></tr>"
        )
    out.append("</tbody></table><p>Nearest historical alliances (Gower distance):</p><ol>")
    for alliance, distance in history.nearest:
        members = ", ".join(alliance.members[:6]) + (" …" if len(alliance.members) > 6 else "")
        out.append(
            f"<li>ATOP {alliance.atopid} ({alliance.begin}): {escape(members)} — "
            f"distance {distance:.3f}</li>"
        )
    out.append("</ol>")
    if history.depth:
        d = history.depth
        out.append(
            f"<p>Estimated Benson–Clinton depth {d.value:.2f} (percentile {d.percentile:.0f} of "
            f"the published scores); the estimate's 10-fold cross-validated R² is {d.cv_r2:.2f}, "
            f"typical error ±{d.cv_rmse:.2f}, fitted on {d.fitted_on} alliances.</p>"
        )
    return out


def render_compare_html(portfolio: Portfolio, title: str = "Portfolio of agreements") -> str:
    """The whole page as one string."""
    matrix = portfolio.matrix
    steps = ((None, "absent"), (0.1, "declared"), (0.4, "aspiration"), (0.7, "commitment"))
    legend = " ".join(
        f'<span style="background:{level_colour(v)[0]};color:{level_colour(v)[1]}">{label}</span>'
        for v, label in (*steps, (0.9, "obligation"))
    )
    out = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><header>",
        f"<h1>{escape(title)}</h1><p>{len(matrix.columns)} agreements, {len(matrix.rows)} "
        f'dimensions. <span class="legend">{legend}</span> [obl] obligation, [com] commitment, '
        "[asp] aspiration, [dec] declaration; wavy underline: hedged.</p></header><main>",
        '<h2 id="notes">Outliers</h2><ul class="notes">',
    ]
    out += [f"<li>{escape(note)}</li>" for note in matrix.notes] or ["<li>none</li>"]
    out.append('</ul><h2 id="matrix">Matrix</h2>')
    out += _matrix(portfolio)
    if portfolio.histories:
        out.append('<h2 id="history">Among historical alliances (ATOP)</h2>')
        for name, history in zip(matrix.columns, portfolio.histories, strict=True):
            out += _history(name, history)
    out += _evidence(portfolio)
    out.append(
        "<p class=small>ATOP: Leeds, Ritter, Mitchell and Long (2002), Alliance Treaty "
        "Obligations and Provisions, 1815–1944, International Interactions 28: 237–60; "
        "depth scores: Benson and Clinton (2016).</p></main></body></html>"
    )
    return "\n".join(out) + "\n"
