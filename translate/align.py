"""Sentence alignment of a German document with its English translation.

Dynamic programming over the two sentence lists, as in Gale & Church (1993), with the link
types 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2. The cost of a link adds

* a **length** cost: Gale–Church's −log P(δ) with δ = (l_en − c·l_de) / √(s²·l_de), c and s²
  estimated from the two documents themselves, plus −log of the link type's prior;
* a **similarity** cost, weighted: with machine translation (the German side translated by the
  installed Argos package, or read from a line-aligned ``--mt-file``), 1 − chrF between the
  translation and the English; without any, 1 − the overlap of cheap anchors (numbers,
  capitalised names, cognates sharing a 5-letter prefix, final punctuation).

Each link's score is its similarity (0–1); weak links are flagged (``weak-link``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Link types with prior probabilities (Gale & Church's, with 2-2 added).
PRIORS = {(1, 0): 0.0099, (0, 1): 0.0099, (1, 1): 0.89, (2, 1): 0.045, (1, 2): 0.045, (2, 2): 0.011}


#: chrF's β (2: recall-weighted, the standard). Recall alone would favour merging an extra
#: sentence into a link (the merged text still "recalls" the reference); the per-sentence
#: precision check in :func:`align` counters that.
CHRF_BETA = 2.0


@dataclass(frozen=True)
class Link:
    de: tuple[int, ...]  # 0-based sentence indices
    en: tuple[int, ...]
    score: float

    @property
    def kind(self) -> str:
        return f"{len(self.de)}-{len(self.en)}"


def _ngrams(text: str, n: int) -> Counter[str]:
    t = " ".join(text.lower().split())
    return Counter(t[i : i + n] for i in range(len(t) - n + 1))


NgramStats = list[tuple[frozenset[tuple[str, int]], int]]


def char_ngrams(text: str, max_n: int = 4) -> NgramStats:
    """chrF's statistics of a text: per order 1…max_n, its n-grams and their number.

    Each n-gram is kept with its occurrence number (("ab", 1), ("ab", 2), …), so that the
    clipped match count of two texts, Σ min(count₁, count₂), is the size of a set intersection.
    """
    out = []
    for n in range(1, max_n + 1):
        counts = _ngrams(text, n)
        out.append((frozenset((g, k) for g, c in counts.items() for k in range(c)), sum(counts.values())))
    return out


def chrf_stats(h: NgramStats, r: NgramStats, beta: float = 2.0) -> float:
    """chrF from precomputed :func:`char_ngrams` of hypothesis and reference."""
    precs, recs = [], []
    for (hs, ht), (rs, rt) in zip(h, r):
        if not ht or not rt:
            continue
        match = len(hs & rs)
        precs.append(match / ht)
        recs.append(match / rt)
    if not precs:
        return 0.0
    p, rr = sum(precs) / len(precs), sum(recs) / len(recs)
    return 0.0 if p + rr == 0 else (1 + beta**2) * p * rr / (beta**2 * p + rr)


def chrf(hyp: str, ref: str, max_n: int = 4, beta: float = 2.0) -> float:
    """Character n-gram F-score (chrF, Popović 2015), 0–1."""
    return chrf_stats(char_ngrams(hyp, max_n), char_ngrams(ref, max_n), beta)


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+", re.UNICODE)


def anchors(text: str) -> set[str]:
    """Cheap language-independent anchors: numbers, capitalised words, 5-letter prefixes."""
    out = set()
    for i, m in enumerate(_TOKEN.finditer(text)):
        w = m.group()
        if w[0].isdigit():
            out.add(w.replace(",", "").replace(".", ""))
        elif w[0].isupper() and i > 0:
            out.add(w.lower())
        if len(w) >= 6 and not w[0].isdigit():
            out.add("~" + w[:5].lower())
    if text.rstrip().endswith("?"):
        out.add("?")
    return out


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.3
    return 2 * len(a & b) / (len(a) + len(b))  # Dice: does not favour merged links


def _norm_sf(x: float) -> float:
    return math.erfc(x / math.sqrt(2))  # 2 * (1 - Phi(x))


#: the most a link's length can cost where a similarity that reads the content guides the
#: alignment (MT or sentence embeddings): −log of a two-sided p of about 0.0025, 3 standard
#: deviations. Gale–Church's cost grows without bound with the length difference, and a long
#: paragraph whose German lost a third of the English (machine translation that drops
#: sentences) would otherwise be cut into a 1-0 and a 0-1 however alike the two sides read.
#: Not with anchors alone: they say too little about content, and capped lengths let a whole
#: paragraph and a truncated one merge into a 2-2 as cheaply as each is linked alone.
MAX_LENGTH_COST = 6.0


def _length_model(de: Sequence[str], en: Sequence[str], c: float | None = None, cap: float = math.inf
                  ) -> tuple[list[int], list[int], Callable[[int, int], float]]:
    """Character lengths of both sides and Gale–Church's length cost (at most ``cap``), with the
    length ratio ``c`` (English characters per German one; default: the two documents' own) and
    the variance scaled with it."""
    ld = [max(1, len(s)) for s in de]
    le = [max(1, len(s)) for s in en]
    if c is None:
        c = sum(le) / max(1, sum(ld))
    s2 = 6.8 * c  # Gale–Church's variance, scaled with the length ratio

    def length_cost(a: int, b: int) -> float:
        if a == 0 and b == 0:
            return 0.0
        mean = (a + b / c) / 2
        delta = (b - a * c) / math.sqrt(max(1.0, mean) * s2)
        return min(cap, -math.log(max(_norm_sf(abs(delta)), 1e-12)))

    return ld, le, length_cost


def _align_embedded(de: Sequence[str], en: Sequence[str], embed: Callable[[list[str]], Any], sim_weight: float,
                    skip_below: float | None, band: int | None, progress: Progress | None = None) -> list[Link]:
    """The aligner with embedding similarity: the cosine between the embeddings of each side's
    sentences joined (every 1- and 2-sentence span is embedded once, in one batch per side).
    Measured against capping a merged link by its weakest sentence (as the chrF path does), the
    joined embedding alone is better: link F1 0.993 against 0.980 (bench_align, seed 3); an
    extra sentence already moves the joined embedding away from the other side."""
    import numpy as np

    def spans(side: Sequence[str]) -> tuple[dict[tuple[int, int], int], list[str]]:
        index: dict[tuple[int, int], int] = {}
        texts: list[str] = []
        for a in range(len(side)):
            for b in (a + 1, a + 2):
                if b <= len(side):
                    index[(a, b)] = len(texts)
                    texts.append(" ".join(side[a:b]))
        return index, texts

    d_index, d_texts = spans(de)
    e_index, e_texts = spans(en)
    d_vec, e_vec = np.asarray(embed(d_texts)), np.asarray(embed(e_texts))

    def cos(i0: int, i1: int, j0: int, j1: int) -> float:
        return float(d_vec[d_index[(i0, i1)]] @ e_vec[e_index[(j0, j1)]])

    def similarity(i0: int, i1: int, j0: int, j1: int) -> float:
        return max(0.0, min(1.0, cos(i0, i1, j0, j1)))

    return _two_passes(de, en, similarity, sim_weight, 0.35 if skip_below is None else skip_below, band,
                       MAX_LENGTH_COST, progress)


#: told (rows of the table done, rows to do) as the dynamic programme goes; a second pass adds
#: its rows to both
Progress = Callable[[int, int], None]


def align(de: Sequence[str], en: Sequence[str], mt: Sequence[str] | None = None,
          sim_weight: float = 10.0, skip_below: float | None = None,
          band: int | None = None, embed: Callable[[list[str]], Any] | None = None,
          progress: Progress | None = None) -> list[Link]:
    """Align two sentence lists. ``mt`` (same length as ``de``) switches on MT similarity;
    without it, ``embed`` (texts → unit vectors, :class:`translate.embed.Embedder`) switches on
    the cosine of multilingual sentence embeddings; with neither, anchors. ``progress`` is told
    how far the work is (:data:`Progress`)."""
    n = len(de)
    if mt is None and embed is not None:
        return _align_embedded(de, en, embed, sim_weight, skip_below, band, progress)
    if skip_below is None:
        skip_below = 0.4 if mt is not None else 0.1
    if mt is not None and len(mt) != n:
        raise ValueError("the machine translation must have one line per German sentence")
    sides = {"de": de, "en": en, "mt": mt or []}

    # what the similarities read of the 1- and 2-sentence spans the dynamic programme is at: it
    # moves down the diagonal, so the spans of a few rows and their band are all it asks for again
    # (chrF statistics kept for every span took 2.2 GB for 5,000 sentences a side)
    near = lru_cache(maxsize=16 * _width(len(de), len(en), band) + 64)

    @near
    def grams(side: str, a: int, b: int) -> NgramStats:
        return char_ngrams(" ".join(sides[side][a:b]))

    @near
    def anchor_set(side: str, a: int, b: int) -> frozenset[str]:
        return frozenset(anchors(" ".join(sides[side][a:b])))

    def similarity(i0: int, i1: int, j0: int, j1: int) -> float:
        if mt is None:
            return _dice(anchor_set("de", i0, i1), anchor_set("en", j0, j1))
        h, r = grams("mt", i0, i1), grams("en", j0, j1)
        sim = chrf_stats(h, r, beta=CHRF_BETA)
        # a merged link must explain each of its sentences: one whose n-grams are mostly
        # absent from the other side (an extra sentence) caps the link's similarity
        for side, a, b, other in (("mt", i0, i1, r), ("en", j0, j1, h)):
            if b - a > 1:
                for k in range(a, b):
                    sim = min(sim, chrf_stats(grams(side, k, k + 1), other, beta=0.0))
        return sim

    return _two_passes(de, en, similarity, sim_weight, skip_below, band,
                       MAX_LENGTH_COST if mt is not None else math.inf, progress)


def _two_passes(de: Sequence[str], en: Sequence[str], similarity: Callable[[int, int, int, int], float],
                sim_weight: float, skip_below: float, band: int | None, cap: float,
                progress: Progress | None = None) -> list[Link]:
    """Align with the two documents' length ratio, then, where the median ratio of that
    alignment's 1-1 links differs from it by more than 5 %, again with the median. A translation
    that left much out (machine translation that drops sentences) makes the documents' ratio
    wrong for every link it kept whole: on WMT23, two systems' German ran 1.04 and 1.08 English
    characters per German one against 0.86 for the human translation, and good paragraphs came
    out as a 1-0 and a 0-1. The median of the 1-1 links is the ratio of what was translated.
    The second pass computes its similarities again: remembering the first pass's would cost
    more memory (about 120 MB for documents of 5,000 sentences) than the rare second pass
    costs time."""
    rows = len(de) + 1
    ld, le, length_cost = _length_model(de, en, cap=cap)
    links = _dp(de, en, ld, le, length_cost, similarity, sim_weight, skip_below, band,
                progress and (lambda done: progress(done, rows)))
    ratios = sorted(le[k.en[0]] / ld[k.de[0]] for k in links if len(k.de) == len(k.en) == 1)
    if len(ratios) < 5:
        return links
    c, documents = ratios[len(ratios) // 2], sum(le) / max(1, sum(ld))
    if abs(c - documents) <= 0.05 * documents:
        return links
    ld, le, length_cost = _length_model(de, en, c, cap)
    return _dp(de, en, ld, le, length_cost, similarity, sim_weight, skip_below, band,
               progress and (lambda done: progress(rows + done, 2 * rows)))


def _width(n: int, m: int, band: int | None) -> int:
    """How far from the diagonal the dynamic programme looks: ``band``, or enough for the two
    documents' difference in length and 20 sentences more at least."""
    return band if band is not None else max(20, abs(n - m) + 10)


def _dp(de: Sequence[str], en: Sequence[str], ld: list[int], le: list[int],
        length_cost: Callable[[int, int], float], similarity: Callable[[int, int, int, int], float],
        sim_weight: float, skip_below: float, band: int | None,
        rows_done: Callable[[int], None] | None = None) -> list[Link]:
    """The dynamic programme: the cheapest path of links through the two lists. Only cells within
    ``band`` of the diagonal are kept (row ``i`` holds columns ``first[i]`` to ``first[i] +
    len(cost[i]) - 1``), so that memory grows with the documents' length, not its square: two
    books of 20,000 sentences each would need 400 million cells."""
    n, m = len(de), len(en)
    inf = float("inf")
    width = _width(n, m, band)
    first: list[int] = []
    cost: list[list[float]] = []
    back: list[list[tuple[int, int, float] | None]] = []
    skip = 2.0 + sim_weight * (1.0 - skip_below) / 2  # a skip is cheaper than a pair below skip_below
    steps = [(a, b, -math.log(prior)) for (a, b), prior in PRIORS.items()]
    for i in range(n + 1):
        if rows_done is not None and i % 256 == 0:
            rows_done(i)
        centre = i * m / max(1, n)
        lo, hi = max(0, int(centre) - width), min(m, int(centre) + width)
        first.append(lo)
        row, row_back = [inf] * (hi - lo + 1), [None] * (hi - lo + 1)
        cost.append(row)
        back.append(row_back)
        if i == 0 and lo == 0:
            row[0] = 0.0
        for j in range(lo, hi + 1):
            if i == j == 0:
                continue
            best, arg = inf, None
            for a, b, prior_cost in steps:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                k = pj - first[pi]
                if not 0 <= k < len(cost[pi]) or cost[pi][k] == inf:
                    continue
                before = cost[pi][k]
                if a and b:
                    base = before + length_cost(sum(ld[pi:i]), sum(le[pj:j])) + prior_cost
                    if base >= best:
                        continue  # cannot win even with similarity 1: skip the expensive part
                    sim = similarity(pi, i, pj, j)
                    # the similarity cost counts per sentence, so merging is not a discount
                    total = base + sim_weight * (1.0 - sim) * (a + b) / 2
                else:
                    sim = 0.0
                    total = before + skip
                if total < best:
                    best, arg = total, (pi, pj, sim)
            row[j - lo], row_back[j - lo] = best, arg
    if rows_done is not None:
        rows_done(n + 1)
    links: list[Link] = []
    i, j = n, m
    while i or j:
        k = j - first[i]
        step = back[i][k] if 0 <= k < len(back[i]) else None
        if step is None:  # outside the band: should not happen with a sane band
            raise ValueError("alignment failed: widen the band")
        pi, pj, sim = step
        links.append(Link(tuple(range(pi, i)), tuple(range(pj, j)), sim))
        i, j = pi, pj
    return links[::-1]


#: Below these, two documents' links read as unrelated texts rather than a translation: the
#: median similarity of their links (chrF with MT, the cosine of the embeddings), or without
#: either, the share of links whose sentences share an anchor (a number, a name, a cognate).
#: ``python scripts/bench_align.py --unrelated`` shows both kinds of pair (the README has the figures).
UNRELATED_BELOW = {"mt": 0.42, "embed": 0.45, "anchors": 0.5}
#: links needed for a verdict: a short pair says too little
UNRELATED_MIN_LINKS = 5


def names_or_numbers(text: str) -> bool:
    """Does an English text hold an anchor that its translation keeps: a number or a name (a
    capitalised word after the first)? Without one, anchors cannot tell a translation ("The
    house is big." has none of "Das Haus ist groß."'s, whose "Haus" is a noun, no name)."""
    return any(a[0] not in "~?" for a in anchors(text))


def unrelated(scores: Sequence[float | None], similarity: str, english: Sequence[str] | None = None) -> str | None:
    """Why two documents are no translation of each other, by the scores of their links (None
    for a link of one side only: 1-0, 0-1) and the ``similarity`` that made them ("mt",
    "embed" or "anchors"); None when they read as one. ``english``: each link's English; with
    anchors, only the links whose English holds a name or a number count (see
    :func:`names_or_numbers`)."""
    if similarity == "anchors" and english is not None:
        scores = [s for s, e in zip(scores, english, strict=True) if not e or names_or_numbers(e)]
    linked = [s for s in scores if s is not None]
    if len(scores) < UNRELATED_MIN_LINKS or similarity not in UNRELATED_BELOW:
        return None
    if not linked:
        return f"none of the {len(scores)} links pairs a German sentence with an English one"
    # few links but good ones are a partial translation (a summary), which the omission flags show
    if similarity == "anchors":
        shared = sum(s > 0.05 for s in linked)
        if shared / len(linked) < UNRELATED_BELOW[similarity]:
            return f"only {shared} of {len(linked)} links share a number, a name or a cognate"
        return None
    middle = sorted(linked)[len(linked) // 2]
    if middle < UNRELATED_BELOW[similarity]:
        what = "chrF against the machine translation" if similarity == "mt" else "the sentence embeddings' cosine"
        return f"the links' median similarity is {middle:.2f}, where a translation scores about 0.7 ({what})"
    return None
