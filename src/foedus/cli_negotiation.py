"""``foedus frontier``: package-deal analytics on a model file (docs/package-deals.md)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from foedus.domain.package_deal import Viewer

if TYPE_CHECKING:  # the analytics load numpy: only when the command runs
    from foedus.services.package_deal import PackageDealAnalysis, PackagePoint

__all__ = ["register", "text_report"]


class FrontierFormat(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add the package-deal commands to ``app``."""
    app.command("frontier")(frontier)


def frontier(
    model: Annotated[Path, typer.Argument(help="A package-deal model file (YAML).")],
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Also write the frontier chart (SVG) here.")
    ] = None,
    output_format: Annotated[
        FrontierFormat, typer.Option("--format", "-f", help="text summary or json.")
    ] = FrontierFormat.text,
    as_party: Annotated[
        str | None,
        typer.Option(
            "--as", help="One delegation's view: its own valuation, the others' estimated."
        ),
    ] = None,
    mediator: Annotated[
        bool, typer.Option("--mediator", help="A mediator's view: every true valuation.")
    ] = False,
    trades: Annotated[int, typer.Option("--trades", min=0, help="How many trades to list.")] = 10,
    max_changes: Annotated[
        int, typer.Option("--max-changes", min=1, max=4, help="Issues changed per trade, at most.")
    ] = 3,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """Pareto frontier, Nash and Kalai–Smorodinsky packages, and the trades that improve the
    current draft for every side. Joint analysis by default (needs every delegation's consent
    in the model), or --as PARTY, or --mediator."""
    from foedus.cli import EXIT_INPUT, _error, _guarded, _output

    if as_party is not None and mediator:
        _error("--as and --mediator exclude each other")
        raise typer.Exit(EXIT_INPUT)
    viewer = (
        Viewer.delegation(as_party)
        if as_party is not None
        else Viewer.mediator()
        if mediator
        else Viewer.joint()
    )

    def run() -> None:
        from foedus.services.package_deal import (
            analyse_package_deal,
            analysis_as_dict,
            load_model,
        )

        analysis = analyse_package_deal(
            load_model(model), viewer, max_changes=max_changes, trades=trades
        )
        if svg is not None:
            from foedus.reports.frontier_svg import render_frontier_svg

            with _output(svg) as stream:
                stream.write(render_frontier_svg(analysis))
        if output_format is FrontierFormat.json:
            typer.echo(json.dumps(analysis_as_dict(analysis), ensure_ascii=False, indent=2))
        else:
            typer.echo("\n".join(text_report(analysis)))
        if svg is not None:
            typer.echo(f"frontier chart written to {svg}", err=True)

    _guarded(debug, run)


def text_report(analysis: PackageDealAnalysis) -> list[str]:
    """The plain-text summary printed by ``foedus frontier``."""
    parties = analysis.parties
    names = [f"{p} (est.)" if p in analysis.estimated else p for p in parties]
    width = max(14, *(len(n) for n in names))
    lines = [analysis.title, *(f"  {note}" for note in analysis.notes), ""]

    def row(label: str, values: dict[str, float] | None, tail: str = "") -> None:
        if values is None:
            lines.append(f"{label:<20}" + "".join(f"{'—':>{width + 2}}" for _ in parties))
            return
        cells = "".join(f"{values[p]:>{width + 2}.1f}" for p in parties)
        lines.append(f"{label:<20}{cells}{tail}")

    lines.append(f"{'':<20}" + "".join(f"{n:>{width + 2}}" for n in names))
    row("reservation", dict(analysis.reservation))
    current = analysis.current
    if current is not None:
        where = (
            f"   dominated: {current.distance:.1f} from the frontier"
            if current.dominated and current.distance is not None
            else "   dominated"
            if current.dominated
            else "   on the frontier"
        )
        row("current draft", dict(current.point.utilities), where)
    for label, point in (
        ("Nash", analysis.nash),
        ("Kalai–Smorodinsky", analysis.kalai_smorodinsky),
        ("max joint gain", analysis.max_joint_gain),
    ):
        row(label, None if point is None else dict(point.utilities))
    row("ideal", None if analysis.ideal is None else dict(analysis.ideal))
    if analysis.nash is not None:
        lines += ["", *_package_lines(analysis, analysis.nash, "Nash package")]
    if current is not None:
        lines.append("")
        if current.trades:
            lines.append("Trades that improve the current draft for every side, best first:")
            lines += [f"  {n}. {t.explanation}" for n, t in enumerate(current.trades, 1)]
        else:
            lines.append(
                f"No trade of up to {current.searched} issue changes improves the current "
                "draft for every side."
            )
    method = "exact" if analysis.frontier_exact else "sampled"
    lines += [
        "",
        f"Pareto frontier: {len(analysis.frontier)} packages ({method}); "
        "--format json lists them, --svg draws them.",
    ]
    return lines


def _package_lines(analysis: PackageDealAnalysis, point: PackagePoint, name: str) -> list[str]:
    current = analysis.current.point.package if analysis.current else None
    if current is None:
        lines = [f"{name}:"]
        changed = list(analysis.issues)
    else:
        changed = [i for i in analysis.issues if point.package[i.key] != current[i.key]]
        if not changed:
            return [f"{name}: the current draft."]
        lines = [f"{name}, where it differs from the current draft:"]
    for issue in changed:
        option = issue.option(point.package[issue.key])
        lines.append(f"  {issue.title}: {option.label}")
    return lines
