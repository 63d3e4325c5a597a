"""Provision-alignment evaluation on real treaties, and its speed.

    python -m bench.alignment [--pairs N] [--min-shared K] [--related S] [--threshold T]

Accuracy (ToTA, ../shared/corpora/tota): pairs of treaties in the same language that share at
least K article headings, each heading occurring once in each treaty, are aligned by body
alone — headings hidden (article headings; the chapters the articles stand in are kept, as
in any real text), categories read from the body — and every article whose heading
occurs once in each is scored: is its counterpart the article with the same heading? Reported
for the one-to-one assignment (what foedus returns), for the plain best match of each article
(top-1 by similarity), and for two baselines: the article at the same relative position, and
the best match by word-set overlap (Jaccard). Articles whose bodies are identical in both
treaties are trivial; the accuracy on the others is reported apart. The headline figure is on
related pairs — those whose shared headings cover at least S (0.3) of the shorter treaty's
articles, i.e. texts of one family; pairs that share only a few stock headings ("Definitions",
"Entry into force") are reported beside it, and by share.

Speed: aligning two 500-article treaties (the two largest ToTA files cut to 500 articles, and
a synthetic pair built by shuffling and editing one of them), best of 5 runs, beside the
1-second target.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bench.corpora import shared_dir, tota_files
from foedus.analysis.extract.categories import categorise, reads_as_security_agreement
from foedus.compare.alignment import DEFAULT_THRESHOLD, Unit, align_units, similarity, tokens

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w ]+")


@dataclass(frozen=True)
class Treaty:
    name: str
    language: str
    units: tuple[Unit, ...]  # headings hidden
    headings: tuple[str, ...]  # normalised, aligned with units ("" for none)

    def unique_headings(self) -> dict[str, int]:
        counts = Counter(self.headings)
        return {h: i for i, h in enumerate(self.headings) if h and counts[h] == 1}


@dataclass
class Tally:
    articles: int = 0
    trivial: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    hard_hits: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.articles += other.articles
        self.trivial += other.trivial
        self.hits.update(other.hits)
        self.hard_hits.update(other.hard_hits)

    def rate(self, method: str, hard: bool = False) -> float:
        if hard:
            hard_total = self.articles - self.trivial
            return self.hard_hits[method] / hard_total if hard_total else 0.0
        return self.hits[method] / self.articles if self.articles else 0.0


def norm_heading(heading: str | None) -> str:
    return _SPACE.sub(" ", _PUNCT.sub(" ", (heading or "").casefold())).strip()


def load(path: Path) -> Treaty:
    root = ET.parse(path).getroot()
    units, headings = [], []
    articles = [
        (f"chp_{c}", article)
        for c, chapter in enumerate(root.iter("chapter"))
        for article in chapter.iter("article")
    ]
    article_names = [article.get("name") for _, article in articles]
    bodies = [(k, group, _SPACE.sub(" ", article.text or "").strip())
              for k, (group, article) in enumerate(articles)]  # fmt: skip
    # as foedus reads categories: broad cues only where the treaty reads as a security agreement
    broad = reads_as_security_agreement("\n\n".join(body for _, _, body in bodies))
    for k, group, body in bodies:
        if not body:
            continue
        categories = tuple(c for c in categorise(body, broad=broad) if c != "other")
        units.append(Unit(f"a{k}", None, body, categories, group))
        headings.append(norm_heading(article_names[k]))
    language = (root.findtext("meta/language") or "en").strip()
    return Treaty(path.stem, language, tuple(units), tuple(headings))


def choose_pairs(
    treaties: list[Treaty], min_shared: int, limit: int
) -> list[tuple[float, Treaty, Treaty]]:
    """Same-language pairs sharing at least ``min_shared`` unique headings, each with the share
    of the shorter treaty's articles those headings cover; a deterministic sample of ``limit``."""
    keyed = [(t, set(t.unique_headings())) for t in treaties]
    pairs = [
        (len(ha & hb) / min(len(a.units), len(b.units)), a, b)
        for (a, ha), (b, hb) in itertools.combinations(keyed, 2)
        if a.language == b.language and len(ha & hb) >= min_shared
    ]
    random.Random(20261128).shuffle(pairs)
    return pairs[:limit]


def _jaccard_best(a: Treaty, b: Treaty) -> np.ndarray:
    sets_a = [set(tokens(u.text)) for u in a.units]
    sets_b = [set(tokens(u.text)) for u in b.units]
    scores = np.array([[len(x & y) / (len(x | y) or 1) for y in sets_b] for x in sets_a])
    return scores.argmax(axis=1)


