"""Portfolio-matrix speed: 30 agreements of about 50 provisions each.

    python -m bench.compare [--agreements N] [--articles K]

The agreements are synthetic: each draws K articles (with their paragraphs and points) at
random from the demo Ukraine texts in examples/, renumbered as "Article 1…K" under one title,
so the whole set carries the wording the matrix reads. Reported, best of 5 runs: the matrix
alone over agreements already analysed (the target: under 2 s), then reading, commitment
extraction and profile for all of them, then the ATOP codes and history for all of them.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import foedus
from foedus.compare.atop_codes import code_agreement
from foedus.compare.cells import Subject
from foedus.compare.history import compare_history
from foedus.compare.matrix import build_matrix
from foedus.domain.provision import ProvisionKind
from foedus.services.analysis import analyse_document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_FIRST_LINE = re.compile(r"^[^\n]*\n(?:[^\n]+\n)?")


def article_pool() -> list[tuple[str, str]]:
    """(heading, body) of every article or section of the demo Ukraine texts."""
    pool = []
    for path in sorted(EXAMPLES.glob("ukraine-*.txt")):
        document = foedus.read(path)
        for node in document.walk():
            if node.kind in (ProvisionKind.ARTICLE, ProvisionKind.SECTION) and node.children:
                body = document.text[node.children[0].start : node.end].strip()
                pool.append((node.heading or "Provisions", body))
    return pool


def synthetic_agreements(count: int, articles: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    pool = article_pool()
    texts = []
    for k in range(count):
        chosen = rng.sample(pool, min(articles, len(pool)))
        parts = [
            f"AGREEMENT ON SECURITY COOPERATION BETWEEN UKRAINE AND PARTNER {k + 1}",
            'Ukraine and Partner (hereinafter "the Participants"),',
            "Have agreed as follows:",
        ]
        for n, (heading, body) in enumerate(chosen, 1):
            parts.append(f"Article {n}\n{heading}\n\n{body}")
        texts.append("\n\n".join(parts) + "\n")
    return texts


def best_of(action: Callable[[], object], repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agreements", type=int, default=30)
    parser.add_argument("--articles", type=int, default=8, help="articles per agreement")
    args = parser.parse_args(argv)
    texts = synthetic_agreements(args.agreements, args.articles)
    documents = [foedus.parse_text(t, f"partner-{k + 1}") for k, t in enumerate(texts)]
    provisions = sum(sum(1 for _ in d.walk()) for d in documents) / len(documents)

    def analyse() -> list[Subject]:
        found = []
        for d in documents:
            a = analyse_document(d)
            found.append(Subject(d.source, a.document, a.extraction, a.profile))
        return found

    subjects = analyse()
    matrix = build_matrix(subjects)
    matrix_time = best_of(lambda: build_matrix(subjects))
    analysis_time = best_of(analyse, repeats=3)
    history_time = best_of(lambda: [compare_history(code_agreement(s)) for s in subjects])
    print(
        f"{len(documents)} synthetic agreements, {provisions:.0f} provisions each on average, "
        f"{len(matrix.rows)} dimensions, {len(matrix.notes)} outlier notes"
    )
    print(f"{'step':<44}{'seconds':>9}{'target':>8}{'ratio':>8}")
    print(f"{'portfolio matrix (agreements analysed)':<44}{matrix_time:>9.3f}{2.0:>8.1f}"
          f"{matrix_time / 2.0:>8.3f}")  # fmt: skip
    print(f"{'parse + commitments + profile, all of them':<44}{analysis_time:>9.3f}{'':>8}{'':>8}")
    print(f"{'ATOP codes + history, all of them':<44}{history_time:>9.3f}{'':>8}{'':>8}")
    total = matrix_time + analysis_time
    print(f"{'end to end (text to matrix)':<44}{total:>9.3f}{2.0:>8.1f}{total / 2.0:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
