#!/usr/bin/env python3
"""Batch throughput and memory: `translate batch` with 1, 2 and N workers on a generated folder.

Generates articles with scripts/make_articles.py (--distinct: every sentence unique, so the
translation memory and deduplication cannot flatter the figures), runs the real CLI in a child
process per configuration (fresh output folder and memory each time) and reports sentences/s
and the child's peak RSS. Then translates the same articles the way argostranslate does (one
CTranslate2 call per paragraph, all cores to one call) for the ratio, and repeats the best
configuration on a folder four times larger to show that memory stays flat.

    python scripts/bench_batch.py [--articles 500] [--large 2000] [--workers 1,2,4] [--model PATH]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_articles import make_articles  # noqa: E402


def run_batch(src: Path, out: Path, model: str, workers: int, chunk: int) -> tuple[float, int, float]:
    """(seconds, sentences, peak RSS in MB) of one `translate batch` child process."""
    cmd = [sys.executable, "-m", "translate.cli", "batch", str(src), "-o", str(out), "-m", model,
           "--workers", str(workers), "--chunk", str(chunk), "--progress", "none", "--format", "tmx,csv,moses,jsonl"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"batch failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    con = sqlite3.connect(out / "ledger.sqlite")
    sentences = con.execute("SELECT SUM(sentences) FROM runs").fetchone()[0]
    con.close()
    return seconds, int(sentences), usage.ru_maxrss / 1024


def argos_pattern(src: Path, model: str) -> tuple[float, int]:
    """argostranslate's calling pattern: one translate_batch per paragraph, nothing shared."""
    from translate.package import open_package
    from translate.pipeline import segment_source
    from translate.read import read_document
    from translate.translator import Engine, Settings

    engine = Engine(open_package(model), Settings())
    s = engine.settings
    ct2 = engine._ct2  # the same loaded model: compare call patterns, not loads
    n = 0
    t0 = time.perf_counter()
    for path in sorted(src.rglob("*.txt")):
        paragraphs: dict[int, list[list[str]]] = {}
        for r in segment_source(read_document(path)):
            paragraphs.setdefault(r.paragraph, []).append(engine.encode(r.source))
        for tokens in paragraphs.values():
            results = ct2.translate_batch(tokens, beam_size=s.beam_size, length_penalty=s.length_penalty,
                                          replace_unknowns=True, return_scores=True, max_batch_size=32,
                                          batch_type="tokens")
            for res in results:
                engine._sp.decode_pieces(res.hypotheses[0])
            n += len(tokens)
    return time.perf_counter() - t0, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--large", type=int, default=2000, help="folder size for the memory check (0: skip)")
    ap.add_argument("--workers", default="1,2,4", help="worker counts to compare")
    ap.add_argument("--chunk", type=int, default=256)
    ap.add_argument("--model", default=str(ROOT / "tests/fixtures/translate-de_en-fixture-1_0.argosmodel"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    cores = len(os.sched_getaffinity(0))
    print(f"model {Path(args.model).name}, {cores} cores, chunk {args.chunk} sentences")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        small = base / "small"
        make_articles(small, args.articles, args.seed, distinct=True)
        print(f"\n{args.articles} articles ({sum(p.stat().st_size for p in small.rglob('*.txt')) / 1e6:.2f} MB)")
        print(f"{'configuration':<34} {'sentences':>9} {'seconds':>8} {'sent/s':>8} {'peak RSS':>9}")
        best = (0.0, 1)
        for w in (int(x) for x in args.workers.split(",")):
            sec, n, rss = run_batch(small, base / f"out-w{w}", args.model, w, args.chunk)
            print(f"{f'translate batch --workers {w}':<34} {n:9d} {sec:8.1f} {n / sec:8.1f} {rss:7.0f} MB")
            best = max(best, (n / sec, w))
        sec, n = argos_pattern(small, args.model)
        print(f"{'argostranslate pattern (per para)':<34} {n:9d} {sec:8.1f} {n / sec:8.1f}")
        print(f"\nbest batch / per-paragraph: {best[0] / (n / sec):.1f}x (workers {best[1]})")
        if args.large:
            large = base / "large"
            make_articles(large, args.large, args.seed + 1, distinct=True)
            sec, n, rss = run_batch(large, base / "out-large", args.model, best[1], args.chunk)
            print(f"\n{args.large} articles, --workers {best[1]}: {n} sentences, {sec:.1f} s, "
                  f"{n / sec:.1f} sent/s, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
