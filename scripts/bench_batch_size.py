#!/usr/bin/env python3
"""Which batch size is fastest for raw CTranslate2 on this CPU (the product's default:
``translate.translator.cpu_batch_size``), per GEMM backend.

CTranslate2 runs its int8 matrix products with Intel MKL on Intel CPUs and with oneDNN (DNNL)
on the others (its ``CT2_USE_MKL`` default: ``cpu_is_genuine_intel()``). This times raw
CTranslate2 (one replica per core, one thread each, as the product runs it) on N news
sentences with batches of each size, the sizes interleaved run by run so that the host's load
weighs on all alike, in one child process per backend (``CT2_USE_MKL=1`` and ``=0``: the
variable is read once per process). On an AMD CPU only the default backend runs (MKL is
Intel's; CTranslate2's wheel then uses oneDNN either way).

    python scripts/bench_batch_size.py [--model PATH] [--sentences 1000] [--sizes 8,16,24,32,48] [--runs 3]
                                       [--backend both|mkl|onednn]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_common import speed_parser, speed_setup  # noqa: E402

from translate.translator import cpu_batch_size, cpu_flags  # noqa: E402

#: one backend's runs in a child: the model, the token lists (a JSON file), the sizes, runs,
#: beam, replicas; prints {size: [seconds, ...]} as JSON
_CHILD = """
import json, sys, time, ctranslate2
model, tokens, sizes, runs, beam, inter = sys.argv[1:]
tokens = json.load(open(tokens))
tr = ctranslate2.Translator(model, device="cpu", inter_threads=int(inter), intra_threads=1)
sizes = [int(s) for s in sizes.split(",")]
out = {s: [] for s in sizes}
tr.translate_batch(tokens[:64], max_batch_size=16, beam_size=int(beam))  # warm up, not counted
for _ in range(int(runs)):
    for s in sizes:
        t = time.perf_counter()
        tr.translate_batch(tokens, max_batch_size=s, batch_type="examples", beam_size=int(beam),
                           length_penalty=0.2, max_decoding_length=256, replace_unknowns=True,
                           return_scores=True)
        out[s].append(time.perf_counter() - t)
print(json.dumps(out))
"""


def cpu_vendor() -> str:
    for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
        if line.startswith("vendor_id"):
            return line.split(":", 1)[1].strip()
    return ""


def main() -> None:
    ap = speed_parser(__doc__)
    ap.add_argument("--sizes", default="8,16,24,32,48")
    ap.add_argument("--backend", choices=["both", "mkl", "onednn"], default="both", help="on an Intel CPU")
    args = ap.parse_args()
    setup = speed_setup(args)
    setup.engine = None
    n = len(setup.sentences)
    vendor = cpu_vendor()
    backends = {"MKL": "1", "oneDNN": "0"} if vendor == "GenuineIntel" else {"default (oneDNN)": ""}
    if vendor == "GenuineIntel" and args.backend != "both":
        backends = {k: v for k, v in backends.items() if k.lower() == args.backend}
    print(f"{n} news sentences, beam {args.beam_size}, {setup.cores} replicas of one thread, CPU {vendor or '?'} "
          f"({'with' if 'amx_int8' in cpu_flags() else 'without'} AMX), "
          f"the product's batch size here: {cpu_batch_size(args.beam_size)}")
    with tempfile.TemporaryDirectory() as tmp:
        tokens_file = Path(tmp) / "tokens.json"
        tokens_file.write_text(json.dumps(setup.tokens), encoding="utf-8")
        for name, flag in backends.items():
            env = {**os.environ}
            if flag:
                env["CT2_USE_MKL"] = flag
            proc = subprocess.run([sys.executable, "-c", _CHILD, str(setup.package.model_dir), str(tokens_file),
                                   args.sizes, str(args.runs), str(args.beam_size), str(setup.cores)],
                                  capture_output=True, text=True, env=env, check=False)
            if proc.returncode != 0:
                print(f"{name}: failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            seconds = json.loads(proc.stdout)
            best = max(n / min(s) for s in seconds.values())
            print(f"\n{name}: sentences/s by batch size (best, median of {args.runs}; best as a share of the fastest)")
            for size, secs in seconds.items():
                rate = n / min(secs)
                print(f"  {int(size):4d}: {rate:6.1f} {n / statistics.median(secs):6.1f}   {rate / best:5.2f}")


if __name__ == "__main__":
    main()
