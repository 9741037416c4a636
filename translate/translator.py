"""Run an Argos package with CTranslate2 and SentencePiece directly (no argostranslate).

Exactly what argostranslate does with a package, minus its network access and its per-paragraph
calls: SentencePiece pieces in (no source EOS), ``translate_batch`` with beam search and
``replace_unknowns``, pieces decoded back to text. All sentences given to :meth:`Engine.translate`
go to CTranslate2 in one call (CTranslate2 re-batches them by length internally), so callers
should pass a whole document, or many documents, at once.

Confidence
----------
CTranslate2 returns, for the best hypothesis, ``score = sum(log p) / (T ** length_penalty)``
where T is the number of generated tokens including the end token. The engine undoes the
length penalty and reports the *geometric mean token probability*::

    confidence = exp(sum(log p) / T)        # in (0, 1]; 1.0 = every token certain

It does not depend on the length penalty chosen for the search, is comparable between short
and long sentences, and is cheap (no second scoring pass). Below ~0.5 the model was guessing.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from translate import __version__
from translate.errors import ModelError
from translate.package import ArgosPackage
from translate.provenance import Provenance, parse_created
from translate.segment import rules_version

DEVICES = ("auto", "cpu", "cuda")


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a translation and how fast it runs; the first group is recorded in
    every output as its signature.

    The CPU defaults are measured (``scripts/bench_translate.py``, a model of the real package's
    size on two cores): batches of 32 sentences (fewer at beam 4 on CPUs with AMX:
    :func:`cpu_batch_size`), one CTranslate2 replica per core with one thread each
    (``inter_threads`` = cores), the package's own weights (Argos packages are saved in int8).
    A call's sentences are sorted by length before CTranslate2 cuts its batches.
    """

    beam_size: int = 4
    length_penalty: float = 0.2  # argostranslate's value
    max_decoding_length: int = 256
    device: str = "cpu"
    compute_type: str = "default"  # the package's own type (int8 for Argos packages)
    max_batch_size: int = 32
    batch_type: str = "examples"  # or "tokens"
    intra_threads: int = 1  # threads per replica (0: all cores)
    inter_threads: int = 0  # replicas translating batches in parallel (0: one per core)

    def signature(self) -> str:
        sig = (f"beam={self.beam_size}|lp={self.length_penalty}|"
               f"maxlen={self.max_decoding_length}|compute={self.compute_type}")
        return sig if self.device == "cpu" else f"{sig}|device={self.device}"


def cuda_devices() -> int:
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except (RuntimeError, OSError):  # no CUDA runtime at all
        return 0


#: the cuBLAS library CTranslate2's Linux wheels open at their first translation on a GPU: they are
#: built for CUDA 12 (tests/test_article.py checks that the installed CTranslate2 names it). A
#: machine with only CUDA 13's libraries sees its GPU and then fails at the first sentence.
CUBLAS = "libcublas.so.12"


def _library_loads(name: str) -> bool:
    """Does the dynamic loader find ``name`` where CTranslate2 would look (the system's paths,
    LD_LIBRARY_PATH, the folder of CTranslate2's own library), or can it be loaded from NVIDIA's
    pip wheel in this environment (:func:`_pip_library`)?"""
    import ctypes
    from pathlib import Path

    import ctranslate2

    bundled = Path(ctranslate2.__file__).resolve().parent.parent / "ctranslate2.libs" / name
    for candidate in (name, str(bundled)):
        try:
            ctypes.CDLL(candidate)
            return True
        except OSError:
            continue
    return _pip_library(name)


def _pip_library(name: str) -> bool:
    """Load ``name`` from NVIDIA's pip wheel (``pip install 'translate-de-en[cuda]'`` installs
    nvidia-cublas-cu12: ``site-packages/nvidia/cublas/lib``) into this process, where no search
    path reaches it. CTranslate2 opens cuBLAS by its soname at its first GPU translation, and the
    dynamic loader then returns the library already loaded under that name: no LD_LIBRARY_PATH
    to set, also on a machine whose system CUDA is another version (CUDA 13's images)."""
    import ctypes
    import sys
    from pathlib import Path

    package = name.split(".so")[0].removeprefix("lib")  # libcublas.so.12 → cublas
    for entry in sys.path:
        lib = Path(entry or ".") / "nvidia" / package / "lib" / name
        if lib.is_file():
            try:
                for dep in sorted(lib.parent.glob(f"lib{package}Lt.so*")):  # what cuBLAS itself needs
                    ctypes.CDLL(str(dep), mode=ctypes.RTLD_GLOBAL)
                ctypes.CDLL(str(lib), mode=ctypes.RTLD_GLOBAL)
                return True
            except OSError:
                continue
    return False


