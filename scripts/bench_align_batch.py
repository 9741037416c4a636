#!/usr/bin/env python3
"""`translate align --batch` with sentence embeddings on N document pairs, twice.

Builds N German/English document pairs (default 100, about 4,000 sentences) from
../shared/dev/newstest2021.de-en.{de,en} (documents of 20–60 lines, one sentence a line),
runs the real CLI with ``--similarity embed --presegmented`` into a fresh folder, then again
into the same folder: the second run finds every vector in ``OUT/embeddings.sqlite``.
Prints wall time, sentences/s and peak RSS of each run.

    python scripts/bench_align_batch.py [--pairs 100]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_common import SHARED, run_child  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    de = (SHARED / "dev" / "newstest2021.de-en.de").read_text(encoding="utf-8").splitlines()
    en = (SHARED / "dev" / "newstest2021.de-en.en").read_text(encoding="utf-8").splitlines()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "de").mkdir()
        (root / "en").mkdir()
        sentences = i = 0
        for k in range(args.pairs):
            n = rng.randint(20, 60)
            if i + n > len(de):
                i = 0
            (root / "de" / f"doc{k:03d}.txt").write_text("\n".join(de[i:i + n]) + "\n", encoding="utf-8")
            (root / "en" / f"doc{k:03d}.txt").write_text("\n".join(en[i:i + n]) + "\n", encoding="utf-8")
            sentences += n
            i += n
        print(f"{args.pairs} document pairs, {sentences} German sentences (and as many English)")
        cmd = [sys.executable, "-m", "translate.cli", "align", "--batch", str(root / "de"), str(root / "en"),
               "-o", str(root / "out"), "--presegmented", "--similarity", "embed", "--format", "tmx,jsonl"]
        for run in ("first run", "second run (cached)"):
            seconds, rss = run_child(cmd)
            print(f"{run:<22} {seconds:6.1f} s  {sentences / seconds:6.1f} German sentences/s  peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
