"""The ``foedus`` command line. Commands call services; errors become exit codes here.

Exit codes: 0 success; 1 an internal error (a bug: run again with ``--debug``); 2 bad usage
or input that cannot be read, with one line on stderr naming the file and the reason.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar, cast

import typer
from rich.console import Console

from foedus.bootstrap import limits_from, load_settings
from foedus.domain.errors import FoedusError
from foedus.domain.provision import Document, Provision, ProvisionKind
from foedus.services.analysis import Extraction, analyse_path, extract_path
from foedus.services.batch import Limits, Outcome, run_batch
from foedus.services.reading import read_document

__all__ = ["app", "main"]

app = typer.Typer(
    name="foedus",
    help="Read, analyse and compare security agreements, provision by provision.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2
T = TypeVar("T")


class ParseFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")]
PathsArgument = Annotated[
    list[Path], typer.Argument(help="Agreement files (any supported format).")
]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
MaxSizeOption = Annotated[
    float | None,
    typer.Option(
        "--max-size", help="Largest file to read, in MB (default 50, FOEDUS_MAX_FILE_MB)."
    ),
]


def _error(message: str) -> None:
    typer.echo(f"foedus: error: {message}", err=True)


def _guarded(debug: bool, action: Callable[[], T]) -> T:
    """Run ``action``; turn foedus errors into exit 2 and anything else into exit 1."""
    try:
        return action()
    except typer.Exit:
        raise
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): stop quietly, like cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None
    except FoedusError as exc:
        if debug:
            traceback.print_exc()
        _error(str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    except Exception as exc:
        if debug:
            traceback.print_exc()
        _error(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
        raise typer.Exit(EXIT_INTERNAL) from None


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a file written atomically: complete, or not there at all."""
    if path is None:
        yield sys.stdout
        return
    directory = path.resolve().parent
    if not directory.is_dir():
        raise FoedusError(f"{path}: cannot write: no such directory {directory}")
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            yield stream
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _label(node: Provision) -> str:
    kind = node.kind
    if kind is ProvisionKind.PREAMBLE:
        return "Preamble"
    if kind is ProvisionKind.FINAL:
        return "Final clauses and signatures"
    if kind in (ProvisionKind.PARAGRAPH, ProvisionKind.POINT):
        return node.num or kind.value
    word = kind.value.capitalize()
    label = f"{word} {node.num}" if node.num else word
    return f"{label} — {node.heading}" if node.heading else label


def outline_lines(document: Document) -> Iterator[str]:
    """The indented text outline printed by ``foedus parse --format text``."""
    yield f"# {document.source}" + (f" — {document.title}" if document.title else "")

    def walk(node: Provision, depth: int) -> Iterator[str]:
        yield f"{'  ' * depth}{_label(node)}  [{node.eid}] {node.start}-{node.end}"
        for child in node.children:
            yield from walk(child, depth + 1)

    for top in document.provisions:
        yield from walk(top, 0)