def score_pair(a: Treaty, b: Treaty, threshold: float, tally: Tally) -> None:
    ua, ub = a.unique_headings(), b.unique_headings()
    truth = {ua[h]: ub[h] for h in ua.keys() & ub.keys()}
    alignment = align_units(a.units, b.units, threshold)
    index_a = {u.eid: i for i, u in enumerate(a.units)}
    index_b = {u.eid: j for j, u in enumerate(b.units)}
    assigned = {index_a[p.left]: index_b[p.right] for p in alignment.pairs}
    best = similarity(a.units, b.units).argmax(axis=1)
    jaccard = _jaccard_best(a, b)
    na, nb = len(a.units), len(b.units)
    for i, j in truth.items():
        trivial = a.units[i].text == b.units[j].text
        tally.articles += 1
        tally.trivial += trivial
        position = round(i / max(1, na - 1) * (nb - 1)) if nb > 1 else 0
        for method, guess in (
            ("assignment", assigned.get(i)),
            ("top-1", int(best[i])),
            ("position", position),
            ("jaccard", int(jaccard[i])),
        ):
            if guess == j:
                tally.hits[method] += 1
                if not trivial:
                    tally.hard_hits[method] += 1


def time_alignment(left: list[Unit], right: list[Unit], repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        align_units(left, right)
        best = min(best, time.perf_counter() - start)
    return best


def synthetic(units: tuple[Unit, ...], seed: int = 7) -> list[Unit]:
    """The same treaty reordered, with every tenth word of each article dropped."""
    rng = random.Random(seed)
    edited = []
    for unit in units:
        words = unit.text.split()
        kept = " ".join(w for k, w in enumerate(words) if k % 10 != 3)
        edited.append(Unit(unit.eid + "'", None, kept, unit.categories))
    rng.shuffle(edited)
    return edited


def _print_table(related: Tally, everything: Tally) -> None:
    names = {
        "assignment": "foedus (one-to-one assignment)",
        "top-1": "foedus (best match per article)",
        "position": "baseline: same relative position",
        "jaccard": "baseline: best word-set overlap",
    }
    print(f"{'':<34}{'related pairs':>28}{'all pairs':>12}")
    print(f"{'method':<34}{'accuracy':>14}{'non-identical':>14}{'accuracy':>12}")
    for method, label in names.items():
        print(
            f"{label:<34}{related.rate(method):>14.4f}{related.rate(method, hard=True):>14.4f}"
            f"{everything.rate(method):>12.4f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=300, help="treaty pairs to score")
    parser.add_argument("--min-shared", type=int, default=10, help="shared unique headings")
    parser.add_argument(
        "--related", type=float, default=0.3, help="share of headings that makes a pair related"
    )
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args(argv)
    if shared_dir() is None:
        print("../shared/corpora is absent: nothing to evaluate", file=sys.stderr)
        return 1
    treaties = [load(path) for path in tota_files()]
    pairs = choose_pairs([t for t in treaties if t.units], args.min_shared, args.pairs)
    related, everything = Tally(), Tally()
    by_share: dict[int, Tally] = {}
    start = time.perf_counter()
    for share, a, b in pairs:
        tally = Tally()
        score_pair(a, b, args.threshold, tally)
        for target in (everything, by_share.setdefault(min(int(share * 10), 9), Tally())):
            target.add(tally)
        if share >= args.related:
            related.add(tally)
    spent = time.perf_counter() - start
    n_related = sum(1 for share, _, _ in pairs if share >= args.related)
    print(
        f"ToTA: {len(pairs)} same-language treaty pairs sharing >= {args.min_shared} unique "
        f"headings ({n_related} related: the shared headings cover >= {args.related:.0%} of the "
        f"shorter treaty);\n{everything.articles} articles scored, {related.articles} in related "
        f"pairs; headings hidden; no-counterpart threshold {args.threshold}"
    )
    _print_table(related, everything)
    rate = related.rate("assignment")
    print(
        f"related pairs: accuracy/target(0.90) = {rate / 0.90:.3f}; "
        f"foedus/word-overlap baseline = {rate / max(related.rate('jaccard'), 1e-9):.3f}"
    )
    print("\naccuracy of the assignment by share of shared headings:")
    for key in sorted(by_share):
        t = by_share[key]
        rate = t.rate("assignment")
        print(f"  {key / 10:.1f}-{(key + 1) / 10:.1f}  {t.articles:>6} articles  {rate:.4f}")
    print(f"({spent:.1f} s for all pairs)")
    print()
    largest = sorted(treaties, key=lambda t: -len(t.units))[:2]
    left, right = list(largest[0].units[:500]), list(largest[1].units[:500])
    real = time_alignment(left, right)
    fake = time_alignment(left, synthetic(largest[0].units[:500]))
    print("speed: two 500-article treaties, best of 5 (target < 1 s)")
    print(
        f"  {largest[0].name} x {largest[1].name} ({len(left)} x {len(right)} articles)"
        f"  {real:6.3f} s  ratio to target {real:.2f}"
    )
    print(
        f"  {largest[0].name} x shuffled, edited copy (500 x 500)"
        f"  {fake:6.3f} s  ratio to target {fake:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
