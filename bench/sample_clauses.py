"""Draw the clauses to label for the commitment development set.

    python -m bench.sample_clauses OUT.jsonl
    python -m bench.sample_clauses OUT.jsonl --holdout=SEED          # treaties no set has used
    python -m bench.sample_clauses OUT.jsonl --unseen-clauses=SEED   # clauses no set has used

Writes candidate clauses (with their text, for the annotator only) from the demo agreements,
the BBNJ Agreement and English ToTA treaties, with a fixed seed. The labelled set kept in the
repository (bench/data/commitments-dev.jsonl) stores anchors and labels, never corpus text: the
bench re-reads each clause from its source and checks it against the stored hash.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

from bench.corpora import shared_dir, tota_files
from foedus.analysis.extract.clauses import Clause, clauses
from foedus.analysis.ingest import read_path
from foedus.analysis.reading import build_document

ROOT = Path(__file__).resolve().parent.parent


def clause_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _rows(
    source: str,
    path: Path,
    take: int,
    rng: random.Random,
    skip: set[tuple[str, int]] | None = None,
) -> list[dict[str, object]]:
    doc = build_document(read_path(path), source)
    found = [
        c
        for c in clauses(doc)
        if len(c.text) >= 25 and (source, c.pieces[-1].end) not in (skip or set())
    ]
    chosen: list[Clause] = found if take >= len(found) else rng.sample(found, take)
    chosen.sort(key=lambda c: c.pieces[0].start)
    return [
        {
            "source": source,
            "eid": c.eid,
            "pieces": [[p.start, p.end] for p in c.pieces],
            "sha1": clause_hash(c.text),
            "heading": c.heading,
            "in_preamble": c.in_preamble,
            "text": c.text,
        }
        for c in chosen
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.sample_clauses", description="Draw clauses to label."
    )
    parser.add_argument("out", type=Path, help="the candidates file to write (JSON lines)")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--holdout", type=int, nargs="?", const=7741, metavar="SEED",
        help="a held-out set: treaties no labelled set has used",
    )  # fmt: skip
    kind.add_argument(
        "--unseen-clauses", type=int, nargs="?", const=7741, metavar="SEED",
        help="a held-out set: clauses no labelled set has used",
    )  # fmt: skip
    args = parser.parse_args(argv)
    out: Path = args.out
    by_clause = args.unseen_clauses is not None
    holdout = by_clause or args.holdout is not None
    seed = args.unseen_clauses if by_clause else args.holdout
    rng = random.Random(20261128 if not holdout else seed)
    rows: list[dict[str, object]] = []
    if holdout:
        # a held-out set: other treaties (or, once every English treaty has been used, other
        # clauses of them), never used to tune the extractor
        return _holdout(out, rng, by_clause=by_clause)
    for path, take in [
        ("ukraine-us-bsa.txt", 45),
        ("ukraine-uk-style.txt", 25),
        ("ukraine-germany-style.txt", 25),
        ("ukraine-japan-style.txt", 20),
        ("mutual-defence-treaty.txt", 20),
        ("assurances-memorandum.txt", 12),
    ]:
        rows += _rows(f"examples/{path}", ROOT / "examples" / path, take, rng)
    shared = shared_dir()
    if shared is not None:
        rows += _rows("un-bbnj/text.txt", shared / "corpora/un-bbnj/text.txt", 90, rng)
        english = []
        for path in tota_files():
            head = path.read_text(encoding="utf-8", errors="ignore")[:3000]
            if "<language>en</language>" in head:
                english.append(path)
        for path in rng.sample(english, 30):
            rows += _rows(f"tota/{path.name}", path, 4, rng)
    return _write(out, rows)


def _holdout(out: Path, rng: random.Random, *, by_clause: bool = False) -> int:
    shared = shared_dir()
    if shared is None:
        print("../shared is absent", file=sys.stderr)
        return 1
    dev_rows = [  # every labelled set so far: a new held-out set shares no treaty or clause
        json.loads(line)
        for labelled in sorted((ROOT / "bench/data").glob("commitments-*.jsonl"))
        for line in labelled.open(encoding="utf-8")
    ]
    dev = {row["source"] for row in dev_rows}
    seen = {(row["source"], row["pieces"][-1][1]) for row in dev_rows}
    english = [
        path
        for path in tota_files()
        if (by_clause or f"tota/{path.name}" not in dev)
        and "<language>en</language>" in path.read_text(encoding="utf-8", errors="ignore")[:3000]
    ]
    rows: list[dict[str, object]] = []
    for source, path, take in [
        ("examples/ukraine-us-bsa.txt", ROOT / "examples/ukraine-us-bsa.txt", 25),
        ("examples/ukraine-uk-style.txt", ROOT / "examples/ukraine-uk-style.txt", 10),
        ("examples/ukraine-germany-style.txt", ROOT / "examples/ukraine-germany-style.txt", 10),
        ("un-bbnj/text.txt", shared / "corpora/un-bbnj/text.txt", 40),
    ]:
        rows += _rows(source, path, take, rng, skip=seen)
    # 30 treaties, 4 clauses each, while enough English treaties are left; then all that are
    # left, with more clauses from each (about 120 ToTA clauses in all)
    treaties = rng.sample(english, min(30, len(english)))
    if not treaties:
        print("every English ToTA treaty is in a labelled set already", file=sys.stderr)
        return 1
    for path in treaties:
        take = max(4, -(-120 // len(treaties)))
        rows += _rows(f"tota/{path.name}", path, take, rng, skip=seen if by_clause else None)
    return _write(out, rows)


def _write(out: Path, rows: list[dict[str, object]]) -> int:
    with out.open("w", encoding="utf-8") as handle:
        for number, row in enumerate(rows, start=1):
            handle.write(json.dumps({"id": number, **row}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} clauses written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
