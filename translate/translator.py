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
from dataclasses import dataclass

from translate import __version__
from translate.errors import ModelError
from translate.package import ArgosPackage
from translate.provenance import Provenance, parse_created
from translate.segment import rules_version


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a translation; recorded in every output as its signature."""

    beam_size: int = 4
    length_penalty: float = 0.2  # argostranslate's value
    max_batch_tokens: int = 4096
    max_decoding_length: int = 256
    device: str = "cpu"
    compute_type: str = "default"
    intra_threads: int = 0  # 0: CTranslate2 picks (all cores)
    inter_threads: int = 1

    def signature(self) -> str:
        return (f"beam={self.beam_size}|lp={self.length_penalty}|"
                f"maxlen={self.max_decoding_length}|compute={self.compute_type}")


@dataclass(frozen=True)
class Translation:
    text: str
    confidence: float
    score: float  # CTranslate2's length-penalised log score


def confidence_from_score(score: float, n_tokens: int, length_penalty: float) -> float:
    """Geometric mean token probability from CTranslate2's score (see the module docstring)."""
    t = n_tokens + 1  # the end token counts
    return math.exp(score * (t**length_penalty) / t)


class Engine:
    """A loaded Argos package, ready to translate. Load once, reuse for every document."""

    def __init__(self, package: ArgosPackage, settings: Settings | None = None) -> None:
        import ctranslate2
        import sentencepiece

        self.package = package
        self.settings = settings or Settings()
        s = self.settings
        try:
            self._sp = sentencepiece.SentencePieceProcessor(model_file=str(package.tokenizer))
            self._ct2 = ctranslate2.Translator(
                str(package.model_dir), device=s.device, compute_type=s.compute_type,
                intra_threads=s.intra_threads or available_cores(), inter_threads=s.inter_threads,
            )
        except (RuntimeError, OSError, ValueError) as exc:
            raise ModelError(f"{package.path}: cannot load the model ({str(exc).splitlines()[0]})",
                             hint="reinstall it with `translate models install`") from None
        self.tokens_translated = 0

    def provenance(self, created: str = "", **extra: str) -> Provenance:
        return provenance(self.package, self.settings, created, **extra)

    def encode(self, text: str) -> list[str]:
        return self._sp.encode(text, out_type=str)

    def translate(self, sentences: list[str]) -> list[Translation]:
        """Translate sentences in one batched CTranslate2 call; identical inputs run once."""
        if not sentences:
            return []
        unique = list(dict.fromkeys(sentences))
        tokens = [self.encode(s) for s in unique]
        s = self.settings
        results = self._ct2.translate_batch(
            tokens,
            max_batch_size=s.max_batch_tokens,
            batch_type="tokens",
            beam_size=s.beam_size,
            length_penalty=s.length_penalty,
            max_decoding_length=s.max_decoding_length,
            replace_unknowns=True,
            return_scores=True,
        )
        out: dict[str, Translation] = {}
        for src, res in zip(unique, results):
            hyp = res.hypotheses[0]
            text = self._sp.decode_pieces(hyp).replace("▁", " ").strip()
            score = float(res.scores[0])
            out[src] = Translation(text, confidence_from_score(score, len(hyp), s.length_penalty), score)
            self.tokens_translated += len(hyp)
        return [out[x] for x in sentences]


def provenance(package: ArgosPackage | None = None, settings: Settings | None = None, created: str = "",
               **extra: str) -> Provenance:
    """The one signature of a run (see :mod:`translate.provenance`): tool, model, decoding settings,
    segmentation rules, creation time (``created`` in any form :func:`parse_created` takes)."""
    return Provenance(
        tool_version=__version__, model=package.signature() if package else "",
        model_sha256=package.checksum if package else "", settings=settings.signature() if settings else "",
        rules=rules_version(), created=parse_created(created), extra=dict(extra))


def available_cores() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
