#!/usr/bin/env python3
"""Evaluate the flags on real English→German machine translation (../shared/dev/mt, WMT23)
with the hand labels in corpora/flags_dev_labels.tsv, in both modes:

* German alone: the source-side detectors on each line (a line is one paragraph, one record);
* German alone through `translate check`: each file read as an article, a line a paragraph,
  segmented into sentences (a line is flagged when one of its sentences is);
* with the English original: each line aligned 1-1 with its English line, every detector
  (source, translation-side, link), as `translate align --presegmented --no-mt` does; and
  again with the link detectors given the sentence embeddings, as that command gives them when
  the embed extra is installed (`name-translated` then tells a name rendered by meaning from
  a word that renders another English word);
* with ``--through-align`` also that command's own path: the aligner links the lines (not
  assumed 1-1), guided by the multilingual sentence embeddings when the embed extra is
  installed (then `meaning-mismatch` can fire too), else (or with ``--anchors``) by length and
  anchors. Slower (the embeddings: about two minutes on two cores).

With a German–English dictionary installed (or given with ``--dictionary``), the modes with the
English use it as `align` and `check` do (`name-translated` then tells a name translated word for
word from one left out or said otherwise); the first line says which.

A line is flagged when it has a flag of severity warning or above. Clean lines: the labelled
clean system lines and every human reference line (the clean class). Each mode also says how
many of the human sentences of ../shared/dev/newstest2021.* it flags (a sentence a line). Prints precision and recall
overall, recall per kind of damage, the codes that fire on human lines, and the precision a set
with as many garbled as clean lines would see (the labelled set has about five clean lines for each
garbled one, so its raw precision mostly measures that ratio). A line is a paragraph of several
sentences: per sentence, false flags are rarer.

    python scripts/eval_flags_dev.py [--dev ../shared/dev/mt] [--examples] [--through-align [--anchors]]
                                     [--dictionary FILE|none]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translate import lexicon  # noqa: E402
from translate.embed import Embedder  # noqa: E402
from translate.embed import available as embed_available  # noqa: E402
from translate.flag import Stage, flag  # noqa: E402
from translate.flag.core import Embed  # noqa: E402
from translate.record import SegmentPair, Severity  # noqa: E402

PREFIX = "generaltest2023.en-de"
#: human news translations beside ../shared/dev/mt, one sentence a line: clean sentences (not in
#: the precision above, which counts lines of the labelled set and its reference)
NEWSTEST = {"newstest2021 en→de": ("newstest2021.en-de.ref.de", "newstest2021.en-de.en"),
            "newstest2021 de→en (German original)": ("newstest2021.de-en.de", "newstest2021.de-en.en")}


def lines(dev: Path, name: str) -> list[str]:
    return (dev / f"{PREFIX}.{name}").read_text(encoding="utf-8").splitlines()


def flagged(german: list[str], english: list[str] | None,
            embedder: Embed | None = None) -> tuple[list[set[str]], list[set[str]]]:
    """Per line: codes at warning or above, and info codes. ``embedder``: the multilingual
    embeddings the link detectors get when `align` runs with the embed extra (without MT)."""
    recs = [SegmentPair("d", k + 1, 1, g.strip(), g.strip(), target=(english[k].strip() if english else ""),
                        align_type="1-1" if english else "", align_score=0.5 if english else None)
            for k, g in enumerate(german)]
    kept = [r for r in recs if r.source]
    flag(kept, Stage.source, "\n\n".join(r.source for r in kept))
    if english:
        flag(kept, Stage.translation, aligned="yes")
        flag(kept, Stage.link, similarity="anchors", embedder=embedder)
    strong = [{f.code for f in r.flags if f.severity >= Severity.warning} for r in recs]
    weak = [{f.code for f in r.flags if f.severity < Severity.warning} for r in recs]
    return strong, weak


def flagged_as_check(german: list[str]) -> list[set[str]]:
    """Per line: codes at warning or above when the file goes through `translate check` (each line
    a paragraph, segmented into sentences, every sentence flagged with its neighbours)."""
    from translate.pipeline import prepare
    from translate.read import Source

    kept = [k for k, g in enumerate(german) if g.strip()]
    records = prepare(Source("dev", "\n\n".join(german[k].strip() for k in kept)))
    strong: list[set[str]] = [set() for _ in german]
    for r in records:
        strong[kept[r.paragraph - 1]] |= {f.code for f in r.flags if f.severity >= Severity.warning}
    return strong


class ThroughAlign:
    """Per line: codes at warning or above from `translate align DE EN --presegmented --no-mt`'s
    own path (:func:`translate.pipeline.align_documents`). Each line is a paragraph of its own
    there; a link that takes two German lines gives its codes to both."""

    def __init__(self, anchors: bool = False) -> None:
        from translate.embed import Embedder, available

        # as the command chooses with --similarity auto (no model), or anchors alone
        self.embedder = Embedder() if available() and not anchors else None

    def __call__(self, german: list[str], english: list[str]) -> list[set[str]]:
        from translate.pipeline import align_documents
        from translate.read import Source

        kept = [k for k, g in enumerate(german) if g.strip()]
        records = [r for r in align_documents(Source("dev", "\n".join(german[k] for k in kept)),
                                              Source("en", "\n".join(english)), presegmented=True,
                                              embedder=self.embedder) if r.source]
        strong: list[set[str]] = [set() for _ in german]
        for r, after in zip(records, [*records[1:], None], strict=True):
            codes = {f.code for f in r.flags if f.severity >= Severity.warning}
            for p in range(r.paragraph, after.paragraph if after else len(kept) + 1):
                strong[kept[p - 1]] |= codes
        return strong


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev" / "mt")
    ap.add_argument("--examples", action="store_true", help="list every labelled line with the codes it got")
    ap.add_argument("--through-align", action="store_true",
                    help="also run `translate align --presegmented --no-mt`'s own path (aligner, embeddings)")
    ap.add_argument("--anchors", action="store_true",
                    help="with --through-align: align by length and anchors, as without the embed extra")
    ap.add_argument("--dictionary", metavar="FILE",
                    help="a German–English dictionary (Ding format) for the bilingual checks, as `--dictionary` "
                         "gives `align` and `check`; none: without one (default: as installed)")
    args = ap.parse_args()
    if args.dictionary is not None:
        os.environ[lexicon.ENV] = args.dictionary
    print(f"dictionary: {lexicon.configured() or 'none'}")
    with (ROOT / "corpora" / "flags_dev_labels.tsv").open(encoding="utf-8") as fh:
        labels = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    by_system: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in labels:
        by_system[row["system"]].append(row)
    src = lines(args.dev, "src.en")
    ref = lines(args.dev, "ref.de")
    modes = [("German alone", None, "lines"), ("German alone, through `translate check`", None, "check"),
             ("with the English original", src, "lines")]
    embedder = None
    if embed_available():
        embedder = Embedder()
        modes.append(("with the English original and the link detectors given sentence embeddings "
                      "(the embed extra)", src, "embed"))
    if args.through_align:
        modes.append(("with the English original, through `translate align --presegmented --no-mt`"
                      + (" (length and anchors)" if args.anchors else ""), src, "align"))
        through_align = ThroughAlign(anchors=args.anchors)
    for mode, english, path in modes:

        def strong_of(german: list[str], english: list[str] | None = english, path: str = path) -> list[set[str]]:
            if path == "check":
                return flagged_as_check(german)
            if path == "align" and english is not None:
                return through_align(german, english)
            return flagged(german, english, embedder if path == "embed" else None)[0]

        ref_strong = strong_of(ref)
        fp = sum(bool(s) for s in ref_strong)
        fp_codes: Counter[str] = Counter(c for s in ref_strong for c in s)
        sample: Counter[str] = Counter()  # the random sample: garbled/flagged, clean/flagged
        tp_kind: Counter[str] = Counter()
        n_kind: Counter[str] = Counter()
        clean_flagged = clean_n = 0
        examples: list[str] = []
        for system, rows in by_system.items():
            strong = strong_of(lines(args.dev, f"hyp.{system}.de"))
            for row in rows:
                k = int(row["line"])
                got = ",".join(sorted(strong[k])) or "-"
                garbled = row["label"] == "garbled"
                status = ("flagged" if strong[k] else "missed") if garbled else (
                    "FALSE FLAG" if strong[k] else "unflagged")
                examples.append(f"  {status:<11}{row['kind']:<9}"
                                f"{system}:{k:<5} {row['what'][:60]:<62}{got}")
                if row["what"].startswith("[random]"):
                    sample[("garbled" if garbled else "clean", bool(strong[k]))] += 1
                if garbled:
                    n_kind[row["kind"]] += 1
                    tp_kind[row["kind"]] += bool(strong[k])
                else:
                    clean_n += 1
                    clean_flagged += bool(strong[k])
        tp, n = sum(tp_kind.values()), sum(n_kind.values())
        fp += clean_flagged
        clean = len(ref) + clean_n
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall, fpr = tp / n, fp / clean
        balanced = recall / (recall + fpr) if recall + fpr else 0.0
        print(f"{mode}: recall {tp}/{n} = {recall:.2f}, precision {tp}/{tp + fp} = {precision:.2f} "
              f"({fp} of {clean} clean lines flagged = {fpr:.3f}; precision at one garbled line per clean "
              f"line: {balanced:.2f})")
        for kind in sorted(n_kind):
            print(f"  {kind:<9} recall {tp_kind[kind]}/{n_kind[kind]}")
        print(f"  codes on human reference lines: {dict(fp_codes.most_common())}")
        g = sample[("garbled", True)] + sample[("garbled", False)]
        c = sample[("clean", True)] + sample[("clean", False)]
        print(f"  random sample of news lines: {sample[('garbled', True)]} of {g} garbled flagged, "
              f"{sample[('clean', True)]} of {c} clean flagged")
        for name, (de_file, en_file) in NEWSTEST.items():  # human news, one sentence a line
            de_path, en_path = args.dev.parent / de_file, args.dev.parent / en_file
            if de_path.is_file() and en_path.is_file():
                german = de_path.read_text(encoding="utf-8").splitlines()
                got = strong_of(german, en_path.read_text(encoding="utf-8").splitlines() if english else None)
                codes = Counter(c for s in got for c in s)
                print(f"  human {name} sentences flagged: {sum(bool(s) for s in got)} of {len(german)} "
                      f"{dict(codes.most_common())}")
        if args.examples:
            print("\n".join(sorted(examples)))


if __name__ == "__main__":
    main()
