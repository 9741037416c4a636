#!/usr/bin/env python3
"""Evaluate the source-side flags on a labelled TSV (no model needed).

Input: any TSV with a header and at least the columns ``de`` (one German segment a row) and
``label`` (``garbled`` or ``clean``); optional ``doc`` and ``paragraph`` columns group rows into
documents and paragraphs (otherwise each row is a paragraph of its own document, so that the
paragraph-level signals cannot see neighbours). With an ``en`` column (the English original of
each row) every detector runs, each row linked 1-1 to its English as ``translate align
--presegmented --no-mt`` links them (with the dictionary where one is installed, as there). An
optional ``kind`` column gives recall per kind of damage. Prints precision, recall and F1 of
"has a flag of severity ≥ warning", ROC-AUC of the flag score (sum of squared severities), and
how often each code fired on each label; ``--rows`` lists every row with the codes it got.

    python scripts/eval_flags.py corpora/huawei-att.gold.tsv      # labels from `garbled`
    python scripts/eval_flags.py corpora/flags_probes_de.tsv      # German written to probe #13's kinds
    python scripts/eval_flags.py corpora/flags_probes_bilingual.tsv  # with the English originals
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
    ap.add_argument("--rows", action="store_true", help="list every labelled row with the codes it got")
    args = ap.parse_args()
    with args.tsv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t",
                                   quoting=csv.QUOTE_NONE))  # "#" lines: comments
    docs: dict[str, list[tuple[SegmentPair, str]]] = defaultdict(list)
    for i, row in enumerate(rows):
        doc = row.get("doc") or ("sample" if "paragraph" in row else f"row{i}")
        para = int(row["paragraph"]) if row.get("paragraph") else 1
        sent = sum(1 for r, _, _ in docs[doc] if r.paragraph == para) + 1
        text, english = row["de"].strip(), (row.get("en") or "").strip()
        docs[doc].append((SegmentPair(doc, para, sent, text, text, target=english,
                                      align_type="1-1" if english else "", align_score=0.5 if english else None),
                          label_of(row), row.get("kind", "")))
    tp = fp = fn = tn = 0
    pos: list[float] = []
    neg: list[float] = []
    fired: dict[str, Counter[str]] = {"garbled": Counter(), "clean": Counter()}
    kinds: dict[str, Counter[bool]] = defaultdict(Counter)
    listing: list[str] = []
    for items in docs.values():
        records = [r for r, _, _ in items]
        flag(records, Stage.source)
        if any(r.target for r in records):
            flag(records, Stage.translation, aligned="yes")
            flag(records, Stage.link, similarity="anchors")
        for r, label, kind in items:
            if label not in ("garbled", "clean"):
                continue
            hit = r.flagged(Severity.warning)
            if label == "garbled" and kind:
                kinds[kind][hit] += 1
            codes = ",".join(sorted({f.code for f in r.flags if f.severity >= Severity.warning})) or "-"
            listing.append(f"{label:<8}{kind:<13}{'HIT ' if hit else '    '}{codes:<28}{r.source[:70]}")
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
    for kind, got in sorted(kinds.items()):
        print(f"  {kind:<13} recall {got[True]}/{got[True] + got[False]}")
    if args.rows:
        print("\n".join(listing))


if __name__ == "__main__":
    main()
