#!/usr/bin/env python3
"""Evaluate the source-side flags on a labelled TSV (no model needed).

Input: any TSV with a header and at least the columns ``de`` (one German segment a row) and
``label`` (``garbled`` or ``clean``); optional ``doc`` and ``paragraph`` columns group rows into
documents and paragraphs (otherwise each row is a paragraph of its own document, so that the
paragraph-level signals cannot see neighbours). Prints precision, recall and F1 of
"has a flag of severity ≥ warning", ROC-AUC of the flag score (sum of squared severities), and
how often each code fired on each label.

    python scripts/eval_flags.py corpora/huawei-att.gold.tsv      # labels from `garbled`
    python scripts/eval_flags.py corpora/flags_probes_de.tsv      # German written to probe #13's kinds
    python scripts/eval_flags.py my_labelled.tsv
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translate.flag import Stage, flag, score  # noqa: E402
from translate.record import SegmentPair, Severity  # noqa: E402


def label_of(row: dict[str, str]) -> str:
    if "label" in row and row["label"]:
        return row["label"].strip().lower()
    # the sample's gold table: must/should → garbled, clean → clean, may → left out
    g = row.get("garbled", "").strip().lower()
    return {"must": "garbled", "should": "garbled", "clean": "clean"}.get(g, "")


def roc_auc(pos: list[float], neg: list[float]) -> float:
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tsv", type=Path)
    args = ap.parse_args()
    with args.tsv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t",
                                   quoting=csv.QUOTE_NONE))  # "#" lines: comments
    docs: dict[str, list[tuple[SegmentPair, str]]] = defaultdict(list)
    for i, row in enumerate(rows):
        doc = row.get("doc") or ("sample" if "paragraph" in row else f"row{i}")
        para = int(row["paragraph"]) if row.get("paragraph") else 1
        sent = sum(1 for r, _ in docs[doc] if r.paragraph == para) + 1
        text = row["de"]
        docs[doc].append((SegmentPair(doc, para, sent, text.strip(), text.strip()), label_of(row)))
    tp = fp = fn = tn = 0
    pos: list[float] = []
    neg: list[float] = []
    fired: dict[str, Counter[str]] = {"garbled": Counter(), "clean": Counter()}
    for items in docs.values():
        records = [r for r, _ in items]
        flag(records, Stage.source)
        for r, label in items:
            if label not in ("garbled", "clean"):
                continue
            hit = r.flagged(Severity.warning)
            (pos if label == "garbled" else neg).append(score(r))
            fired[label].update({f.code for f in r.flags if f.severity >= Severity.warning})
            tp += hit and label == "garbled"
            fp += hit and label == "clean"
            fn += not hit and label == "garbled"
            tn += not hit and label == "clean"
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{args.tsv.name}: {len(pos)} garbled, {len(neg)} clean")
    print(f"{'precision':>10} {'recall':>8} {'F1':>8} {'ROC-AUC':>8}   (flag of severity ≥ warning)")
    print(f"{p:10.3f} {r:8.3f} {f1:8.3f} {roc_auc(pos, neg):8.3f}   tp={tp} fp={fp} fn={fn} tn={tn}")
    for label in ("garbled", "clean"):
        top = ", ".join(f"{c} {n}" for c, n in fired[label].most_common())
        print(f"codes on {label}: {top or '-'}")


if __name__ == "__main__":
    main()
