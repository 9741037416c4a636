#!/usr/bin/env bash
# GPU figures for the README (issue #18) on a lent GPU machine: CUDA 13 image, Python 3.12, no
# network. A device call carries at most 64 MiB, and the CTranslate2 wheel (43 MB) and the speed
# model (57 MB) do not fit together, so the work takes two calls on a warm machine (it stays
# warm about 30 s after a call; what the first call installs under .device/ stays until then).
#
#   here, once:        bash scripts/device_gpu.sh prepare      (needs ../shared and the registry)
#   device call 1:     bash scripts/device_gpu.sh setup        carry [".device/wheels"]
#   device call 2:     bash scripts/device_gpu.sh bench        carry [".device/bench"]   (at once)
#               or:    bash scripts/device_gpu.sh tune         carry [".device/bench"]
#
# setup installs the wheels the image lacks, checks that CTranslate2 sees the GPU and can open
# cuBLAS, and translates the sample article with the fixture on the GPU and on the CPU. The
# wheels open CUDA 12's cuBLAS (libcublas.so.12), which the image lacks; for a measurement only,
# setup offers CUDA 13's under that name and says so (whether that works is what it finds out).
# bench runs scripts/bench_batch.py on the GPU (raw CTranslate2 at its best configuration
# against `translate batch`, 10,000 distinct news sentences) and --beam-size 1; tune runs
# scripts/bench_gpu.py (raw configurations, short articles spread or not, the job in-process
# under each, the CLI's start and whole run). Results go to $OUT (the device tool brings them
# back) and to standard output.
#
# PY, SITE, DEVICE and SENTENCES override the device's python3, the install folder, cuda and
# 10000 (to try the plumbing on a machine without a GPU: DEVICE=cpu SENTENCES=50 PY=.venv/bin/python
# SITE=<a site-packages with ctranslate2> bash scripts/device_gpu.sh check|bench|tune).
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=.device
PY=${PY:-python3}
SITE=${SITE:-$PWD/$DEV/site}
DEVICE=${DEVICE:-cuda}
SENTENCES=${SENTENCES:-10000}
COMPAT=$PWD/$DEV/cuda12
OUT=${OUT:-$PWD/$DEV/out}
FIXTURE=tests/fixtures/translate-de_en-fixture-1_0.argosmodel

device_env() {
  export PYTHONPATH=$SITE:$PWD PYTHONUNBUFFERED=1
  export LD_LIBRARY_PATH=$COMPAT${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
}

case "${1:-}" in
prepare)
  python=${PYTHON:-.venv/bin/python}
  ct2=$($python -c "import ctranslate2; print(ctranslate2.__version__)")
  rm -rf "$DEV/wheels" "$DEV/bench" && mkdir -p "$DEV/wheels" "$DEV/bench"
  # the product's runtime dependencies that the image does not hold (typer, rich, lxml, numpy,
  # sentencepiece, filelock and markdown-it-py are there), for its Python 3.12
  $python -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 \
    --platform manylinux_2_28_x86_64 -d "$DEV/wheels" \
    "ctranslate2==$ct2" nltk py3langid xlsxwriter python-docx defusedxml
  $python -m pip download -q --no-deps --no-binary=:all: -d "$DEV/wheels" odfpy
  cp ../shared/speed/translate-de_en-twin-1_0.argosmodel "$DEV/bench/"
  # distinct German sentences of ../shared/dev, cut by the product's segmenter
  $python - "$DEV/bench/news.de" <<'EOF'
import random
import sys
from pathlib import Path

from translate.segment import segmenter

dev = Path("../shared/dev")
files = [dev / "newstest2021.de-en.de", dev / "newstest2021.en-de.ref.de", *sorted((dev / "mt").glob("*.de"))]
seen: dict[str, None] = {}
for f in files:
    for line in f.read_text(encoding="utf-8").splitlines():
        for s, e in segmenter("de").split(line.strip()):
            if 20 <= e - s <= 400:
                seen.setdefault(line.strip()[s:e])
