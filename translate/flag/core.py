"""The shape every flag detector has, and what detectors share: :class:`Stage`, :class:`Detector`
(a code, a severity, a stage and a threshold; :meth:`Detector.score` measures, :meth:`Detector.decide`
flags), :class:`Finding`, :class:`Context` (a record, its neighbours, its document) and
:class:`Document` (the document's records and the facts detectors derive from them, each computed
once through :meth:`Document.memo`). The detectors themselves, and the word lists they read, are
in the modules of their stage."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, cast

from translate.record import FINAL_PUNCTUATION, Flag, SegmentPair, Severity

if TYPE_CHECKING:
    import numpy as np

    from translate.lexicon import Lexicon

#: texts → unit-length multilingual vectors, one row each (:class:`translate.embed.Embedder`)
Embed = Callable[[Sequence[str]], "np.ndarray"]

T = TypeVar("T")


class Stage(str, Enum):
    """When a detector can run: on the German alone, after translation, or on an aligned pair."""

    source = "source"
    translation = "translation"
    link = "link"


class Document:
    """The records of one document, with the document-wide figures detectors compare against.
    ``embedder``, where the caller has one (`align` without MT, with the embed extra), turns texts
    into unit-length multilingual vectors (:class:`translate.embed.Embedder`): a detector may ask
    whether two words of either language mean the same. :attr:`lexicon` is the German–English
    dictionary where one is installed (:mod:`translate.lexicon`), loaded when first asked for."""

    def __init__(self, records: Sequence[SegmentPair], text: str = "",
                 embedder: Embed | None = None, **facts: str) -> None:
        self.records, self.text, self.facts, self.embedder = records, text, facts, embedder
        self._memo: dict[Callable[[Document], object], object] = {}

    @cached_property
    def lexicon(self) -> Lexicon | None:
        from translate.lexicon import installed

        return installed()

    @cached_property
    def confidences(self) -> list[float]:
        return [r.confidence for r in self.records if r.confidence is not None]

    @cached_property
    def median_confidence(self) -> float | None:
        return statistics.median(self.confidences) if self.confidences else None

    @cached_property
    def paragraphs(self) -> dict[int, list[SegmentPair]]:
        """The records with a German side, by paragraph number."""
        paragraphs: dict[int, list[SegmentPair]] = {}
        for r in self.records:
            if r.source:
                paragraphs.setdefault(r.paragraph, []).append(r)
        return paragraphs

    def memo(self, compute: Callable[[Document], T]) -> T:
        """``compute(self)``, computed once per document: the document-wide facts a detector
        derives (a paragraph's repeated phrases, its unpaired marks, the English names)."""
        if compute not in self._memo:
            self._memo[compute] = compute(self)
        return cast(T, self._memo[compute])


@dataclass
class Context:
    """What a detector may look at: the record, its neighbours and its document."""

    record: SegmentPair
    prev: SegmentPair | None
    next: SegmentPair | None
    is_first: bool  # first sentence of its paragraph
    is_last: bool  # last sentence of its paragraph
    doc: Document = field(default_factory=lambda: Document(()))

    @property
    def text(self) -> str:
        return self.record.source

    @property
    def doc_text(self) -> str:
        return self.doc.text


@dataclass(frozen=True)
class Finding:
    """What a detector measured at one place: a score (higher = more suspect) and a reason."""

    score: float
    message: str
    start: int = 0
    end: int = 0
    baseline: float | None = None  # the document's typical score, where the decision compares to it


class Detector:
    """One signal. ``score`` measures, ``decide`` flags; ``detect`` is the two together."""

    code = ""
    severity = Severity.warning
    stage = Stage.source
    threshold = 0.5  # a finding whose score reaches this is flagged
    below: Severity | None = None  # the severity of a finding under the threshold (None: not flagged)

    def score(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def decide(self, finding: Finding) -> Flag | None:
        if finding.score >= self.threshold:
            return self.flag(finding.message, finding.start, finding.end)
        if self.below is not None:
            return self.flag(finding.message, finding.start, finding.end, severity=self.below)
        return None

    def detect(self, ctx: Context) -> list[Flag]:
        return [f for f in map(self.decide, self.score(ctx)) if f is not None]

    def flag(self, message: str, start: int = 0, end: int = 0, severity: Severity | None = None) -> Flag:
        return Flag(self.code, severity or self.severity, message, start, end)


def certain(message: str, start: int = 0, end: int = 0) -> Finding:
    """A finding of a yes/no detector (score 1)."""
    return Finding(1.0, message, start, end)


def has_final(text: str) -> bool:
    return bool(FINAL_PUNCTUATION.search(text.rstrip()))


