"""The one record type that travels through the pipeline.

A :class:`SegmentPair` is created by segmentation (source side, position, spans), gains
flags in the flag step, a translation and confidence in the translate step, an alignment
type and score in the align step, and is only formatted by writers. No stage reaches back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from enum import IntEnum
from typing import Any

#: a sentence that ends in final punctuation, closing quotes and brackets allowed after it
FINAL_PUNCTUATION = re.compile(r"[.!?…:;][“”\"'’»«)\]]*$|[“”\"»«]$")

#: characters no output may carry: C0 controls but tab, line feed and carriage return; DEL and
#: the C1 controls; zero-width characters and direction marks, bidi embeddings, overrides and
#: isolates (they reorder what a terminal or an editor shows); annotation marks, lone
#: surrogates and the non-characters U+FFFE/U+FFFF
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069"
                    "\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]")


def safe_text(text: str) -> str:
    """``text`` without the characters of :data:`UNSAFE`."""
    return UNSAFE.sub("", text) if UNSAFE.search(text) else text


class Severity(IntEnum):
    """How much a flag should worry a translator; writers print the name."""

    info = 1
    warning = 2
    error = 3


@dataclass(frozen=True)
class Flag:
    """One reason to distrust a segment.

    ``code`` is stable and documented (see :mod:`translate.flag`); ``start``/``end`` are
    character offsets into the segment's *normalised* source text (``SegmentPair.source``).
    """

    code: str
    severity: Severity
    message: str
    start: int = 0
    end: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity.name, "message": self.message,
                "start": self.start, "end": self.end}


@dataclass
class SegmentPair:
    """A German segment and (once translated or aligned) its English counterpart.

    Positions are 1-based (paragraph, sentence within paragraph). ``src_start``/``src_end``
    are offsets into the original document text; ``source_original`` is that span, trimmed,
    as it stands in the document (no-break spaces kept); ``source`` is the normalised text
    that was segmented and translated.
    """

    document: str
    paragraph: int
    sentence: int
    source: str
    source_original: str = ""
    src_start: int = 0
    src_end: int = 0
    target: str = ""
    confidence: float | None = None
    score: float | None = None  # raw model log-score (length-normalised), kept for signatures
    align_type: str = ""  # e.g. "1-1", "1-2", "0-1"; empty for machine translation
    align_score: float | None = None
    flags: list[Flag] = field(default_factory=list)
    target_paragraph: int | None = None
    target_sentence: int | None = None
    pieces: int = 1  # > 1: too long for the model, translated in this many pieces
    block: str = ""  # kind of block in a structured document: title, heading, paragraph, list-item, …
    locator: str = ""  # where the block stands in its document ("h2 #3", "table 1 row 2 cell 1", "line 14")

    @property
    def place(self) -> str:
        """Where the German sentence stands, paragraph.sentence ("3.2"); "–" for an English
        sentence without German (a 0-1 link), which stands nowhere in the German."""
        return f"{self.paragraph}.{self.sentence}" if self.source else "–"

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.flags), default=None)

    def flagged(self, at_least: Severity = Severity.warning) -> bool:
        return any(f.severity >= at_least for f in self.flags)

    def safe(self) -> SegmentPair:
        """This record with :data:`UNSAFE` characters removed from every text (itself when clean)."""
        texts = (self.source, self.source_original, self.target, *(f.message for f in self.flags))
        if not any(UNSAFE.search(t) for t in texts):
            return self
        return replace(self, source=safe_text(self.source), source_original=safe_text(self.source_original),
                       target=safe_text(self.target),
                       flags=[replace(f, message=safe_text(f.message)) for f in self.flags])

    def as_dict(self) -> dict[str, Any]:
        # every field but flags is a str, int, float or None: a shallow copy (dataclasses.asdict
        # deep-copies each value and was a third of a batch's writing time)
        d = {name: getattr(self, name) for name in _PAIR_FIELDS}
        d["flags"] = [f.as_dict() for f in self.flags]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SegmentPair:
        d = dict(d)
        d["flags"] = [Flag(f["code"], Severity[f["severity"]], f["message"], f.get("start", 0),
                           f.get("end", 0)) for f in d.get("flags", [])]
        return cls(**d)


_PAIR_FIELDS = tuple(f.name for f in fields(SegmentPair))
