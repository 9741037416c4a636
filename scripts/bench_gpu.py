"""Where the time of `translate batch` goes on a GPU, and which settings serve it best.

On a GPU raw CTranslate2 translates news sentences some fifty times faster than on two cores,
so what costs nothing on the CPU (reading, segmenting, flagging, writing, the program's start
and the model's load) can hold the GPU back. This benchmark times, on the same N sentences
(articles of 25 sentences as ``bench_batch.py`` writes them), with the model of the real
package's size:

* raw CTranslate2 ``translate_batch`` on pre-encoded pieces, several configurations (replicas,
  batch type and size), the model loaded beforehand;
* the product's batch job in this process (``translate.batch.Job`` with an engine loaded
  beforehand), under the same configurations and chunk sizes: the pipeline alone; at the
  defaults also with the documents prepared in a thread instead of worker processes, and
  writing JSONL alone (the writers' share);
* ``translate batch`` as a user runs it (a fresh process: start, model load, job), and the same
  on one short article (the start and load alone);
* short articles translated one call each, spread over the replicas as ``translate article``
  does, against batches of the settings' size.

One run each (device time is short); the figures are sentences per second.

    python scripts/bench_gpu.py [--model PATH] [--news FILE] [--sentences 10000] [--device cuda]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_common import child_env, run_child, speed_parser, speed_setup, write_articles  # noqa: E402

#: (replicas, batch type, batch size) tried raw and in the job
CONFIGS = {
    4: [(1, "examples", 128), (2, "examples", 128), (2, "examples", 256), (2, "tokens", 8192),
        (4, "examples", 128)],
    1: [(2, "examples", 256), (2, "examples", 512), (4, "examples", 512)],
}


def main() -> None:
    ap = speed_parser(__doc__)
    ap.set_defaults(sentences=10000, device="cuda", runs=1)
    ap.add_argument("--chunks", default="512,2048", help="the job's --chunk values to try")
    args = ap.parse_args()

    import ctranslate2

    from translate.batch import BatchOptions, Job, LocalBackend
    from translate.translator import Engine, settings_for

    setup = speed_setup(args)
    pkg, sentences, tokens = setup.package, setup.sentences, setup.tokens
    base = setup.engine.settings
    setup.engine = None
    configs = CONFIGS.get(args.beam_size, CONFIGS[4])
    chunks = [int(c) for c in args.chunks.split(",")]
    print(f"{len(sentences)} news sentences, model {pkg.name}, beam {args.beam_size}, {args.device} "
          f"({base.compute_type}), {setup.cores} cores; product defaults: {base.inter_threads} replicas, "
          f"{base.batch_type} {base.max_batch_size}")

    def rate(seconds: float) -> str:
        return f"{len(sentences) / seconds:8.1f} sent/s  ({seconds:6.2f} s)"

    raw: dict[tuple[int, str, int], float] = {}
    for replicas, bt, bs in configs:
        tr = ctranslate2.Translator(str(pkg.model_dir), device=args.device, compute_type=base.compute_type,
                                    inter_threads=replicas, intra_threads=1)
        kw = dict(max_batch_size=bs, batch_type=bt, beam_size=args.beam_size, length_penalty=0.2,
                  max_decoding_length=256, replace_unknowns=True, return_scores=True)
        tr.translate_batch(tokens[:256], **kw)  # warm up
        t0 = time.perf_counter()
        tr.translate_batch(tokens, **kw)
        raw[(replicas, bt, bs)] = time.perf_counter() - t0
        print(f"raw      {replicas} x {bt:8} {bs:5}              {rate(raw[(replicas, bt, bs)])}", flush=True)
        del tr

    # a single article, as `translate article` cuts it (spread over the replicas) or not
    from bench_translate import short_articles

    short_articles(Engine(pkg, base), sentences, [10, 25, 40, 100])

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        write_articles(sentences, src, 25)
        job_secs: list[float] = []
        default = (base.inter_threads, base.batch_type, base.max_batch_size)
        full = BatchOptions().formats
        # (configuration, chunk, preparing processes (None: the product's choice), formats): the
        # product's defaults first, with each chunk size, then preparing in a thread, writing JSONL
        # alone (the writers' share), then the other configurations
        plan = ([(default, c, None, full) for c in chunks] + [(default, chunks[0], 0, full),
                                                              (default, chunks[0], None, ("jsonl",))]
                + [(c, chunks[0], None, full) for c in configs if c != default])
        engines: dict[tuple[int, str, int], Engine] = {}
        for k, (config, chunk, processes, formats) in enumerate(plan):
            replicas, bt, bs = config
            if config not in engines:
                engines.clear()
                settings = settings_for(args.device, None, args.beam_size, workers=replicas, threads=1)
                engines[config] = Engine(pkg, replace(settings, batch_type=bt, max_batch_size=bs))
                engines[config].translate(sentences[:64])  # warm up
            backend = LocalBackend(engines[config], replicas, device=args.device)
            options = BatchOptions(chunk_sentences=chunk, prepare_processes=processes, formats=formats)
            job = Job(src, Path(tmp) / f"job-{k}", backend, options, created="2026-01-01")
            t0 = time.perf_counter()
            job.run()
            secs = time.perf_counter() - t0
            backend.close()
            job_secs.append(secs)
            vs = f"{raw[config] / secs:4.2f} of raw" if config in raw else ""
            how = (f"chunk {chunk:5}, prepared in {job._prepare_processes() or 'a thread'}"
                   + ("" if formats == full else f", {','.join(formats)} alone"))
            print(f"job      {replicas} x {bt:8} {bs:5}  {how:38} {rate(secs)}  {vs}", flush=True)
            if k == len(chunks) - 1:
                cli_figures(args, sentences, src, Path(tmp), min(raw.values()), rate)
        engines.clear()
        print(f"best raw {rate(min(raw.values()))}; the job's best {rate(min(job_secs))}, "
              f"median {rate(statistics.median(job_secs))}")

def cli_figures(args: Any, sentences: list[str], src: Path, tmp: Path, best: float, rate: Any) -> None:
    """``translate batch`` as a user runs it: on all the articles, and on one (start and load)."""
    env = child_env(tmp / "cache")
    one = tmp / "one"
    write_articles(sentences[:25], one, 25)
    cli = [sys.executable, "-m", "translate.cli", "batch", "-m", args.model, "--progress", "none",
           "--device", args.device, "--beam-size", str(args.beam_size)]
    run_child([*cli, str(one), "-o", str(tmp / "unpack")], env)  # unpacks the package: not counted
    start, rss_one = run_child([*cli, str(one), "-o", str(tmp / "one-out")], env)
    whole, rss = run_child([*cli, str(src), "-o", str(tmp / "cli-out")], env)
    print(f"translate batch, a fresh process, 25 sentences: {start:.2f} s (start and load), {rss_one:.0f} MB")
    print(f"translate batch, a fresh process, all:  {rate(whole)}  {best / whole:4.2f} of raw's best, "
          f"{best / (whole - start):4.2f} without the start; {rss:.0f} MB", flush=True)

if __name__ == "__main__":
    main()
