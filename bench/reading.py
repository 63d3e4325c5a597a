"""Reading-core evaluation: article detection against real treaties, and parse throughput.

    python -m bench.reading [--limit N] [--jobs N]

ToTA: each XML treaty is rendered as plain text (bench.corpora.render_tota), parsed, and the
articles found are scored against the markup: precision / recall / F1 of article numbers in
order (longest common subsequence), and the share of true articles whose body starts where
it should (the parsed body begins with the same words). BBNJ: text.txt and original.pdf are
scored against structure.json the same way, except that its units glue each article's title
to the first sentence ("Use of terms For the purposes…"), so there the text after the
"Article N" line (title and body) is compared. A naive line regex is scored beside foedus.
Throughput: segmentation MB/s over the rendered ToTA set in one process, beside a bare regex
scan of the same text measured in the same run; the ratio is what the target is set on.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bench.corpora import render_tota, shared_dir, tota_files
from foedus.analysis.ingest import SourceText, read_path
from foedus.analysis.segment import segment
from foedus.domain.provision import Provision, ProvisionKind

NAIVE = re.compile(r"^\s*(?:Article|ARTICLE|Artículo|ARTÍCULO|Art\.)\s+(\S+)", re.M)
SCAN = re.compile(r"^\s*(?:Article|ARTICLE)\s+\S+", re.M)
_SPACE = re.compile(r"\s+")


@dataclass
class Score:
    truth: int = 0
    found: int = 0
    matched: int = 0
    body_ok: int = 0

    def add(self, other: Score) -> None:
        self.truth += other.truth
        self.found += other.found
        self.matched += other.matched
        self.body_ok += other.body_ok

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def body(self) -> float:
        return self.body_ok / self.truth if self.truth else 0.0


def norm_num(num: str | None) -> str:
    return _SPACE.sub("", (num or "")).strip(".:()").casefold().replace("–", "-")


def _prefix(text: str, size: int = 40) -> str:
    return _SPACE.sub(" ", text).strip()[:size]


def lcs_pairs(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of ``a`` and ``b``."""
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if a[i] == b[j] else max(below[j], row[j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def score(truth: list[tuple[str, str]], found: list[tuple[str, str]]) -> Score:
    """``truth`` and ``found`` are (number, body) lists in document order."""
    pairs = lcs_pairs([norm_num(n) for n, _ in truth], [norm_num(n) for n, _ in found])
    ok = sum(1 for i, j in pairs if _prefix(truth[i][1]) == _prefix(found[j][1]))
    return Score(len(truth), len(found), len(pairs), ok)


def found_articles(
    text: str, provisions: tuple[Provision, ...], after_number_line: bool = False
) -> list[tuple[str, str]]:
    """(number, body) of every article found; with ``after_number_line`` the "body" is all
    that follows the line holding the number (heading included)."""
    found = []
    for top in provisions:
        for node in top.walk():
            if node.kind is ProvisionKind.ARTICLE:
                start = node.body_start
                if after_number_line:
                    newline = text.find("\n", node.start, node.end)
                    start = node.end if newline < 0 else newline + 1
                found.append((node.num or "", text[start : node.end]))
    return found


def naive_articles(text: str) -> list[tuple[str, str]]:
    matches = list(NAIVE.finditer(text))
    return [
        (m.group(1), text[m.end() : matches[k + 1].start() if k + 1 < len(matches) else len(text)])
        for k, m in enumerate(matches)
    ]


def evaluate_tota(
    limit: int | None, repeats: int = 3
) -> tuple[Score, Score, list[str], int, float, float]:
    files = tota_files()[:limit] if limit else tota_files()
    rendered = [render_tota(path) for path in files]
    ours, naive, worst = Score(), Score(), []
    sources = [SourceText(text=r.text, format="text") for r in rendered]
    found_lists: list[list[tuple[str, str]]] = []
    seg_time, scan_time = float("inf"), float("inf")
    clock = time.perf_counter
    for _round in range(repeats):  # best of N for both, interleaved: robust to a busy machine
        # Like timeit, the cyclic garbage collector is off while timing: the trees are kept
        # for scoring, and collections triggered by them would be charged to the parser.
        gc.collect()
        gc.disable()
        try:
            start = clock()
            trees = [segment(source) for source in sources]
            seg_time = min(seg_time, clock() - start)
            start = clock()
            for r in rendered:
                SCAN.findall(r.text)
            scan_time = min(scan_time, clock() - start)
        finally:
            gc.enable()
        found_lists = [found_articles(r.text, t) for r, t in zip(rendered, trees, strict=True)]
        del trees
    for r, found in zip(rendered, found_lists, strict=True):
        truth = [(a.num, a.body) for a in r.articles]
        s = score(truth, found)
        ours.add(s)
        naive.add(score(truth, naive_articles(r.text)))
        if s.truth and (s.f1 < 0.98 or s.body < 0.95):
            worst.append(
                f"{r.name} [{r.style}] F1 {s.f1:.3f} body {s.body:.3f} ({s.truth} articles)"
            )
    size = sum(len(r.text.encode()) for r in rendered)
    return ours, naive, worst, size, seg_time, scan_time


def evaluate_bbnj() -> list[tuple[str, Score, Score]]:
    root = shared_dir()
    if root is None:
        return []
    folder = root / "corpora" / "un-bbnj"
    units = json.loads((folder / "structure.json").read_text(encoding="utf-8"))["units"]
    truth = []
    for unit in units:
        if unit["label"].startswith("Article"):
            body = unit["text"].split("\n", 1)[1] if "\n" in unit["text"] else ""
            truth.append((unit["number"], body))
    rows = []
    for name in ("text.txt", "original.pdf"):
        try:
            source = read_path(folder / name)
        except ImportError as exc:  # a reader still missing in this checkout
            print(f"skipping {name}: {exc}", file=sys.stderr)
            continue
        tree = segment(source)
        rows.append(
            (
                f"BBNJ {name}",
                score(truth, found_articles(source.text, tree, after_number_line=True)),
                score(truth, naive_articles(source.text)),
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N ToTA files")
    parser.add_argument("--show-worst", action="store_true", help="list documents below target")
    args = parser.parse_args(argv)
    if shared_dir() is None:
        print("../shared/corpora is absent: nothing to evaluate", file=sys.stderr)
        return 1
    ours, naive, worst, size, seg_time, scan_time = evaluate_tota(args.limit)
    rows = [("ToTA rendered (foedus)", ours), ("ToTA rendered (naive regex)", naive)]
    for name, mine, theirs in evaluate_bbnj():
        rows += [(f"{name} (foedus)", mine), (f"{name} (naive regex)", theirs)]
    print(f"{'corpus':<34}{'articles':>9}{'found':>7}{'P':>8}{'R':>8}{'F1':>8}{'body':>8}")
    for name, s in rows:
        print(
            f"{name:<34}{s.truth:>9}{s.found:>7}{s.precision:>8.4f}{s.recall:>8.4f}"
            f"{s.f1:>8.4f}{s.body:>8.4f}"
        )
    mb = size / 1e6
    print()
    print(
        f"throughput over {mb:.1f} MB of rendered ToTA text (one process, best of 3 runs, "
        "garbage collector off while timing, as timeit does):"
    )
    print(f"  foedus segment   {mb / seg_time:8.1f} MB/s  ({seg_time:.2f} s)")
    print(f"  bare regex scan  {mb / scan_time:8.1f} MB/s  ({scan_time:.2f} s)")
    print(f"  ratio            {seg_time / scan_time:8.2f}x slower than the scan (target <= 5x)")
    if args.show_worst and worst:
        print("\nbelow target:")
        print("\n".join(f"  {line}" for line in worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
