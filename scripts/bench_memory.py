#!/usr/bin/env python3
"""Memory and time of `translate article` and `translate check` on one very long article, and of
`translate align` on a book-length pair.

Builds an article of --mb megabytes from the sample article (its paragraphs repeated, each
copy's numbers changed so that the text is not one paragraph over and over), runs the CLI in a
child process with the fixture model and reports the wall time and peak RSS. The goal: memory
follows the block being worked on, not the document (issue: under 500 MB for 50 MB). With
../shared/dev at hand, also aligns --align-sentences German sentences with as many English ones
(newstest2021's German originals and their English, repeated; `--presegmented`, once with
`--no-mt --similarity anchors` and once with newstest2021's MT of the German as `--mt-file`): the
aligner keeps only a band around the diagonal, so memory follows the length, not its square (0
skips it).

    python scripts/bench_memory.py [--mb 50] [--formats tmx,csv] [--model PATH] [--align-sentences 20000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_common import ROOT, run_child  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "translate-de_en-fixture-1_0.argosmodel"


def make_article(path: Path, megabytes: float) -> int:
    sample = (ROOT / "corpora" / "huawei-att.de.txt").read_text(encoding="utf-8").strip()
    target = int(megabytes * 1024 * 1024) - 1024  # just under the readers' 50 MB limit
    size = k = 0
    with path.open("w", encoding="utf-8") as fh:
        while True:
            block = sample.replace("1131", str(1000 + k % 997)) + "\n\n"
            if size + len(block.encode("utf-8")) > target:
                break
            fh.write(block)
            size += len(block.encode("utf-8"))
            k += 1
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--formats", default="tmx,csv")
    ap.add_argument("--model", default=str(FIXTURE))
    ap.add_argument("--align-sentences", type=int, default=20000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "long.txt"
        t0 = time.perf_counter()
        size = make_article(article, args.mb)
        print(f"article: {size / 1e6:.1f} MB ({time.perf_counter() - t0:.1f} s to write)")
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        for name, cmd in (
            ("translate check --format tsv", [sys.executable, "-m", "translate.cli", "check", str(article),
                                              "--format", "tsv"]),
            (f"translate article --format {args.formats}",
             [sys.executable, "-m", "translate.cli", "article", str(article), "-m", args.model, "-o",
              str(Path(tmp) / "out"), "--format", args.formats]),
        ):
            seconds, rss = run_child(cmd, env)
            print(f"{name:<40} {seconds:7.1f} s  peak RSS {rss:6.0f} MB")
        out = Path(tmp) / "out"
        print("written:", ", ".join(f"{p.name} {p.stat().st_size / 1e6:.0f} MB" for p in sorted(out.iterdir())))
        dev = ROOT.parent / "shared" / "dev"
        if args.align_sentences and (dev / "newstest2021.de-en.de").is_file():
            book = {}
            for part in ("de", "en", "mt.en"):
                lines = (dev / f"newstest2021.de-en.{part}").read_text(encoding="utf-8").splitlines()
                book[part] = Path(tmp) / f"book.{part}.txt"
                book[part].write_text("\n".join((lines * (args.align_sentences // len(lines) + 1))
                                                [:args.align_sentences]) + "\n", encoding="utf-8")
            align = [sys.executable, "-m", "translate.cli", "align", str(book["de"]), str(book["en"]),
                     "--presegmented", "-o", str(Path(tmp) / "aligned"), "--format", "tmx"]
            for how, extra in (("anchors", ["--no-mt", "--similarity", "anchors"]),
                               ("MT file", ["--mt-file", str(book["mt.en"])])):
                seconds, rss = run_child(align + extra, env)
                name = f"translate align, {how} ({args.align_sentences:,} a side)"
                print(f"{name:<40} {seconds:7.1f} s  peak RSS {rss:6.0f} MB")


if __name__ == "__main__":
    main()
