"""Shared pieces of the speed benchmarks (bench_translate.py, bench_batch.py).

They measure with a model of the real German→English package's size: by default
``../shared/speed/translate-de_en-twin-1_0.argosmodel`` (57 MB, 6+6 layers, d_model 512, int8;
it copies its input, so its output lengths and decoding cost are realistic, its text is not a
translation), on news sentences from ``../shared/dev/newstest2021.de-en.de``. Every figure is
three runs, reported as min and median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SPEED_MODEL = SHARED / "speed" / "translate-de_en-twin-1_0.argosmodel"
NEWS = SHARED / "dev" / "newstest2021.de-en.de"


def news_sentences(n: int, path: Path = NEWS) -> list[str]:
    if not path.is_file():
        sys.exit(f"{path}: not found (the benchmarks read ../shared/dev; pass --news FILE)")
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines[:n]


def speed_parser(doc: str | None) -> argparse.ArgumentParser:
    """The options every speed benchmark takes: the model, the sentences, beam, device, runs."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(SPEED_MODEL))
    ap.add_argument("--sentences", type=int, default=1000)
    ap.add_argument("--news", type=Path, default=NEWS, help="German sentences, one a line")
    ap.add_argument("--beam-size", type=int, default=4)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--runs", type=int, default=3)
    return ap


@dataclass
class SpeedSetup:
    """The package, the sentences and their SentencePiece pieces, the engine that encoded them."""

    package: Any
    sentences: list[str]
    tokens: list[list[str]]
    engine: Any  # a translate.translator.Engine; None once let go
    cores: int


def speed_setup(args: argparse.Namespace) -> SpeedSetup:
    """Open the model of :func:`speed_parser`'s options and encode the sentences with it."""
    from translate.package import open_package
    from translate.translator import Engine, settings_for

    pkg = open_package(args.model)
    sentences = news_sentences(args.sentences, args.news)
    engine = Engine(pkg, settings_for(args.device, None, args.beam_size))
    return SpeedSetup(pkg, sentences, [engine.encode(s) for s in sentences], engine, len(os.sched_getaffinity(0)))