sentences = list(seen)
random.Random(18).shuffle(sentences)
Path(sys.argv[1]).write_text("\n".join(sentences[:10000]) + "\n", encoding="utf-8")
print(f"{min(len(sentences), 10000)} of {len(sentences)} distinct sentences")
EOF
  du -sh "$DEV/wheels" "$DEV/bench"
  ;;
setup)
  "$PY" -m pip install -q --no-deps --no-index --no-build-isolation --target "$SITE" "$DEV"/wheels/* 2>&1 | tail -3
  exec bash "$0" check
  ;;
check)
  mkdir -p "$OUT"
  device_env
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
  mkdir -p "$COMPAT"
  if ! "$PY" -c "import ctypes; ctypes.CDLL('libcublas.so.12')" 2>/dev/null; then
    lib=$(find /opt /usr /usr/local -name 'libcublas.so.13*' 2>/dev/null | sort | head -1 || true)
    if [ -n "$lib" ]; then
      ln -sf "$lib" "$COMPAT/libcublas.so.12"
      # cuBLAS 13 needs its cublasLt 13 beside it; the links' folder is the one on the search path
      for lt in "$(dirname "$lib")"/libcublasLt.so.13*; do
        [ -e "$lt" ] && ln -sf "$lt" "$COMPAT/libcublasLt.so.13" && ln -sf "$lt" "$COMPAT/libcublasLt.so.12"
      done
      ls -l "$COMPAT"
      echo "no libcublas.so.12 here: offering $lib under that name (a measurement only)"
    else
      echo "no cuBLAS at all here"
    fi
  fi
  "$PY" -c "import ctypes; ctypes.CDLL('libcublas.so.12'); print('libcublas.so.12 opens')" || true
  "$PY" -c "import ctranslate2 as c; print('ctranslate2', c.__version__, 'GPUs', c.get_cuda_device_count())"
  for device in "$DEVICE" cpu; do
    "$PY" -m translate.cli article corpora/huawei-att.de.txt -m "$FIXTURE" --device "$device" \
      --format csv --created 2026-01-01 -o "$OUT/fixture-$device" --force
  done
  "$PY" - "$OUT" "$DEVICE" <<'EOF'
import csv
import sys
from pathlib import Path

rows = {d: list(csv.DictReader((Path(sys.argv[1]) / f"fixture-{d}" / "huawei-att.csv").open(encoding="utf-8")))
        for d in (sys.argv[2], "cpu")}
same = sum(a["en"] == b["en"] for a, b in zip(rows[sys.argv[2]], rows["cpu"], strict=True))
print(f"fixture on {sys.argv[2]} and on the CPU: {same} of {len(rows['cpu'])} translations the same")
EOF
  ;;
bench|tune)
  [ -d "$SITE/ctranslate2" ] || { echo "run setup first, on the same warm machine"; exit 2; }
  mkdir -p "$OUT"
  device_env
  common=(--model "$DEV/bench/translate-de_en-twin-1_0.argosmodel" --news "$DEV/bench/news.de"
          --sentences "$SENTENCES" --device "$DEVICE")
  if [ "$1" = bench ]; then  # translate batch with its GPU default of four replicas
    "$PY" scripts/bench_batch.py "${common[@]}" --workers 4 --runs 3 2>&1 | tee "$OUT/bench_batch_$DEVICE.txt"
    "$PY" scripts/bench_batch.py "${common[@]}" --workers 4 --runs 1 --beam-size 1 2>&1 \
      | tee "$OUT/bench_batch_${DEVICE}_beam1.txt"
  else
    "$PY" scripts/bench_gpu.py "${common[@]}" 2>&1 | tee "$OUT/bench_gpu_$DEVICE.txt"
    "$PY" scripts/bench_gpu.py "${common[@]}" --beam-size 1 --chunks 512 2>&1 | tee "$OUT/bench_gpu_${DEVICE}_beam1.txt"
  fi
  ;;
*)
  sed -n '2,24p' "$0"
  exit 2
  ;;
esac