def cuda_problem() -> str | None:
    """Why CTranslate2 cannot translate on a CUDA GPU here (no GPU, or a GPU without the cuBLAS
    library the wheel needs), or None when it can."""
    if cuda_devices() == 0:
        return "CTranslate2 sees no CUDA GPU on this machine"
    if os.name == "posix" and not _library_loads(CUBLAS):
        return f"a CUDA GPU is here, but not {CUBLAS} (CUDA 12's cuBLAS), which CTranslate2 needs to use it"
    return None


def resolve_device(device: str = "auto") -> str:
    """``auto``: CUDA when CTranslate2 can translate on a GPU here, else the CPU. ``cuda`` when it
    cannot is an error."""
    if device not in DEVICES:
        raise ModelError(f"unknown device {device!r}; choose from {', '.join(DEVICES)}")
    if device == "cpu":
        return "cpu"
    problem = cuda_problem()
    if problem is None:
        return "cuda"
    if device == "cuda":
        raise ModelError(f"--device cuda: {problem}",
                         hint="use --device cpu (or auto); on a GPU, CTranslate2's wheels need CUDA 12's cuBLAS: "
                              "pip install nvidia-cublas-cu12 into the same environment")
    return "cpu"


def device_note(device: str = "auto") -> str | None:
    """What to tell a user whose ``auto`` device falls back to the CPU although a GPU is there."""
    if device != "auto" or cuda_devices() == 0:
        return None
    problem = cuda_problem()
    return f"note: {problem}; translating on the CPU" if problem else None


def check_compute_type(device: str, compute_type: str) -> None:
    """A compute type CTranslate2 runs on this device, checked before any work starts (the
    model itself may load in the background)."""
    import ctranslate2

    supported = sorted(ctranslate2.get_supported_compute_types(device))
    if compute_type not in supported:
        raise ModelError(f"--compute-type {compute_type}: not available on {device} here",
                         hint=f"choose from default, auto, {', '.join(supported)}")


#: compute types for a GPU, fastest first: float16 activations need compute capability 7.0 (a
#: Volta); older GPUs (a Pascal, 6.1) run int8 with float32 activations
GPU_COMPUTE_TYPES = ("int8_float16", "int8_float32", "float16", "float32")


def gpu_compute_type() -> str:
    """The first of :data:`GPU_COMPUTE_TYPES` this machine's GPU runs."""
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types("cuda")
    return next((t for t in GPU_COMPUTE_TYPES if t in supported), "default")