def write_articles(sentences: Sequence[str], folder: Path, per_article: int, per_paragraph: int = 5) -> list[Path]:
    """Articles of ``per_article`` sentences, paragraphs of ``per_paragraph`` lines (one a line)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(0, len(sentences), per_article):
        part = sentences[k:k + per_article]
        paras = ["\n".join(part[i:i + per_paragraph]) for i in range(0, len(part), per_paragraph)]
        path = folder / f"article-{k // per_article:04d}.txt"
        path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Figure:
    name: str
    sentences: int
    seconds: list[float]
    out_tokens: int = 0
    rss_mb: float = 0.0

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def rate(self, median: bool = False) -> float:
        return self.sentences / (self.median if median else self.best)

    def row(self) -> str:
        tok = f"{self.out_tokens / self.best:9.0f}" if self.out_tokens else f"{'':>9}"
        rss = f"{self.rss_mb:7.0f} MB" if self.rss_mb else f"{'':>10}"
        return (f"{self.name:<44} {self.rate():8.1f} {self.rate(True):8.1f} {tok} {rss}")


HEADER = f"{'path':<44} {'sent/s':>8} {'median':>8} {'tok/s':>9} {'peak RSS':>10}\n" + \
    f"{'':<44} {'(best)':>8} {'':>8} {'(best)':>9}"


def timed(fn: Callable[[], object], runs: int = 3) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


#: runs a command and prints its wall time and peak RSS (KiB) on its last stderr line. The child is
#: forked from this small process, not from the benchmark: a child forked from the benchmark
#: counts the benchmark's resident pages (a loaded model, a gigabyte of decoding buffers) in its
#: ru_maxrss until it execs, which made `translate batch` look 1.4 GB instead of 0.8 GB.
_SPAWN = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
          "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL); "
          "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
          "sys.exit(code)")


def child_env(cache: Path) -> dict[str, str]:
    """The environment of a timed child: its own package cache, and bytecode written on the
    first (uncounted) run and read after it, as an installed package has it. Hosts that set
    PYTHONDONTWRITEBYTECODE would otherwise make every run compile the product's modules
    again (about 45 ms a start on this machine)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process; exits on failure."""
    proc = subprocess.run([sys.executable, "-c", _SPAWN, *cmd], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=env, check=False)
    err = proc.stderr.decode(errors="replace").strip().splitlines()
    if proc.returncode not in (0, 3) or not err:
        sys.exit(f"{' '.join(cmd[:4])} failed ({proc.returncode}): {chr(10).join(err)}")
    seconds, rss = err[-1].split()
    return float(seconds), int(rss) / 1024


def raw_configurations(cores: int, device: str = "cpu") -> list[tuple[int, int, str, int]]:
    """(inter_threads, intra_threads, batch_type, max_batch_size) to try for raw CTranslate2: on
    the CPU replicas × threads for the cores and batches of 8 to 64 sentences or 512 to 4,096
    tokens; on a GPU one or two replicas (each a CUDA stream) and larger batches."""
    if device == "cuda":
        batches = [("examples", 64), ("examples", 128), ("examples", 256),
                   ("tokens", 2048), ("tokens", 4096), ("tokens", 8192), ("tokens", 16384)]
        return [(i, 1, bt, bs) for i in (1, 2) for bt, bs in batches]
    splits = sorted({(cores, 1), (1, cores)} | ({(cores // 2, 2)} if cores >= 4 else set()))
    batches = [("examples", 8), ("examples", 16), ("examples", 32), ("examples", 64),
               ("tokens", 512), ("tokens", 1024), ("tokens", 2048), ("tokens", 4096)]
    return [(i, t, bt, bs) for i, t in splits for bt, bs in batches]


def best_raw(model_dir: Path, tokens: list[list[str]], beam_size: int, probe: int = 250,
             device: str = "cpu", compute_type: str = "default", finalists: int = 3,
             ) -> tuple[tuple[int, int, str, int], list[tuple[tuple[int, int, str, int], float]],
                        list[tuple[tuple[int, int, str, int], float]]]:
    """Search raw CTranslate2's configurations on the first ``probe`` sentences (one run each),
    then time the ``finalists`` fastest once on all the sentences and keep the fastest there: a
    probe ranks configurations within a few per cent of each other by chance (one run chose
    512-token batches that were slower on the whole set than batches of 32 sentences).
    ``compute_type`` as the product uses it on that device (``int8_float16`` on a GPU).
    Returns the configuration, the probe's rates and the finalists' rates on all sentences."""
    import ctranslate2

    def rate(config: tuple[int, int, str, int], sample: list[list[str]]) -> float:
        inter, intra, bt, bs = config
        tr = ctranslate2.Translator(str(model_dir), device=device, inter_threads=inter, intra_threads=intra,
                                    compute_type=compute_type)
        t0 = time.perf_counter()
        tr.translate_batch(sample, max_batch_size=bs, batch_type=bt, beam_size=beam_size, length_penalty=0.2,
                           max_decoding_length=256, replace_unknowns=True, return_scores=True)
        return len(sample) / (time.perf_counter() - t0)

    cores = len(os.sched_getaffinity(0))
    tried = [(config, rate(config, tokens[:probe])) for config in raw_configurations(cores, device)]
    ranked = sorted(tried, key=lambda x: -x[1])[:max(1, finalists)]
    finals = [(config, rate(config, tokens)) for config, _ in ranked] if len(tokens) > probe else ranked
    return max(finals, key=lambda x: x[1])[0], tried, finals


def raw_figure(model_dir: Path, tokens: list[list[str]], config: tuple[int, int, str, int], beam_size: int,
               runs: int = 3, device: str = "cpu", compute_type: str = "default") -> Figure:
    import ctranslate2

    inter, intra, bt, bs = config
    tr = ctranslate2.Translator(str(model_dir), device=device, inter_threads=inter, intra_threads=intra,
                                compute_type=compute_type)
    out: list = []

    def go() -> None:
        out[:] = tr.translate_batch(tokens, max_batch_size=bs, batch_type=bt, beam_size=beam_size,
                                    length_penalty=0.2, max_decoding_length=256, replace_unknowns=True,
                                    return_scores=True)

    seconds = timed(go, runs)
    return Figure(f"raw CTranslate2 ({inter}x{intra} threads, {bt} {bs})", len(tokens), seconds,
                  sum(len(r.hypotheses[0]) for r in out))


#: raw CTranslate2 in a fresh process: load the model, time one translate_batch over the
#: sentences (a JSON file of token lists); prints the seconds
_RAW_CHILD = ("import json, sys, time, ctranslate2; "
              "model, tokens, inter, intra, bt, bs, beam, device, ct = sys.argv[1:]; "
              "tokens = json.load(open(tokens)); "
              "tr = ctranslate2.Translator(model, device=device, inter_threads=int(inter), intra_threads=int(intra), "
              "compute_type=ct); t = time.perf_counter(); "
              "tr.translate_batch(tokens, max_batch_size=int(bs), batch_type=bt, beam_size=int(beam), "
              "length_penalty=0.2, max_decoding_length=256, replace_unknowns=True, return_scores=True); "
              "print(time.perf_counter() - t)")


def raw_fresh_seconds(model_dir: Path, tokens_file: Path, config: tuple[int, int, str, int], beam_size: int,
                      device: str = "cpu", compute_type: str = "default") -> float:
    """Raw CTranslate2's first call in a fresh process, as a user's run of it would be (the
    model's load not counted). A process that has translated before tends to run its next calls
    faster than a fresh process its first (1,000 news sentences: 16.12 s then 15.81, 16.13 then
    15.71; across four benchmark runs from 1 % slower to 7 % faster), partly because the C library
    then reuses memory it kept (a third fewer page faults)."""
    inter, intra, bt, bs = config
    proc = subprocess.run([sys.executable, "-c", _RAW_CHILD, str(model_dir), str(tokens_file), str(inter), str(intra),
                           bt, str(bs), str(beam_size), device, compute_type],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"raw CTranslate2 in a child failed: {proc.stderr.strip().splitlines()[-1:]}")
    return float(proc.stdout.split()[-1])


def argos_figure(model_dir: Path, paragraphs: list[list[list[str]]], beam_size: int, runs: int = 3) -> Figure:
    """argostranslate 1.11's calling pattern: one Translator with inter_threads 1 and all cores to
    one call (its defaults), one translate_batch call per paragraph, batches of 32 examples."""
    import ctranslate2

    tr = ctranslate2.Translator(str(model_dir), device="cpu", inter_threads=1, intra_threads=0)
    n = sum(len(p) for p in paragraphs)

    def go() -> None:
        for para in paragraphs:
            tr.translate_batch(para, replace_unknowns=True, max_batch_size=32, beam_size=beam_size,
                               num_hypotheses=1, length_penalty=0.2, return_scores=True)

    return Figure("argostranslate pattern (a call per paragraph)", n, timed(go, runs))
