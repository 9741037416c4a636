#!/usr/bin/env python3
"""Build a labelled flag-evaluation TSV from human German news (../shared/dev).

Clean rows are human sentences, grouped three to a paragraph. Garbled rows are made from other
sentences by the damage seen in the sample article (German machine-translated from English):

* attribution calque: "Jetzt, Die Information berichtet, dass …" – an adverb with an English
  comma and an English name rendered word for word, half from the names list and half from
  renderings that are *not* on it (to measure the general-shape detectors);
* broken sentence: a paragraph ending in "Als Vermögen" and the next paragraph starting with
  "Beachten Sie, dass …" (both rows garbled);
* English comma after a sentence-initial adverb ("Tatsächlich, …");
* untranslated English: half of the sentence replaced by its English reference.

Usage: python scripts/make_flag_set.py -o /tmp/flagset.tsv [--n 300] [--seed 7]
The output is test-set derived material: keep it out of the repository.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
LISTED = ["Die Information", "Der Rand", "Der Atlantik", "Der Wächter", "Die Zeiten"]
UNLISTED = ["Die Quelle", "Der Bote", "Die Linse", "Der Kurier", "Das Signal"]
FRAGMENT_LISTED = ["Vermögen", "Verkabelt", "Der Ökonom", "Quarz"]
FRAGMENT_UNLISTED = ["Die Linse", "Der Bote", "Kurier", "Das Signal"]
ADVERBS = ["Jetzt", "Heute", "Tatsächlich", "Inzwischen", "Zuvor", "Letztlich"]


def lower_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s[:2] not in ("AT", "EU", "US") else s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--n", type=int, default=150, help="number of documents")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    de = (DEV / "newstest2021.de-en.de").read_text(encoding="utf-8").splitlines()
    en = (DEV / "newstest2021.de-en.en").read_text(encoding="utf-8").splitlines()
    idx = [i for i, s in enumerate(de) if s.strip().endswith((".", "?", "!", "“")) and len(s.split()) >= 6]
    rng.shuffle(idx)
    rows: list[tuple[str, int, str, str]] = []
    pos = 0

    def take() -> int:
        nonlocal pos
        pos += 1
        return idx[pos - 1]

    for d in range(args.n):
        doc = f"doc{d:04d}"
        para = [de[take()] for _ in range(3)]
        kind = d % 5  # one clean paragraph in five stays clean only; the others get damage
        rows += [(doc, 1, s, "clean") for s in para]
        if kind == 0:
            continue
        s = de[take()]
        if kind == 1:
            name = rng.choice(LISTED if d % 2 else UNLISTED)
            rows.append((doc, 2, f"{rng.choice(ADVERBS)}, {name} berichtet, dass {lower_first(s)}", "garbled"))
        elif kind == 2:
            name = rng.choice(FRAGMENT_LISTED if d % 2 else FRAGMENT_UNLISTED)
            rows.append((doc, 2, s, "clean"))
            rows.append((doc, 2, f"Als {name}", "garbled"))
            rows.append((doc, 3, f"Beachten Sie, dass {lower_first(de[take()])}", "garbled"))
        elif kind == 3:
            rows.append((doc, 2, f"{rng.choice(ADVERBS)}, {lower_first(s)}", "garbled"))
        else:
            i = take()
            words_de, words_en = de[i].split(), en[i].split()
            half = len(words_de) // 2
            rows.append((doc, 2, " ".join(words_de[:half] + words_en[len(words_en) // 2:]), "garbled"))
    with args.output.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(["doc", "paragraph", "de", "label"])
        w.writerows(rows)
    print(f"wrote {args.output}: {sum(r[3] == 'garbled' for r in rows)} garbled, "
          f"{sum(r[3] == 'clean' for r in rows)} clean rows")


if __name__ == "__main__":
    main()