@app.command()
def parse(
    paths: PathsArgument,
    output_format: Annotated[
        ParseFormat, typer.Option("--format", "-f", help="text outline, json (one file), jsonl.")
    ] = ParseFormat.text,
    jobs: JobsOption = 1,
    output: OutputOption = None,
    max_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Read agreements into provision trees (eIds, numbers, headings, offsets)."""
    if output_format is ParseFormat.json and len(paths) != 1:
        _error("--format json takes exactly one file; use --format jsonl for a batch")
        raise typer.Exit(EXIT_INPUT)

    def run() -> int:
        def write(stream: TextIO, document: Document) -> None:
            _write(stream, document, output_format)

        return _run_batch(read_document, paths, max_size, jobs, output, write)

    code = _guarded(debug, run)
    if code:
        raise typer.Exit(code)


def _run_batch(
    work: Callable[[Path, Limits], T],
    paths: list[Path],
    max_size: float | None,
    jobs: int,
    output: Path | None,
    write: Callable[[TextIO, T], None],
) -> int:
    """Run ``work`` over ``paths`` and write each result as it comes, in input order; a bad
    file is reported in one line and the batch goes on. Returns the exit code."""
    limits = limits_from(load_settings(max_file_mb=max_size))
    failures = 0
    with _output(output) as stream, _progress(len(paths)) as advance:
        for outcome in run_batch(work, paths, limits, jobs=jobs, on_done=advance):
            if outcome.value is None:
                failures += 1
                _error(str(outcome.error))
                continue
            write(stream, outcome.value)
    return EXIT_INPUT if failures else EXIT_OK


def _write(stream: TextIO, document: Document, output_format: ParseFormat) -> None:
    if output_format is ParseFormat.json:
        json.dump(document.as_dict(), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif output_format is ParseFormat.jsonl:
        stream.write(json.dumps(document.as_dict(), ensure_ascii=False) + "\n")
    else:
        stream.write("\n".join(outline_lines(document)) + "\n")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[Outcome[Any]], None]]:
    """A progress bar on stderr for batches, when stderr is a terminal."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda _outcome: None
        return
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("reading", total=total)
        yield lambda _outcome: progress.advance(task)


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


CSV_COLUMNS = (
    "source eid start end modality modalities obligors parties action beneficiary trigger "
    "qualifiers deadlines amounts categories strength strength_reason text"
).split()


@app.command()
def extract(
    paths: PathsArgument,
    output_format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="json (one file), jsonl, csv.")
    ] = ExtractFormat.jsonl,
    jobs: JobsOption = 1,
    output: OutputOption = None,
    max_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Extract commitments: who promised what, how firmly, when, how much."""
    if output_format is ExtractFormat.json and len(paths) != 1:
        _error("--format json takes exactly one file; use --format jsonl or csv for a batch")
        raise typer.Exit(EXIT_INPUT)

    def run() -> int:
        import csv

        writer: csv.DictWriter[str] | None = None

        def write(stream: TextIO, extraction: Extraction) -> None:
            nonlocal writer
            data = extraction.as_dict()
            if output_format is ExtractFormat.csv:
                if writer is None:
                    writer = csv.DictWriter(stream, CSV_COLUMNS)
                    writer.writeheader()
                for row in cast(list[dict[str, Any]], data["commitments"]):
                    writer.writerow(_csv_row(str(data["source"]), row))
            else:
                indent = 2 if output_format is ExtractFormat.json else None
                stream.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")

        return _run_batch(extract_path, paths, max_size, jobs, output, write)

    code = _guarded(debug, run)
    if code:
        raise typer.Exit(code)


def _csv_row(source: str, row: dict[str, Any]) -> dict[str, Any]:
    """One commitment as a flat CSV row: lists joined with " | "."""
    flat = {key: row.get(key) for key in CSV_COLUMNS if key in row}
    flat["source"] = source
    for key in ("modalities", "obligors", "parties", "qualifiers", "categories"):
        flat[key] = " | ".join(row[key])
    flat["deadlines"] = " | ".join(d["text"] for d in row["deadlines"])
    flat["amounts"] = " | ".join(f"{a['value']:.0f} {a['currency']}" for a in row["amounts"])
    return flat


@app.command()
def analyze(
    path: Annotated[Path, typer.Argument(help="An agreement file (any supported format).")],
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML report here.")
    ] = None,
    max_size: MaxSizeOption = None,
    debug: DebugOption = False,
) -> None:
    """Analyse an agreement: outline, commitments by party and category, guarantee profile."""
    from foedus.reports.terminal import print_analysis

    def run() -> None:
        limits = limits_from(load_settings(max_file_mb=max_size))
        analysis = analyse_path(path, limits)
        if html is not None:
            from foedus.reports.html import render_html

            page = render_html(analysis.document, analysis.extraction, analysis.profile)
            with _output(html) as stream:
                stream.write(page)
        print_analysis(Console(), analysis.document, analysis.extraction, analysis.profile)
        if html is not None:
            typer.echo(f"HTML report written to {html}", err=True)

    _guarded(debug, run)


def _register_commands() -> None:
    """Commands that live in their own modules (one ``register(app)`` each), so that each
    area of foedus keeps its command-line code beside it. Add one line per module."""
    # (modules are imported here, not at the top, so `foedus parse` does not load them)
    __import__("foedus.cli_negotiation", fromlist=["register"]).register(app)
    __import__("foedus.cli_compare", fromlist=["register"]).register(app)
    __import__("foedus.cli_workspace", fromlist=["register"]).register(app)
    __import__("foedus.cli_web", fromlist=["register"]).register(app)


_register_commands()


def main() -> None:
    """Entry point of the ``foedus`` script."""
    # pypdf logs every oddity of a damaged PDF; the reader reports what matters in one line.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    app()


if __name__ == "__main__":
    main()
