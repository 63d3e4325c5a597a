"""Plain-text and CSV views of the comparison results, for the terminal and for spreadsheets:
the portfolio matrix (:func:`matrix_text`, :func:`matrix_csv_rows`), the template check
(:func:`check_text`), the place among historical alliances (:func:`history_text`) and the
alignment of two agreements (:func:`alignment_text`)."""

from __future__ import annotations

from foedus.compare.alignment import Alignment
from foedus.compare.cells import Cell
from foedus.compare.history import History
from foedus.compare.template import Status, TemplateCheck
from foedus.services.compare import Portfolio

__all__ = ["alignment_text", "check_text", "history_text", "matrix_csv_rows", "matrix_text"]

_WIDTH = 16
_MARK = {Status.PRESENT: "+", Status.WEAK: "~", Status.MISSING: "-"}


def _short(cell: Cell, width: int = _WIDTH) -> str:
    if not cell.present and not cell.value:
        return "-"
    modality = f"{cell.modality.value[:3]}{'~' if cell.hedged else ''} " if cell.modality else ""
    text = modality + cell.value
    return text if len(text) <= width else text[: width - 1] + "…"


def matrix_text(portfolio: Portfolio) -> str:
    """Outliers in words, then the matrix with one column per agreement."""
    matrix = portfolio.matrix
    lines = ["Outliers:"]
    lines += [f"  - {note}" for note in matrix.notes] or ["  (none)"]
    lines.append("")
    label_width = 30
    header = "".join(f"{name[:_WIDTH]:<{_WIDTH + 2}}" for name in matrix.columns)
    lines.append(f"{'dimension':<{label_width}}{header}".rstrip())
    group = None
    for row in matrix.rows:
        if row.group != group:
            group = row.group
            lines.append(f"[{group}]")
        cells = "".join(f"{_short(c):<{_WIDTH + 2}}" for c in row.cells)
        flag = "!" if row.notes else " "
        lines.append(f"{flag} {row.label[: label_width - 3]:<{label_width - 2}}{cells}".rstrip())
    lines.append("")
    lines.append("obl/com/asp/dec: strongest modality; ~ hedged; ! outlier noted above")
    if portfolio.histories:
        for name, history in zip(matrix.columns, portfolio.histories, strict=True):
            lines += ["", history_text(history, name)]
    return "\n".join(lines) + "\n"


def matrix_csv_rows(portfolio: Portfolio) -> list[list[str]]:
    """One row per dimension, one column per agreement: "value [modality] (eIds)"."""
    matrix = portfolio.matrix
    rows = [["group", "dimension", *matrix.columns, "notes"]]
    for row in matrix.rows:
        cells = []
        for cell in row.cells:
            parts = [cell.value] if cell.value else []
            if cell.modality:
                parts.append(f"[{cell.modality.value}{', hedged' if cell.hedged else ''}]")
            if cell.evidence:
                parts.append("(" + ", ".join(e.eid for e in cell.evidence) + ")")
            cells.append(" ".join(parts))
        rows.append([row.group, row.label, *cells, " | ".join(row.notes)])
    return rows


def check_text(check: TemplateCheck) -> str:
    """Each element with its status, reason and evidence."""
    summary = ", ".join(f"{check.count(s)} {s.value}" for s in Status)
    lines = [f"{check.source} against {check.title}: {summary}", ""]
    for result in check.results:
        lines.append(
            f"{_MARK[result.status]} {result.status.value:<8} {result.id}: {result.reason}"
        )
        lines += [f"      [{e.eid}] {e.quote}" for e in result.evidence[:2]]
    return "\n".join(lines) + "\n"


def history_text(history: History, name: str | None = None) -> str:
    """The codes in words, the nearest historical alliances and the depth estimate."""
    title = name or history.profile.source
    lines = [f"{title} among {history.total} historical alliances (ATOP v4):"]
    notice = history.notice()
    if notice:
        lines.append(f"  note: {notice}")
    for code, sentence in zip(history.profile.codes, history.sentences(), strict=True):
        eids = ", ".join(e.eid for e in code.evidence)
        lines.append(f"  {sentence}" + (f"  [{eids}]" if eids else ""))
    lines.append("  nearest alliances (Gower distance over these codes and the stated length):")
    for alliance, distance in history.nearest:
        members = ", ".join(alliance.members[:5]) + (" …" if len(alliance.members) > 5 else "")
        lines.append(f"    ATOP {alliance.atopid} ({alliance.begin}) {members}  {distance:.3f}")
    if history.depth:
        d = history.depth
        lines.append(
            f"  estimated Benson–Clinton depth {d.value:.2f}, percentile {d.percentile:.0f} "
            f"(linear fit on {d.fitted_on} alliances: cross-validated R² {d.cv_r2:.2f}, "
            f"error ±{d.cv_rmse:.2f})"
        )
    return "\n".join(lines) + "\n"


def alignment_text(alignment: Alignment) -> str:
    lines = [f"{alignment.left_source}  <->  {alignment.right_source}"]
    for pair in alignment.pairs:
        shared = ", ".join(pair.shared)
        lines.append(f"  {pair.left:<28} {pair.right:<28} {pair.score:.2f}  {shared}")
    if alignment.left_only:
        lines.append(f"  only in {alignment.left_source}: {', '.join(alignment.left_only)}")
    if alignment.right_only:
        lines.append(f"  only in {alignment.right_source}: {', '.join(alignment.right_only)}")
    return "\n".join(lines) + "\n"
