"""Commands for comparing agreements: ``compare`` (the portfolio matrix, optionally with the
place of each among historical alliances), ``check`` (a draft against a template), ``history``
(one agreement among historical alliances) and ``align`` (the provisions of two agreements
matched). Registered on the main app by :func:`register`; errors become exit codes through
the same guard as every command (0 success, 1 internal error, 2 bad usage or input)."""

from __future__ import annotations

import csv
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from foedus.bootstrap import limits_from, load_settings
from foedus.cli import DebugOption, MaxSizeOption, _guarded, _output

# The services (and numpy/scipy behind them) are imported inside each command, so that
# `foedus parse` does not load them.

__all__ = ["register"]


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text or json.")]


def _print_json(data: dict[str, Any]) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def compare(
    paths: Annotated[list[Path], typer.Argument(help="Agreement files (any supported format).")],
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML page here.")
    ] = None,
    csv_path: Annotated[
        Path | None, typer.Option("--csv", help="Also write the matrix as CSV here.")
    ] = None,
    output_format: FormatOption = Format.text,
    history: Annotated[
        bool, typer.Option("--history", help="Also place each agreement among ATOP alliances.")
    ] = False,
    max_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Compare agreements side by side: legal form, duration, response to an attack, money,
    military support … and every commitment category, with evidence and outliers."""
    from foedus.reports.compare_html import render_compare_html
    from foedus.reports.compare_text import matrix_csv_rows, matrix_text
    from foedus.services.compare import compare_paths

    def run() -> None:
        limits = limits_from(load_settings(max_file_mb=max_size))
        portfolio = compare_paths(paths, limits, history=history)
        if html is not None:
            with _output(html) as stream:
                stream.write(render_compare_html(portfolio))
        if csv_path is not None:
            with _output(csv_path) as stream:
                csv.writer(stream, lineterminator="\n").writerows(matrix_csv_rows(portfolio))
        if output_format is Format.json:
            _print_json(portfolio.as_dict())
        else:
            typer.echo(matrix_text(portfolio), nl=False)
        for written, what in ((html, "HTML page"), (csv_path, "CSV matrix")):
            if written is not None:
                typer.echo(f"{what} written to {written}", err=True)

    _guarded(debug, run)


def check(
    draft: Annotated[Path, typer.Argument(help="The draft to check (any supported format).")],
    template: Annotated[
        str,
        typer.Option(
            "--template",
            "-t",
            help="A shipped template by name (g7-vilnius-2023) or a template YAML file.",
        ),
    ],
    output_format: FormatOption = Format.text,
    max_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Check a draft against a template of required elements: present, weak or missing."""
    from foedus.reports.compare_text import check_text
    from foedus.services.compare import check_path

    def run() -> None:
        limits = limits_from(load_settings(max_file_mb=max_size))
        result = check_path(draft, template, limits)
        if output_format is Format.json:
            _print_json(result.as_dict())
        else:
            typer.echo(check_text(result), nl=False)

    _guarded(debug, run)


def history(
    path: Annotated[Path, typer.Argument(help="An agreement file (any supported format).")],
    output_format: FormatOption = Format.text,
    max_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Place an agreement among the 745 historical alliances coded by ATOP."""
    from foedus.reports.compare_text import history_text
    from foedus.services.compare import history_path

    def run() -> None:
        limits = limits_from(load_settings(max_file_mb=max_size))
        result = history_path(path, limits)
        if output_format is Format.json:
            _print_json(result.as_dict())
        else:
            typer.echo(history_text(result, str(path)), nl=False)

    _guarded(debug, run)


def align(
    left: Annotated[Path, typer.Argument(help="The first agreement.")],
    right: Annotated[Path, typer.Argument(help="The second agreement.")],
    output_format: FormatOption = Format.text,
    max_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Match the provisions of two agreements that deal with the same thing."""
    from foedus.reports.compare_text import alignment_text
    from foedus.services.compare import align_paths

    def run() -> None:
        limits = limits_from(load_settings(max_file_mb=max_size))
        result = align_paths(left, right, limits)
        if output_format is Format.json:
            _print_json(result.as_dict())
        else:
            typer.echo(alignment_text(result), nl=False)

    _guarded(debug, run)


def register(app: typer.Typer) -> None:
    """Add the comparison commands to ``app``."""
    for command in (compare, check, history, align):
        app.command()(command)
