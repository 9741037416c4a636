#!/usr/bin/env python3
"""Benchmark sentence segmentation on human-segmented news (../shared/dev by default).

Consecutive lines of a one-sentence-per-line file are joined into paragraphs of 2–8 sentences
(fixed seed); the line breaks are the gold boundaries. Prints boundary precision, recall and
F1, whole-paragraph accuracy, sentences per second (one core), and the most frequent error
contexts (FN: a missed split, FP: a false split).

    python scripts/bench_segment.py                       # German: both dev files
    python scripts/bench_segment.py --lang en             # English
    python scripts/bench_segment.py FILE [FILE ...]       # any one-sentence-a-line files
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
DEFAULT = {
    "de": [DEV / "newstest2021.en-de.ref.de", DEV / "newstest2021.de-en.de"],
    "en": [DEV / "newstest2021.en-de.en", DEV / "newstest2021.de-en.en"],
}


def paragraphs_of(lines: list[str], rng: random.Random) -> list[list[str]]:
    out, i = [], 0
    while i < len(lines):
        n = rng.randint(2, 8)
        out.append(lines[i : i + n])
        i += n
    return out


def boundaries(sents: list[str]) -> set[int]:
    pos, cuts = 0, set()
    for s in sents[:-1]:
        pos += len(s) + 1
        cuts.add(pos)
    return cuts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--lang", default="de", choices=["de", "en"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--errors", type=int, default=20)
    args = ap.parse_args()

    from translate.segment import segmenter

    seg = segmenter(args.lang)
    rng = random.Random(args.seed)
    paras: list[list[str]] = []
    for f in args.files or DEFAULT[args.lang]:
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
        paras += paragraphs_of(lines, rng)
    texts = [" ".join(p) for p in paras]
    n_sent = sum(len(p) for p in paras)

    seg.split(texts[0])  # warm up (build Punkt)
    t0 = time.perf_counter()
    predicted = [seg.split(t) for t in texts]
    elapsed = time.perf_counter() - t0

    tp = fp = fn = exact = 0
    errors: Counter[str] = Counter()
    for text, gold_sents, spans in zip(texts, paras, predicted):
        gold = boundaries(gold_sents)
        pred = {s for s, _ in spans[1:]}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        exact += gold == pred
        for kind, cuts in (("FN", gold - pred), ("FP", pred - gold)):
            for c in cuts:
                left = text[max(0, c - 25) : c].rsplit(" ", 2)[-2:]
                right = text[c : c + 25].split(" ", 2)[:2]
                errors[f"{kind}  {' '.join(left)} ‖ {' '.join(right)}"] += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"language {args.lang}: {len(texts)} paragraphs, {n_sent} sentences")
    print(f"{'precision':>12} {'recall':>8} {'F1':>8} {'para acc':>9} {'sent/s':>9}")
    print(f"{p:12.4f} {r:8.4f} {f1:8.4f} {exact / len(texts):9.4f} {n_sent / elapsed:9.0f}")
    print(f"\n{args.errors} most frequent error contexts:")
    for ctx, n in errors.most_common(args.errors):
        print(f"{n:4d}  {ctx}")


if __name__ == "__main__":
    main()
