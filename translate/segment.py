"""Sentence segmentation: NLTK Punkt plus German rules shipped with the package.

Nothing is downloaded: Punkt's parameters are built from the project's own data files in
``translate/data`` (abbreviations, months, ordinal nouns, frequent sentence starters), and a
small rule layer corrects the splits Punkt gets wrong in German:

``ordinal``
    a number with a period followed by a month ("12. Juni"), a noun that typically follows an
    ordinal ("19. Jahrhundert"), another number or "und/bis/oder" ("17. und 18. März") is an
    ordinal, not a sentence end. Before a frequent sentence starter ("2019. Die …") it is.
``lowercase``
    a German sentence never starts with a lower-case letter or with , ; : ) – so a split
    before one is undone ("„Warum?“, fragte er.", "z. B. ist").
``initials``
    a single capital letter with a period ("J. R. R. Tolkien") never ends a sentence when a
    capitalised word follows.
``ellipsis``
    "…" or "..." followed by a capital letter after a space ends a sentence.

Sentences never cross paragraph boundaries: each paragraph is segmented on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from translate.normalise import Paragraph


def _wordlist(name: str) -> frozenset[str]:
    text = resources.files("translate.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")
    )


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph: 1-based indices and [start, end) offsets into paragraph.text."""

    paragraph: int
    index: int
    start: int
    end: int
    text: str


class _GermanVars(PunktLanguageVars):
    # German opening quotes and dashes may start words; keep Punkt's defaults otherwise.
    sent_end_chars = (".", "?", "!")


_ORDINAL = re.compile(r"(?:^|[\s(–-])(\d{1,3})\.$")
_ENUMERATOR = re.compile(r"(?:[•·*–-]\s*)?(?:\d{1,3}|[a-zA-Z]|[IVXivx]{1,4})[.)]")
_STRONG_END = ("?", "!", "?“", "!“", "?\"", "!\"", "?”", "!”")
_INITIAL = re.compile(r"(?:^|\s)[A-ZÄÖÜ]\.$")
_FIRST_WORD = re.compile(r"[„“”\"'‚‘»«(\[]*([\w-]+)")
_ELLIPSIS_SPLIT = re.compile(r"(?:…|\.\.\.)[“”\"»«’)]*\s+(?=[„\"»«(]?[A-ZÄÖÜ])")


class Segmenter:
    """A German (or, with ``lang="en"``, English) sentence segmenter. Build once, reuse."""

    def __init__(self, lang: str = "de") -> None:
        self.lang = lang
        params = PunktParameters()
        params.abbrev_types = set(_wordlist(f"abbrev_{lang}.txt"))
        self.months = _wordlist(f"months_{lang}.txt")
        self.ordinal_nouns = _wordlist(f"ordinal_nouns_{lang}.txt") if lang == "de" else frozenset()
        self.starters = _wordlist(f"starters_{lang}.txt")
        # Punkt's frequent-starter heuristic: "usw. Dann …" ends a sentence
        params.sent_starters = set(self.starters)
        # single letters: initials and the parts of "z. B.", "u. a.", "d. h."
        params.abbrev_types |= set("abcdefghijklmnopqrstuvwxyzäöü")
        self.abbreviations = frozenset(params.abbrev_types)
        self._punkt = PunktSentenceTokenizer(params, lang_vars=_GermanVars())

    # -- rules ----------------------------------------------------------------
    def _keep_together(self, left: str, right: str) -> bool:
        """True when the boundary between ``left`` and ``right`` is not a sentence end."""
        left = left.rstrip()
        right = right.lstrip()
        if not right or _ENUMERATOR.fullmatch(left):
            return True  # a list marker ("1.", "• 2.", "a)") belongs to what follows
        rest = right.lstrip("“”\"'’»«)]")
        first = rest[:1]
        if first in tuple(",;:)]") or (rest is not right and not first):
            return True  # „Komm!“, sagte er – the quote closes inside the sentence
        if first.islower() or first in "–-":
            # a German sentence does not start in lower case: the split was false – unless the
            # left side ended in ? or ! (a question can be followed by a lower-case brand name)
            return not left.endswith(_STRONG_END) or self.lang == "de"
        m = _FIRST_WORD.match(right)
        word = m.group(1).lower() if m else ""
        last = left.rsplit(None, 1)[-1].lstrip("(„\"'‚‘»«[")
        if _ORDINAL.search(left):
            if word in self.starters:
                return False
            return word in self.months or word in self.ordinal_nouns or word.isdigit()
        if _INITIAL.search(left) or last[:-1].lower() in self.abbreviations:
            # after an initial or a known abbreviation only a frequent starter begins a sentence
            return word not in self.starters
        return False

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        spans = list(self._punkt.span_tokenize(text))
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and self._keep_together(text[merged[-1][0] : merged[-1][1]], text[start:end]):
                merged[-1][1] = end
            else:
                merged.append([start, end])
        for start, end in merged:
            # split after an ellipsis followed by a capitalised sentence
            cut = start
            for m in _ELLIPSIS_SPLIT.finditer(text, start, end):
                yield cut, m.end() - len(m.group()) + len(m.group().rstrip())
                cut = m.end()
            yield cut, end

    def split(self, text: str) -> list[tuple[int, int]]:
        """[start, end) spans of the sentences of one paragraph of normalised text."""
        return [(s, e) for s, e in self._spans(text) if text[s:e].strip()]

    def sentences(self, paragraphs: Iterable[Paragraph]) -> Iterator[Sentence]:
        for p in paragraphs:
            for k, (s, e) in enumerate(self.split(p.text), start=1):
                yield Sentence(p.index, k, s, e, p.text[s:e])


@cache
def segmenter(lang: str = "de") -> Segmenter:
    """The shared segmenter for ``lang`` (built on first use, not at import)."""
    return Segmenter(lang)
