#!/usr/bin/env python3
"""Generate a folder of German test articles for batch mode (tests and scripts/bench_batch.py).

Sentences come from the project's own data (corpora/fixture_pairs.tsv and the sample article's
gold segmentation), so the fixture model translates them. Articles vary in size (1–12
paragraphs of 1–4 sentences, every 25th one long), some sit in sub-folders, some are named
NAME.de.txt. ``--distinct`` numbers every sentence so that no two are alike (benchmarks: the
translation memory and deduplication must not flatter the figures). ``--bad`` adds the four
kinds of bad article a batch must survive: undecodable (DOS's cp850), empty, enormous, English.

    python scripts/make_articles.py OUT_FOLDER [-n 50] [--seed 1] [--distinct] [--bad]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAD = {
    # DOS's code page 850: neither UTF-8 nor German read as windows-1252 ("Gr\x81\xe1e", "sch\x94n")
    "bad-cp850.txt": "Grüße aus Köln. Das Wetter ist schön, und die Straßen sind voll.\n".encode("cp850"),
    "bad-empty.txt": b"",
    "bad-english.txt": (b"The board met on Monday and said that the company would not change its plans. "
                        b"It is the first time that this has happened in the history of the firm.\n"),
}
ENORMOUS = "bad-enormous.txt"
ENORMOUS_BYTES = 1_200_000  # refused with --max-size 1


def sentences() -> list[str]:
    pool = [ln.split("\t")[0] for ln in (ROOT / "corpora/fixture_pairs.tsv").read_text(encoding="utf-8")
            .splitlines()[1:] if ln.strip()]
    gold = (ROOT / "corpora/huawei-att.gold.tsv").read_text(encoding="utf-8").splitlines()
    header = gold[0].split("\t")
    col = header.index("de")
    pool += [ln.split("\t")[col] for ln in gold[1:] if ln.strip()]
    return [s for s in pool if s.strip()]


def number(sentence: str, k: int) -> str:
    """Make a sentence unique without changing its shape: 'Das ist gut.' → 'Das ist gut 17.'."""
    return f"{sentence[:-1]} {k}{sentence[-1]}" if sentence[-1] in ".!?" else f"{sentence} {k}"


def make_articles(folder: Path, n: int, seed: int = 1, distinct: bool = False, bad: bool = False) -> list[Path]:
    rng = random.Random(seed)
    pool = sentences()
    folder.mkdir(parents=True, exist_ok=True)
    paths, counter = [], 0
    for i in range(n):
        sub = f"section-{i % 3}/" if i % 4 == 0 else ""
        suffix = ".de.txt" if i % 5 == 0 else ".txt"
        path = folder / f"{sub}article-{i:05d}{suffix}"
        paras = []
        for _ in range(rng.randint(8, 12) if i % 25 == 7 else rng.randint(1, 5)):
            sents = []
            for _ in range(rng.randint(1, 4)):
                counter += 1
                s = rng.choice(pool)
                sents.append(number(s, counter) if distinct else s)
            paras.append(" ".join(sents))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        paths.append(path)
    if bad:
        for name, data in BAD.items():
            (folder / name).write_bytes(data)
            paths.append(folder / name)
        line = "Das ist ein Test. " * 20 + "\n\n"
        (folder / ENORMOUS).write_text(line * (ENORMOUS_BYTES // len(line) + 1), encoding="utf-8")
        paths.append(folder / ENORMOUS)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("-n", type=int, default=50, help="number of good articles")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--distinct", action="store_true", help="number the sentences: no two alike")
    ap.add_argument("--bad", action="store_true", help="add undecodable, empty, enormous and English files")
    args = ap.parse_args()
    paths = make_articles(args.folder, args.n, args.seed, args.distinct, args.bad)
    print(f"{len(paths)} files in {args.folder}")


if __name__ == "__main__":
    main()
