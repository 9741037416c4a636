#!/usr/bin/env python3
"""Writers on a large corpus: time and peak RSS per format for N units (default 100,000).

Each format runs in its own child process that generates the units on the fly (news-like
German and English of varied length, a few flags) and streams them through
``translate.writers.write_files``, so the peak RSS is the writer's own, not the data's.

    python scripts/bench_writers.py [--units 100000] [--formats tmx,csv,jsonl,moses,xliff,xlsx,html,omegat]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def units(n: int):  # noqa: ANN201
    from translate.record import Flag, SegmentPair, Severity

    words = ("Huawei könnte eine Partnerschaft mit AT&T eingehen, um in die USA zu kommen und dort Telefone "
             "zu verkaufen, sagte der Sprecher am Dienstag in Berlin").split()
    for k in range(n):
        de = " ".join(words[: 6 + k % len(words)]) + f" {k}."
        flags = [Flag("fragment-no-verb", Severity.warning, "sentence fragment: no verb", 0, 6)] if k % 17 == 0 else []
        yield SegmentPair(f"doc-{k // 40:05d}.txt", 1 + (k % 40) // 5, 1 + k % 5, de, de,
                          target=f"Huawei could partner with AT&T {k}.", confidence=0.5 + (k % 50) / 100, flags=flags)


def child(fmt: str, n: int, out: Path) -> None:
    from translate.provenance import Provenance
    from translate.writers import write_corpus, write_files

    t0 = time.perf_counter()
    prov = Provenance("bench", created="20260101T000000Z")
    if fmt == "html-index":  # a batch's index page over the same units
        write_corpus(units(n), out, "corpus", ["html"], prov)
    else:
        write_files(units(n), out, "corpus", [fmt], prov)
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"{fmt:<10} {seconds:7.1f} s  peak RSS {rss:5.0f} MB  output {size / 1e6:6.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--formats", default="tmx,csv,jsonl,moses,xliff,xlsx,html,html-index,omegat")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.units, Path(os.environ["BENCH_OUT"]))
        return
    import subprocess

    print(f"{args.units} units per format (baseline: the interpreter with the package imported)")
    for fmt in ["none", *args.formats.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            if fmt == "none":
                code = "import resource, translate.writers; print(f\"{'(import)':<10} {'':>9}  peak RSS " \
                       "{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:5.0f} MB\")"
                subprocess.run([sys.executable, "-c", code], check=True)
                continue
            subprocess.run([sys.executable, __file__, "--child", fmt, "--units", str(args.units)], check=True,
                           env={**os.environ, "BENCH_OUT": tmp})


if __name__ == "__main__":
    main()
