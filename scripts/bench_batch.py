#!/usr/bin/env python3
"""Batch throughput and memory at the real model's size: `translate batch` vs raw CTranslate2.

N news sentences (default 1,000 from ../shared/dev) cut into articles of 25 sentences in
paragraphs of 5, translated with a model of the real package's size (default
../shared/speed/translate-de_en-twin-1_0.argosmodel, see scripts/speed_common.py):

* raw CTranslate2 at its best configuration (searched on a probe, its three fastest then timed
  on all sentences, as bench_translate.py does),
  all sentences in one call: in this process (warm: it has translated before, and the engine
  opened here to encode the sentences has set glibc to keep freed memory, as the product does)
  and as the first call of a fresh process (a user's run of it, with glibc's defaults; the
  model's load not counted);
* `translate batch --workers 1` and `--workers 2` (child processes, fresh output folder and
  translation memory each run: nothing is reused), with their peak RSS;
* argostranslate's calling pattern (one call per paragraph).

Three runs each, interleaved (raw, batch --workers 1, batch --workers 2, raw, …) so that the
host's background load weighs on both sides of each ratio alike; min and median, and the
run-by-run ratio.

    python scripts/bench_batch.py [--model PATH] [--news FILE] [--sentences 1000] [--workers 1,2] [--runs 3]
                                  [--device cpu|cuda]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_common import (  # noqa: E402
    HEADER,
    Figure,
    argos_figure,
    best_raw,
    child_env,
    raw_figure,
    raw_fresh_seconds,
    run_child,
    speed_parser,
    speed_setup,
    write_articles,
)


def main() -> None:
    ap = speed_parser(__doc__)
    ap.add_argument("--per-article", type=int, default=25)
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()

    setup = speed_setup(args)
    pkg, sentences, tokens = setup.package, setup.sentences, setup.tokens
    device, compute_type = setup.engine.settings.device, setup.engine.settings.compute_type
    setup.engine = None  # let go: each run below loads its own
    print(f"{len(sentences)} news sentences in articles of {args.per_article}, model {pkg.name}, "
          f"beam {args.beam_size}, {setup.cores} cores")
    config, _, finals = best_raw(pkg.model_dir, tokens, args.beam_size, device=device, compute_type=compute_type)
    print("raw CTranslate2's three fastest on the probe, on all sentences (sent/s): "
          + ", ".join(f"{i}x{t} {bt} {bs}: {r:.1f}" for (i, t, bt, bs), r in finals))
    workers = [int(x) for x in args.workers.split(",")]
    raw_secs: list[float] = []
    fresh_secs: list[float] = []
    batch_runs: dict[int, list[tuple[float, float]]] = {w: [] for w in workers}
    out_tokens = 0
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        write_articles(sentences, src, args.per_article)
        env = child_env(Path(tmp) / "cache")
        tokens_file = Path(tmp) / "tokens.json"
        tokens_file.write_text(json.dumps(tokens), encoding="utf-8")

        def batch(w: int, k: int) -> tuple[float, float]:
            out = Path(tmp) / f"out-{w}-{k}"
            cmd = [sys.executable, "-m", "translate.cli", "batch", str(src), "-o", str(out), "-m", args.model,
                   "--workers", str(w), "--progress", "none", "--beam-size", str(args.beam_size),
                   "--device", args.device, "--format", "tmx,csv,moses,jsonl"]
            return run_child(cmd, env)

        batch(workers[-1], -1)  # unpacks the package into this cache: not counted
        # interleaved (raw, batch, raw, batch, …): the machine's background load, which varies by
        # the minute on shared hosts, weighs on both sides of each ratio alike
        for k in range(args.runs):
            raw = raw_figure(pkg.model_dir, tokens, config, args.beam_size, 1, device, compute_type)
            raw_secs += raw.seconds
            out_tokens = raw.out_tokens
            fresh_secs.append(raw_fresh_seconds(pkg.model_dir, tokens_file, config, args.beam_size, device,
                                                compute_type))
            for w in workers:
                batch_runs[w].append(batch(w, k))
    inter, intra, bt, bs = config
    figures = [Figure(f"raw CTranslate2 ({inter}x{intra} threads, {bt} {bs})", len(sentences), raw_secs,
                      out_tokens),
               Figure("raw CTranslate2, first call of a fresh process", len(sentences), fresh_secs, out_tokens)]
    for w in workers:
        figures.append(Figure(f"translate batch --workers {w}", len(sentences), [s for s, _ in batch_runs[w]],
                              rss_mb=max(r for _, r in batch_runs[w])))
    paragraphs = [tokens[i:i + 5] for i in range(0, len(tokens), 5)]
    if args.device == "cpu":
        figures.append(argos_figure(pkg.model_dir, paragraphs, args.beam_size, args.runs))

    print(f"\n{HEADER}")
    for f in figures:
        print(f.row())
    best = max(figures[2:-1] if args.device == "cpu" else figures[2:], key=lambda f: f.rate())
    for raw, what in ((figures[0], "raw best"), (figures[1], "raw in a fresh process, best")):
        paired = [r / b for r, b in zip(raw.seconds, best.seconds)]  # batch rate / raw rate, run by run
        print(f"\nbest batch ({best.name}) / {what}: {best.rate() / raw.rate():.2f} "
              f"(medians {best.rate(True) / raw.rate(True):.2f}; run by run {', '.join(f'{p:.2f}' for p in paired)}, "
              f"median {statistics.median(paired):.2f})")
    if args.device == "cpu":
        print(f"best batch / argostranslate pattern: {best.rate() / figures[-1].rate():.1f}x")


if __name__ == "__main__":
    main()