def settings_for(device: str = "auto", compute_type: str | None = None, beam_size: int = 4,
                 workers: int = 0, threads: int = 0) -> Settings:
    """Settings for a device, with its defaults: on the CPU as :class:`Settings` says (``workers``
    replicas of ``threads`` threads); on CUDA four replicas (CUDA streams: while one replica's
    batch runs on the GPU, the others' are prepared and read back), float16 activations over int8
    weights (``int8_float16``; ``int8_float32`` on a GPU without float16 arithmetic) and batches
    of 128 sentences (512 at beam 1). Measured on an H200 with a model of the real package's
    size, 10,000 news sentences at beam 4 (``scripts/bench_gpu.py``): raw CTranslate2 ran 708
    sentences/s with one replica of 128-sentence batches, 1,189 with two, 1,577 with four; the
    batch job 511, 888 and 1,074. At beam 1 two replicas of 512-sentence batches ran 2,711
    sentences/s, of 256 1,915."""
    resolved = resolve_device(device)
    if compute_type not in (None, "default", "auto"):
        check_compute_type(resolved, compute_type)
    if resolved == "cuda":
        return Settings(beam_size=beam_size, device="cuda", compute_type=compute_type or gpu_compute_type(),
                        max_batch_size=512 if beam_size == 1 else 128, batch_type="examples",
                        inter_threads=workers or 4, intra_threads=threads or 1)
    cores = available_cores()
    n = workers or cores
    return Settings(beam_size=beam_size, compute_type=compute_type or "default", inter_threads=n,
                    intra_threads=threads or max(1, cores // n), max_batch_size=cpu_batch_size(beam_size))


def cpu_flags() -> set[str]:
    """The CPU's feature flags as Linux lists them (``avx512f``, ``amx_int8``, …); empty where
    they cannot be read."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cpu_batch_size(beam_size: int) -> int:
    """Sentences per CTranslate2 batch on the CPU, as measured with the model of the real
    package's size on two cores (``scripts/bench_batch_size.py``, 1,000 news sentences, raw
    CTranslate2 with one replica per core). On the hosts of sessions 13–25 (AVX-512 or AVX2; an
    AMD EPYC among them, the others' vendor not recorded) batches of 32 sentences were the
    fastest at beam 4. On an Intel Xeon with AMX (Intel's int8 matrix tiles) the fastest batch
    held about 32 hypotheses, whichever GEMM backend CTranslate2 used (Intel MKL, its choice on
    Intel CPUs, or oneDNN): at beam 4 batches of 4, 8, 12, 16 and 32 ran 48.7, 51.9, 47.5, 42.4
    and 36.4 sentences/s with MKL (8 and 16 ahead of 32 by 12 % with oneDNN); at beam 1 batches
    of 8, 16, 32 and 64 ran 108, 136, 134 and 124. So with AMX batches of 32 hypotheses (32
    sentences at beam 1, 8 at beam 4), without it 32 sentences."""
    if "amx_int8" in cpu_flags():
        return max(4, 32 // max(1, beam_size))
    return 32


@dataclass(frozen=True)
class Translation:
    text: str
    confidence: float
    score: float  # CTranslate2's length-penalised log score
    pieces: int = 1  # > 1: the sentence was over the model's length limit and translated in pieces


#: where a sentence too long for the model is cut, tried in this order: after a semicolon, after
#: a comma, around a dash, at any space
_CUTS = (re.compile(r"(?<=;)\s+"), re.compile(r"(?<=,)\s+"), re.compile(r"\s+(?=[–—-]\s)"), re.compile(r"\s+"))


def split_for_length(text: str, count: Callable[[str], int], budget: int, level: int = 0) -> list[str]:
    """Cut ``text`` into pieces of at most ``budget`` tokens (``count`` counts them), at clause
    boundaries where it can (semicolons, then commas, then dashes, then spaces), by characters
    where nothing else is left. Every character but the spaces at the cuts is kept, in order."""
    if count(text) <= budget:
        return [text]
    if level >= len(_CUTS):  # one "word" longer than the budget: cut by characters
        step = max(1, budget // 4)
        return [text[i:i + step] for i in range(0, len(text), step)]
    parts = [p for p in _CUTS[level].split(text) if p]
    if len(parts) == 1:
        return split_for_length(text, count, budget, level + 1)
    pieces: list[str] = []
    current, used = "", 0
    for part in parts:  # pack whole clauses while they fit; token counts add up closely enough
        n = count(part)
        if current and used + n > budget:
            pieces.append(current)
            current, used = "", 0
        current, used = (f"{current} {part}" if current else part), used + n
    pieces.append(current)
    return [q for p in pieces for q in split_for_length(p, count, budget, level + 1)]


def confidence_from_score(score: float, n_tokens: int, length_penalty: float) -> float:
    """Geometric mean token probability from CTranslate2's score (see the module docstring)."""
    t = n_tokens + 1  # the end token counts
    return math.exp(score * (t**length_penalty) / t)


class Engine:
    """A loaded Argos package, ready to translate. Load once, reuse for every document."""

    def __init__(self, package: ArgosPackage, settings: Settings | None = None) -> None:
        """``settings``: by default the CPU's, as the commands run (:func:`settings_for`)."""
        import ctranslate2
        import sentencepiece

        self.package = package
        self.settings = settings or settings_for("cpu")
        s = self.settings
        if s.device == "cpu":
            keep_freed_memory()
        try:
            self._sp = sentencepiece.SentencePieceProcessor(model_file=str(package.tokenizer))
            self._replicas = s.inter_threads or available_cores()
            self._ct2 = ctranslate2.Translator(
                str(package.model_dir), device=s.device, compute_type=s.compute_type,
                intra_threads=s.intra_threads or available_cores(), inter_threads=self._replicas,
            )
        except ValueError as exc:  # a compute type or device this machine does not support
            raise ModelError(f"cannot run the model with --device {s.device} --compute-type {s.compute_type} "
                             f"({str(exc).splitlines()[0]})", hint="try --compute-type default") from None
        except (RuntimeError, OSError) as exc:
            raise ModelError(f"{package.path}: cannot load the model ({str(exc).splitlines()[0]})",
                             hint="reinstall it with `translate models install`") from None
        positions = package.max_positions
        #: the longest input (in tokens) translated whole: within the model's position table and
        #: the decoding limit, with room for a translation longer than its source
        self.max_input_tokens = max(8, min((positions or 1024) - 2, s.max_decoding_length) * 3 // 4)

    def provenance(self, created: str = "", **extra: str) -> Provenance:
        return provenance(self.package, self.settings, created, **extra)

    def encode(self, text: str) -> list[str]:
        return self._sp.encode(text, out_type=str)

    def batch_size(self, n: int) -> int:
        """The batch size for a call of ``n`` inputs: the settings' size, or less when that would
        leave replicas idle. A 25-sentence article cut in batches of 32 runs on one of two
        replicas; cut in two of 13 it runs on both: 1.22–1.26 times as fast for articles of 10 to
        40 news sentences on two cores with the model of the real package's size
        (``scripts/bench_translate.py --short``). Calls of ``replicas × size`` inputs or more are
        cut as before."""
        s = self.settings
        if s.batch_type != "examples":
            return s.max_batch_size
        return max(1, min(s.max_batch_size, -(-n // self._replicas)))

    def translate(self, sentences: list[str], spread: bool = False) -> list[Translation]:
        """Translate sentences in one batched CTranslate2 call; identical inputs run once.
        ``spread``: cut a call too small to fill every replica into smaller batches
        (:meth:`batch_size`), for a document translated alone; a batch job's chunks keep the
        settings' size, so that a resumed job cuts the same batches as an uninterrupted one."""
        if not sentences:
            return []
        unique = list(dict.fromkeys(sentences))
        s = self.settings
        tokens: list[list[str]] = []
        spans: list[tuple[int, int]] = []  # each unique sentence's pieces in ``tokens``
        for text in unique:
            toks = self.encode(text)
            if len(toks) <= self.max_input_tokens:
                pieces = [toks]
            else:
                pieces = [self.encode(p) for p in split_for_length(
                    text, lambda t: len(self.encode(t)), self.max_input_tokens)]
            spans.append((len(tokens), len(tokens) + len(pieces)))
            tokens.extend(pieces)
        try:
            results = self._ct2.translate_batch(
                tokens,
                max_batch_size=self.batch_size(len(tokens)) if spread else s.max_batch_size,
                batch_type=s.batch_type,
                beam_size=s.beam_size,
                length_penalty=s.length_penalty,
                max_decoding_length=s.max_decoding_length,
                replace_unknowns=True,
                return_scores=True,
            )
        except RuntimeError as exc:  # CUDA out of memory, a library missing at the first GPU call, …
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            hint = "run it again with --device cpu" if s.device == "cuda" else "check the model package"
            raise ModelError(f"CTranslate2 failed to translate on {s.device}: {first}", hint=hint) from None
        out: dict[str, Translation] = {}
        for src, (a, b) in zip(unique, spans):
            texts, log_prob, n_tokens, scores = [], 0.0, 0, []
            for res in results[a:b]:
                hyp = res.hypotheses[0]
                texts.append(self._sp.decode_pieces(hyp).replace("▁", " ").strip())
                score = float(res.scores[0])
                conf = confidence_from_score(score, len(hyp), s.length_penalty)
                log_prob += math.log(conf) * (len(hyp) + 1)
                n_tokens += len(hyp) + 1
                scores.append(score)
            # pieces: the geometric mean token probability over all their tokens
            out[src] = Translation(" ".join(t for t in texts if t), math.exp(log_prob / n_tokens),
                                   sum(scores) / len(scores), b - a)
        return [out[x] for x in sentences]


def provenance(package: ArgosPackage | None = None, settings: Settings | None = None, created: str = "",
               **extra: str) -> Provenance:
    """The one signature of a run (see :mod:`translate.provenance`): tool, model, decoding settings,
    segmentation rules, creation time (``created`` in any form :func:`parse_created` takes)."""
    return Provenance(
        tool_version=__version__, model=package.signature() if package else "",
        model_sha256=package.checksum if package else "", settings=settings.signature() if settings else "",
        rules=rules_version(), created=parse_created(created), extra=dict(extra))


#: glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3


def keep_freed_memory() -> bool:
    """Let this process keep the memory CTranslate2 frees between batches instead of handing it
    back to the kernel (glibc only; elsewhere nothing changes).

    On the CPU every batch allocates its decoding state (megabytes for a beam of 4 over 32
    sentences) and frees it at the end. glibc serves such blocks with ``mmap`` or trims them off
    the top of the heap when freed, so the next batch touches fresh pages and the kernel faults
    each one in: ``translate batch`` on 1,000 news sentences with a model of the real package's
    size took about 700,000 page faults and 1.4 s of system time in an 18 s run. With blocks up
    to 32 MB kept on the heap, nothing trimmed below 1 GB and 64 MB of headroom per heap growth,
    it takes about 200,000 faults and 0.5 s, and 0.3–0.6 s less wall time; peak memory moves by
    the noise of a run (800–842 MB against 766–805), since those pages are in use at the peak
    either way. Process-wide (the engine is the process's main work); setting it again changes
    nothing. Returns whether the settings took (False on a C library without glibc's mallopt).
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # no C library found, or one without mallopt
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return all(mallopt(param, value) == 1 for param, value in (
        (_M_MMAP_THRESHOLD, 32 << 20), (_M_TRIM_THRESHOLD, 1 << 30), (_M_TOP_PAD, 64 << 20)))


def available_cores() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
