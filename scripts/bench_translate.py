#!/usr/bin/env python3
"""Translation throughput: the engine vs one raw CTranslate2 `translate_batch` call.

Runs on the fixture package by default (sentences: the sample article's, repeated to fill
the batch), or on any package with --model. Both paths use the same beam size and batch
settings, so the difference is the engine's own overhead (tokenising, deduplication,
confidence). Also times argostranslate's calling pattern (one call per paragraph).

    python scripts/bench_translate.py [--model PATH] [--repeat 40] [--beam-size 4]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(ROOT / "tests/fixtures/translate-de_en-fixture-1_0.argosmodel"))
    ap.add_argument("--repeat", type=int, default=40, help="copies of the sample's sentences")
    ap.add_argument("--beam-size", type=int, default=4)
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args()

    from translate.package import open_package
    from translate.pipeline import segment_source
    from translate.read import read_document
    from translate.translator import Engine, Settings

    pkg = open_package(args.model)
    engine = Engine(pkg, Settings(beam_size=args.beam_size, device=args.device))
    records = segment_source(read_document(ROOT / "corpora" / "huawei-att.de.txt"))
    base = [r.source for r in records]
    # distinct sentences, so that deduplication does not flatter the engine
    sentences = [f"{s[:-1]} {i}{s[-1]}" if s[-1] in ".!?" else f"{s} {i}"
                 for i in range(args.repeat) for s in base]
    s = engine.settings
    tokens = [engine.encode(x) for x in sentences]
    ct2 = engine._ct2  # the same loaded model: compare call patterns, not loads

    def raw() -> None:
        ct2.translate_batch(tokens, max_batch_size=s.max_batch_tokens, batch_type="tokens",
                            beam_size=s.beam_size, length_penalty=s.length_penalty,
                            max_decoding_length=s.max_decoding_length, replace_unknowns=True,
                            return_scores=True)

    def ours() -> None:
        engine.translate(sentences)

    chunks: dict[tuple[int, int], list[list[str]]] = {}
    for i, toks in enumerate(tokens):  # one chunk per paragraph of each copy of the article
        chunks.setdefault((i // len(base), records[i % len(base)].paragraph), []).append(toks)

    def argos_pattern() -> None:  # argostranslate: one translate_batch call per paragraph
        for chunk in chunks.values():
            ct2.translate_batch(chunk, beam_size=s.beam_size, length_penalty=s.length_penalty,
                                replace_unknowns=True, return_scores=True, max_batch_size=32,
                                batch_type="tokens")

    raw()  # warm up
    print(f"{len(sentences)} sentences, model {pkg.name}, beam {s.beam_size}, device {args.device}")
    print(f"{'path':<36} {'seconds':>8} {'sent/s':>9}")
    for name, fn in (("raw CTranslate2, one call", raw), ("translate engine", ours),
                     ("argostranslate pattern (per para)", argos_pattern)):
        best = min(_time(fn) for _ in range(3))
        print(f"{name:<36} {best:8.3f} {len(sentences) / best:9.0f}")


def _time(fn) -> float:  # noqa: ANN001
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
