#!/usr/bin/env python3
"""Translation speed at the real model's size: raw CTranslate2 at its best vs the product.

On N news sentences (default 1,000 from ../shared/dev) with a model of the real package's size
(default ../shared/speed/translate-de_en-twin-1_0.argosmodel, see scripts/speed_common.py):

1. raw CTranslate2: every configuration (inter/intra threads, batch type and size) tried on a
   probe of 250 sentences, its three fastest timed on all sentences and the fastest kept;
2. the engine (`Engine.translate`, what `translate article` runs) on the same sentences;
3. `translate article` end to end, in a child process (load, segment, flag, translate, write
   TMX and CSV) on one article made of those sentences;
4. the engine with --beam-size 1 (the fast mode);
5. argostranslate 1.11's calling pattern (one call per paragraph, its default threads).

Three runs each, interleaved (raw, engine, article, raw, …) so that the host's background load
weighs on both sides of each ratio alike; sentences/s (best and median), output tokens/s, peak
RSS where a child ran, and the article / raw ratio run by run.
With ``--short 10,25,40``, first short articles of those sizes, one call each, as ``translate
article`` cuts them (spread over the replicas) against batches of the settings' size.

    python scripts/bench_translate.py [--model PATH] [--sentences 1000] [--device cpu|cuda] [--short 10,25,40]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_common import (  # noqa: E402
    HEADER,
    Figure,
    argos_figure,
    best_raw,
    child_env,
    raw_figure,
    run_child,
    speed_parser,
    speed_setup,
    timed,
    write_articles,
)


def short_articles(engine: Any, sentences: list[str], sizes: list[int], articles: int = 8) -> None:
    """Short articles translated one call each, as `translate article` does: batches of the
    settings' size against batches spread over the replicas (``Engine.translate(spread=True)``),
    interleaved, ``articles`` different articles of each size."""
    print(f"\nshort articles, {articles} of each size, one call each (seconds for all of them):")
    for n in sizes:
        secs = {False: 0.0, True: 0.0}
        for k in range(articles):
            article = sentences[k * n:(k + 1) * n]
            for spread in ((False, True) if k % 2 else (True, False)):
                t0 = time.perf_counter()
                engine.translate(article, spread=spread)
                secs[spread] += time.perf_counter() - t0
        print(f"  {n:3} sentences: batches of {engine.settings.max_batch_size} {secs[False]:6.2f} s, spread over "
              f"the replicas {secs[True]:6.2f} s ({secs[False] / secs[True]:.2f}x)")


def main() -> None:
    ap = speed_parser(__doc__)
    ap.add_argument("--short", default="", help="also time short articles of these sizes, e.g. 10,25,40,64")
    args = ap.parse_args()

    from translate.translator import Engine, settings_for

    setup = speed_setup(args)
    pkg, sentences, tokens, engine = setup.package, setup.sentences, setup.tokens, setup.engine
    if args.short:
        short_articles(engine, sentences, [int(n) for n in args.short.split(",")])
    settings = engine.settings
    print(f"{len(sentences)} news sentences ({sum(map(len, tokens))} source tokens), model {pkg.name}, "
          f"beam {args.beam_size}, {setup.cores} cores, device {settings.device}")

    config, tried, finals = best_raw(pkg.model_dir, tokens, args.beam_size, device=settings.device,
                                     compute_type=settings.compute_type)
    print("\nraw CTranslate2 on a 250-sentence probe (sent/s):")
    for (inter, intra, bt, bs), rate in sorted(tried, key=lambda x: -x[1]):
        print(f"  {inter}x{intra} threads, {bt:<8} {bs:>5}: {rate:6.1f}")
    print("its three fastest on all sentences (sent/s): "
          + ", ".join(f"{i}x{t} {bt} {bs}: {r:.1f}" for (i, t, bt, bs), r in finals))

    # interleaved (raw, engine, article, raw, …): the host's background load, which moves every
    # figure by up to ±10 % from minute to minute, weighs on both sides of each ratio alike
    raw_secs: list[float] = []
    engine_secs: list[float] = []
    article_runs: list[tuple[float, float]] = []
    raw_tokens = 0
    out: list = []
    with tempfile.TemporaryDirectory() as tmp:
        (article,) = write_articles(sentences, Path(tmp) / "in", per_article=len(sentences))
        cmd = [sys.executable, "-m", "translate.cli", "article", str(article), "-m", args.model, "-o",
               str(Path(tmp) / "out"), "--beam-size", str(args.beam_size), "--device", args.device]
        env = child_env(Path(tmp) / "cache")
        run_child(cmd, env)  # unpack the package into this cache once
        for _ in range(args.runs):
            raw = raw_figure(pkg.model_dir, tokens, config, args.beam_size, 1, settings.device, settings.compute_type)
            raw_secs += raw.seconds
            raw_tokens = raw.out_tokens
            engine_secs += timed(lambda: out.__setitem__(slice(None), engine.translate(sentences)), 1)
            article_runs.append(run_child(cmd, env))
    inter, intra, bt, bs = config
    figures: list[Figure] = [
        Figure(f"raw CTranslate2 ({inter}x{intra} threads, {bt} {bs})", len(sentences), raw_secs, raw_tokens),
        Figure(f"engine ({settings.inter_threads}x{settings.intra_threads} threads, "
               f"{settings.batch_type} {settings.max_batch_size})", len(sentences), engine_secs,
               sum(len(engine.encode(t.text)) for t in out)),
        Figure("translate article (end to end, one article)", len(sentences), [s for s, _ in article_runs],
               rss_mb=max(r for _, r in article_runs))]

    fast = Engine(pkg, settings_for(args.device, None, 1))
    figures.append(Figure("engine, --beam-size 1 (fast mode)", len(sentences),
                          timed(lambda: fast.translate(sentences), args.runs)))
    paragraphs = [tokens[i:i + 5] for i in range(0, len(tokens), 5)]
    if settings.device == "cpu":
        figures.append(argos_figure(pkg.model_dir, paragraphs, args.beam_size, args.runs))

    print(f"\n{HEADER}")
    for f in figures:
        print(f.row())
    raw, eng, art = figures[0], figures[1], figures[2]
    paired = [r / a for r, a in zip(raw.seconds, art.seconds)]  # article rate / raw rate, run by run
    print(f"\nengine / raw best: {eng.rate() / raw.rate():.2f}; translate article / raw best: "
          f"{art.rate() / raw.rate():.2f} (medians: {eng.rate(True) / raw.rate(True):.2f}, "
          f"{art.rate(True) / raw.rate(True):.2f}; article / raw run by run "
          f"{', '.join(f'{x:.2f}' for x in paired)}, median {statistics.median(paired):.2f}); "
          f"beam 1 / beam {args.beam_size}: {figures[3].rate() / eng.rate():.1f}x")
    if settings.device == "cpu":
        print(f"translate article / argostranslate pattern: {art.rate() / figures[4].rate():.1f}x")


if __name__ == "__main__":
    main()
