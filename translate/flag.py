"""Flag garbled segments, with a stable code, a severity, a span and a reason.

Every check is a :class:`Detector` of one shape, in the manner of OpusFilter's filters: a
``code``, a ``severity``, a ``stage`` (``source``: the German alone, no model needed;
``translation``: after the translate step; ``link``: an aligned pair), a ``threshold`` and a
docstring that says what it catches and what it must not. :meth:`Detector.score` measures
(it yields :class:`Finding` s with a score, higher = more suspect) and :meth:`Detector.decide`
turns a finding into a flag or nothing; the score is kept apart from the decision, so a
threshold can be studied (``scripts/eval_flags.py``) without touching the measuring.
:data:`DETECTORS` lists them all; :func:`flag` runs those of one stage over a document.
Severities: ``info`` (a trace worth knowing), ``warning`` (check this segment), ``error`` (do
not trust this segment).

Codes (stable; documented in the README):

=============================  ========  ==================================================
code                           severity  what
=============================  ========  ==================================================
fragment-ends-paragraph        error     paragraph ends mid-sentence (no final punctuation
                                         after an earlier sentence of the same paragraph)
fragment-no-verb               warning   a short segment with no verb-like word
no-final-punctuation           info      a segment without final punctuation (headlines)
continuation                   warning   a paragraph's first sentence continues the broken
                                         sentence that ended the previous paragraph
calque-capitalised-article     warning   "…, Die Information berichtet": a capitalised article
                                         or determiner after a comma, mid-sentence
calque-adverb-comma            warning   "Jetzt, …": English comma after a sentence-initial
                                         adverb
name-as-common-noun            error     a known English name translated as a common word in
                                         an attribution frame ("Als Vermögen", "laut Apfel")
attribution-common-noun        warning   the general shape: an article + capitalised noun as
                                         the subject of a reporting verb mid-sentence
nbsp-inside                    info      a no-break space inside the sentence (lost markup)
leading-space                  info      the paragraph starts with a space character
english-words                  warning   several English function words left untranslated
not-german                     warning   a paragraph in another language (py3langid)
low-confidence                 warning   model confidence below 0.5 (info: far below the
                                         document's median)
length-ratio                   warning   translation length far from the source's
name-mismatch                  warning   a number or name of the source missing in the
                                         translation
split-for-length               warning   a sentence over the model's length limit, translated
                                         in pieces cut at clause boundaries
weak-link                      warning   an aligned pair whose MT similarity is low
meaning-mismatch               warning   an aligned pair whose sentence embeddings are far
                                         apart
=============================  ========  ==================================================
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache, cached_property

from translate.files import data_tsv, data_words
from translate.language import name as language_name
from translate.language import other_language
from translate.record import FINAL_PUNCTUATION, Flag, SegmentPair, Severity

_WORD = re.compile(r"[\wÄÖÜäöüß&'-]+")
ARTICLES = frozenset(
    "der die das den dem des ein eine einer eines einem einen dieser diese dieses".split()
)
REPORTING_VERBS = frozenset(
    "berichtet berichtete berichten schreibt schrieb schreiben meldet meldete melden sagt "
    "sagte erklärt erklärte zufolge laut notiert notierte beachten berichtete enthüllte "
    "enthüllt behauptet behauptete stellt stellte".split()
)
INITIAL_ADVERBS = frozenset(
    "jetzt nun heute gestern morgen tatsächlich letztlich schließlich zuvor später dennoch "
    "trotzdem allerdings außerdem zudem inzwischen derzeit aktuell bisher zunächst natürlich "
    "offenbar anscheinend ebenfalls leider glücklicherweise stattdessen ursprünglich "
    "insgesamt kürzlich zusätzlich letztendlich ironischerweise interessanterweise".split()
)
#: words after "Jetzt, …" that make the comma correct German ("Jetzt, wo …", "Heute, da …")
SUBORDINATORS = frozenset(
    "wo da wenn als nachdem dass weil ob seit bevor sobald".split()
)
ENGLISH_FUNCTION = frozenset(
    "the of and to is are was were with that this for from on at by it its have has be not "
    "but which who will would can could".split()
)
GERMAN_HOMOGRAPHS = frozenset(
    "will was also hat die an in so".split()
)
VERBISH = re.compile(r"^[a-zäöüß]+(?:t|te|ten|en|st|et|n)$")


@cache
def _names() -> dict[str, tuple[str, str]]:
    """German rendering (lower case) → (English name, kind)."""
    return {r["german"].lower(): (r["english"], r["kind"]) for r in data_tsv("names_en_de.tsv")}


@cache
def _names_pattern() -> re.Pattern[str]:
    """Every German rendering of :func:`_names` as one pattern (longest first), whole words only."""
    alternatives = "|".join(re.escape(g) for g in sorted(_names(), key=len, reverse=True))
    return re.compile(rf"(?<![\wÄÖÜäöüß])(?:{alternatives})(?![\wÄÖÜäöüß])")


def _legit_article_names() -> frozenset[str]:
    return data_words("legit_article_names_de.txt")


class Stage(str, Enum):
    """When a detector can run: on the German alone, after translation, or on an aligned pair."""

    source = "source"
    translation = "translation"
    link = "link"


class Document:
    """The records of one document, with the document-wide figures detectors compare against."""

    def __init__(self, records: Sequence[SegmentPair], text: str = "", **facts: str) -> None:
        self.records, self.text, self.facts = records, text, facts

    @cached_property
    def confidences(self) -> list[float]:
        return [r.confidence for r in self.records if r.confidence is not None]

    @cached_property
    def median_confidence(self) -> float | None:
        return statistics.median(self.confidences) if self.confidences else None

    @cached_property
    def paragraph_languages(self) -> dict[int, tuple[str, float] | None]:
        """Per paragraph: the other language it is confidently in, or None (German, or too short)."""
        texts: dict[int, list[str]] = {}
        for r in self.records:
            if r.source:
                texts.setdefault(r.paragraph, []).append(r.source)
        return {p: other_language(" ".join(t), "de") for p, t in texts.items()}


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

    def score(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def decide(self, finding: Finding) -> Flag | None:
        if finding.score >= self.threshold:
            return self.flag(finding.message, finding.start, finding.end)
        return None

    def detect(self, ctx: Context) -> list[Flag]:
        return [f for f in map(self.decide, self.score(ctx)) if f is not None]

    def flag(self, message: str, start: int = 0, end: int = 0, severity: Severity | None = None) -> Flag:
        return Flag(self.code, severity or self.severity, message, start, end)


def _found(message: str, start: int = 0, end: int = 0) -> Finding:
    """A finding of a yes/no detector (score 1)."""
    return Finding(1.0, message, start, end)


#: blocks of a structured document that stand alone: no verb or final punctuation expected
STANDALONE = frozenset({"title", "heading", "list-item", "table-cell", "caption"})


def standalone(record: SegmentPair) -> bool:
    return record.block in STANDALONE


def _has_final(text: str) -> bool:
    return bool(FINAL_PUNCTUATION.search(text.rstrip()))


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def _verbish(text: str) -> bool:
    words = [m.group() for m in _words(text)][1:]
    return any(VERBISH.match(w) and w not in ARTICLES for w in words)


class FragmentEndsParagraph(Detector):
    """A paragraph whose last sentence has no final punctuation although an earlier sentence of
    the same paragraph has: the paragraph broke off mid-sentence ("…Wirklichkeit wird. Als
    Vermögen"). Must not fire on headlines or list items, which are paragraphs of their own."""

    code = "fragment-ends-paragraph"
    severity = Severity.error

    def score(self, ctx: Context) -> Iterator[Finding]:
        if ctx.is_last and not ctx.is_first and not _has_final(ctx.text) and not standalone(ctx.record):
            yield _found("paragraph ends mid-sentence: no final punctuation", 0, len(ctx.text))


class FragmentNoVerb(Detector):
    """A segment of at most six words with no verb-like word, inside running text (not a
    paragraph of its own, which would be a headline or dateline; not a heading, list item, table
    cell or caption of a structured document)."""

    code = "fragment-no-verb"

    def score(self, ctx: Context) -> Iterator[Finding]:
        words = _words(ctx.text)
        if (len(words) <= 6 and not (ctx.is_first and ctx.is_last) and not standalone(ctx.record)
                and not _verbish(ctx.text)):
            yield _found("sentence fragment: no verb", 0, len(ctx.text))


class NoFinalPunctuation(Detector):
    """Any segment without final punctuation (a headline is fine, hence only info; a heading,
    list item, table cell or caption of a structured document is not flagged at all)."""

    code = "no-final-punctuation"
    severity = Severity.info

    def score(self, ctx: Context) -> Iterator[Finding]:
        if not _has_final(ctx.text) and not standalone(ctx.record):
            yield _found("no closing punctuation", len(ctx.text), len(ctx.text))


class Continuation(Detector):
    """The first sentence of a paragraph when the previous paragraph broke off mid-sentence
    (its last sentence has no final punctuation and is not a paragraph of its own): the two
    are one sentence split by a paragraph break ("Als Vermögen ¶ Beachten Sie, dass …")."""

    code = "continuation"

    def score(self, ctx: Context) -> Iterator[Finding]:
        p = ctx.prev
        if not ctx.is_first or p is None or p.paragraph == ctx.record.paragraph:
            return
        if _has_final(p.source) or p.sentence == 1 or standalone(p):
            return
        first = _words(ctx.text)[0].group() if _words(ctx.text) else ""
        yield _found(f"continues the broken sentence before the paragraph break "
                     f"(“{p.source}” ¶ “{first} …”)", 0, len(first))


class CalqueCapitalisedArticle(Detector):
    """A capitalised article or determiner right after a comma mid-sentence ("Jetzt, Die
    Information berichtet"): German writes it in lower case unless it begins a name. Real
    German names that start with an article (Die Zeit, Der Spiegel, …) are exempt."""

    code = "calque-capitalised-article"

    def score(self, ctx: Context) -> Iterator[Finding]:
        for m in re.finditer(r",\s+((?:Der|Die|Das|Den|Dem|Des|Ein|Eine|Einer|Eines)\s+([\wÄÖÜäöüß-]+))",
                             ctx.text):
            if m.group(1).lower() in _legit_article_names():
                continue
            yield _found(f"capitalised article after a comma: “{m.group(1)}” reads like an "
                         f"English title translated word for word", m.start(1), m.end(1))


class CalqueAdverbComma(Detector):
    """A sentence-initial adverb followed by a comma ("Jetzt, …", "Tatsächlich, …"), English
    punctuation; German puts the verb next. "Jetzt, wo …" and "Heute, da …" are correct German
    and must not fire; neither must interjections ("Ja, …")."""

    code = "calque-adverb-comma"

    def score(self, ctx: Context) -> Iterator[Finding]:
        m = re.match(r"\s*([A-ZÄÖÜ][a-zäöüß]+),\s+([\wÄÖÜäöüß]+)", ctx.text)
        if m and m.group(1).lower() in INITIAL_ADVERBS and m.group(2).lower() not in SUBORDINATORS:
            yield _found(f"English-style comma after the sentence-initial adverb “{m.group(1)}”",
                         m.start(1), m.end(1) + 1)


def _attribution_frame(text: str, start: int, end: int, ctx: Context) -> str | None:
    """Why the span [start, end) stands where a name belongs, or None."""
    before = text[:start].lower().split()[-2:]
    after = text[end:].lower().split()[:2]
    after = [w.strip(",.;:") for w in after]
    if before and before[-1] in ("laut", "von", "bei") or after and after[0] in REPORTING_VERBS:
        return "subject or source of a report"
    if before and before[-1] in ("als", "wie") and end >= len(text.rstrip(" .")) - 1:
        nxt = ctx.next.source.lower() if ctx.next else ""
        return "“Als/Wie X” breaks off" + (" before “Beachten Sie” (notes)" if nxt.startswith("beachten") else "")
    if start > 0 and text[start - 2 : start] in (", ",) and text[start].isupper():
        return "capitalised mid-sentence"
    return None


class NameAsCommonNoun(Detector):
    """A German common noun that is the literal translation of a known English name (a
    publication, company, product, team or event; translate/data/names_en_de.tsv) standing
    where the grammar wants that name: as the source of a report ("laut …", "… berichtet"),
    after "Als"/"Wie" at a broken-off end ("Als Vermögen"), or capitalised after a comma.
    The same noun in ordinary use ("Sie hat ihr Vermögen verloren") must not fire."""

    code = "name-as-common-noun"
    severity = Severity.error

    def score(self, ctx: Context) -> Iterator[Finding]:
        text = ctx.text
        names = _names()
        for m in _names_pattern().finditer(text.lower()):
            why = _attribution_frame(text, m.start(), m.end(), ctx)
            if why:
                english, kind = names[m.group()]
                yield _found(
                    f"“{text[m.start():m.end()]}” looks like the {kind} name {english} translated "
                    f"as a common word ({why})", m.start(), m.end())


class AttributionCommonNoun(Detector):
    """The general shape behind name-as-common-noun, for names not on the list: an article and
    a capitalised noun right after a comma mid-sentence, followed by a reporting verb
    ("…, Die Information berichtet, dass"). German would write "berichtet The Information" or
    "wie The Information berichtet"."""

    code = "attribution-common-noun"

    def score(self, ctx: Context) -> Iterator[Finding]:
        for m in re.finditer(r",\s+((?:Der|Die|Das)\s+[A-ZÄÖÜ][\wäöüß-]+)\s+([a-zäöüß]+)", ctx.text):
            if m.group(2) in REPORTING_VERBS and m.group(1).lower() not in _legit_article_names():
                yield _found(f"“{m.group(1)}” is the subject of “{m.group(2)}” but reads "
                             f"as a common noun: probably a translated name", m.start(1), m.end(1))


class NbspInside(Detector):
    """A no-break space inside the sentence in the original document: often the trace of a link
    or italic markup around a name that was lost (“Die Information\\u00a0berichtet”)."""

    code = "nbsp-inside"
    severity = Severity.info

    def score(self, ctx: Context) -> Iterator[Finding]:
        orig = ctx.record.source_original
        for i, ch in enumerate(orig):
            if ch == "\u00a0":
                yield _found("no-break space inside the sentence (lost markup?)", i, i + 1)


class LeadingSpace(Detector):
    """The paragraph starts with a space character (often U+00A0) in the original: the trace of
    a removed link or a split paragraph."""

    code = "leading-space"
    severity = Severity.info

    def score(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.is_first or not ctx.doc_text:
            return
        s = ctx.record.src_start
        line_start = ctx.doc_text.rfind("\n", 0, s) + 1
        prefix = ctx.doc_text[line_start:s]
        if prefix and not prefix.strip():
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in prefix}))
            yield _found(f"paragraph starts with a space character ({names})", 0, 0)


class EnglishWords(Detector):
    """Two or more distinct lower-case English function words ("the", "of", "and", …) in a
    German sentence: text left untranslated. English names ("The Information", "The Who") do
    not fire, nor do German homographs ("will", "was", "die")."""

    code = "english-words"

    def score(self, ctx: Context) -> Iterator[Finding]:
        found = [m for m in _words(ctx.text) if m.group() in ENGLISH_FUNCTION
                 and m.group() not in GERMAN_HOMOGRAPHS]  # lower case only: "The Who" is a name
        distinct = {m.group() for m in found}
        if len(distinct) >= 2:
            yield _found(f"untranslated English: {', '.join(sorted(distinct))}",
                         found[0].start(), found[-1].end())


class NotGerman(Detector):
    """A paragraph (of five words or more) that the language identifier (py3langid) confidently
    puts in another language: a French quote, an English abstract, a Dutch caption inside a
    German article. The model would translate it as if it were German. Every sentence of the
    paragraph is flagged. Must not fire on German with English names or loanwords, nor on
    paragraphs too short to tell (headlines, datelines)."""

    code = "not-german"
    threshold = 0.9  # the identifier's probability for the other language

    def score(self, ctx: Context) -> Iterator[Finding]:
        found = ctx.doc.paragraph_languages.get(ctx.record.paragraph)
        if found:
            code, prob = found
            yield Finding(prob, f"the paragraph looks {language_name(code)}, not German (p={prob:.2f}): "
                                "the model translates German only", 0, len(ctx.text))


# -- translation-side evidence -------------------------------------------------

class LowConfidence(Detector):
    """The model's confidence (geometric mean token probability) below ``threshold`` (warning),
    or more than ``margin`` below the document's median when the document has five or more
    sentences (info): the model was guessing. Score: the confidence itself, so here *lower* is
    more suspect. Must not fire on records without a translation."""

    code = "low-confidence"
    stage = Stage.translation
    threshold = 0.5
    margin = 0.3

    def score(self, ctx: Context) -> Iterator[Finding]:
        r = ctx.record
        if r.target and r.confidence is not None:
            enough = len(ctx.doc.confidences) >= 5
            yield Finding(r.confidence, "", baseline=ctx.doc.median_confidence if enough else None)

    def decide(self, finding: Finding) -> Flag | None:
        conf, median = finding.score, finding.baseline
        if conf < self.threshold:
            return self.flag(f"model confidence {conf:.2f} is below {self.threshold:.2f}")
        if median is not None and conf < median - self.margin:
            return self.flag(f"model confidence {conf:.2f} far below the document's median {median:.2f}",
                             severity=Severity.info)
        return None


class LengthRatio(Detector):
    """A translation much shorter or longer than its source (half or double the characters), for
    sources of 20 characters or more: an omission, an addition or a hallucination. Score:
    |log(target length / source length)|, flagged from log 2."""

    code = "length-ratio"
    stage = Stage.translation
    threshold = math.log(2.0)

    def score(self, ctx: Context) -> Iterator[Finding]:
        r = ctx.record
        if r.target and len(r.source) >= 20:
            ratio = len(r.target) / max(1, len(r.source))
            yield Finding(abs(math.log(ratio)), f"translation is {ratio:.1f}× the source's length")

    def decide(self, finding: Finding) -> Flag | None:
        return self.flag(finding.message) if finding.score > self.threshold + 1e-9 else None


_NAMEISH = re.compile(r"\b(?:\d[\d.,]*\d|\d|[A-Z][A-Za-z]*[&][A-Za-z&]+|[A-Z]{2,}[0-9A-Z]*)\b")


class NameMismatch(Detector):
    """A number or an acronym-like name of the source (1131, AT&T, USA) that the translation does
    not carry: a lost or changed fact. Separators are ignored (1.131 = 1131) and a German
    acronym may stand as an English prefix (USA → US). Must not fire on ordinary words."""

    code = "name-mismatch"
    stage = Stage.translation

    def score(self, ctx: Context) -> Iterator[Finding]:
        r = ctx.record
        if not r.target:
            return
        target = r.target.replace(",", "").replace(".", "")
        target_words = set(re.findall(r"\w+", target))
        for m in _NAMEISH.finditer(r.source):
            token = m.group()
            if token.isupper() and token.isalpha() and any(
                    len(w) >= 2 and token.startswith(w) for w in target_words):
                continue  # USA → US, BRD → BRD
            if token.replace(",", "").replace(".", "") not in target:
                yield _found(f"“{token}” of the source is missing in the translation", m.start(), m.end())


class SplitForLength(Detector):
    """A sentence longer than the model takes at once (its position table, read from the package,
    and the decoding limit): it was cut at clause boundaries (semicolons, commas, dashes, then
    spaces), translated in pieces and joined. The joins may read badly; check them. Must not
    fire on a sentence translated whole."""

    code = "split-for-length"
    stage = Stage.translation
    threshold = 2  # pieces

    def score(self, ctx: Context) -> Iterator[Finding]:
        if ctx.record.target and ctx.record.pieces > 1:
            n = ctx.record.pieces
            yield Finding(n, f"too long for the model: translated in {n} pieces cut at clause boundaries "
                             "and joined; check the joins", 0, len(ctx.text))


# -- aligned pairs ---------------------------------------------------------------

class WeakLink(Detector):
    """An aligned pair (both sides present) whose similarity, chrF against a machine translation
    of the German, is below 0.3: the two sides probably say different things, or the alignment
    is wrong. Only where the similarity came from MT (``similarity="mt"`` in the document's
    facts): without MT a low anchor score is no evidence. Score: 1 − similarity."""

    code = "weak-link"
    stage = Stage.link
    threshold = 0.3  # on the similarity: flagged below it

    def score(self, ctx: Context) -> Iterator[Finding]:
        r = ctx.record
        if ctx.doc.facts.get("similarity") == "mt" and r.source and r.target and r.align_score is not None:
            yield Finding(1.0 - r.align_score, "")

    def decide(self, finding: Finding) -> Flag | None:
        similarity = 1.0 - finding.score
        if similarity < self.threshold:
            return self.flag(f"alignment similarity {similarity:.2f} is below {self.threshold:.2f}")
        return None


class MeaningMismatch(Detector):
    """An aligned pair (both sides present) whose sentence embeddings are far apart: the cosine
    of the multilingual embeddings below 0.3, where translation pairs average 0.74 and 95 % are
    above 0.56 (newstest2021): the two sides probably say different things. Only where the
    alignment was guided by embeddings (``similarity="embed"``); the MT-guided counterpart is
    ``weak-link``. Score: 1 − cosine."""

    code = "meaning-mismatch"
    stage = Stage.link
    threshold = 0.3  # on the cosine: flagged below it

    def score(self, ctx: Context) -> Iterator[Finding]:
        r = ctx.record
        if ctx.doc.facts.get("similarity") == "embed" and r.source and r.target and r.align_score is not None:
            yield Finding(1.0 - r.align_score, "")

    def decide(self, finding: Finding) -> Flag | None:
        cosine = 1.0 - finding.score
        if cosine < self.threshold:
            return self.flag(f"the two sides' sentence embeddings are far apart (cosine {cosine:.2f} < "
                             f"{self.threshold:.2f}): they probably say different things")
        return None


#: every detector, in the order their flags are listed on a record
DETECTORS: tuple[Detector, ...] = (
    FragmentEndsParagraph(), FragmentNoVerb(), NoFinalPunctuation(), Continuation(),
    CalqueCapitalisedArticle(), CalqueAdverbComma(), NameAsCommonNoun(), AttributionCommonNoun(),
    NbspInside(), LeadingSpace(), EnglishWords(), NotGerman(),
    LowConfidence(), LengthRatio(), NameMismatch(), SplitForLength(),
    WeakLink(), MeaningMismatch(),
)


def detectors(stage: Stage) -> tuple[Detector, ...]:
    return tuple(d for d in DETECTORS if d.stage is stage)


def contexts(records: Sequence[SegmentPair], doc: Document) -> Iterator[Context]:
    for i, r in enumerate(records):
        prev = records[i - 1] if i else None
        nxt = records[i + 1] if i + 1 < len(records) else None
        yield Context(r, prev, nxt, is_first=prev is None or prev.paragraph != r.paragraph,
                      is_last=nxt is None or nxt.paragraph != r.paragraph, doc=doc)


def flag(records: Sequence[SegmentPair], stage: Stage = Stage.source, doc_text: str = "",
         only: Sequence[Detector] | None = None, *, before: SegmentPair | None = None,
         after: SegmentPair | None = None, **facts: str) -> None:
    """Run the detectors of ``stage`` (or ``only`` these) over one document's records, adding
    their flags to each record in place. For a block of a longer document, ``before`` and
    ``after`` are its neighbours (seen by the detectors, not flagged). ``facts`` tell detectors
    how the records were made (``similarity="mt"`` for an alignment guided by machine translation)."""
    seen = [*([before] if before else []), *records, *([after] if after else [])]
    doc = Document(records, doc_text, **facts)
    chosen = tuple(only) if only is not None else detectors(stage)
    for ctx in contexts(seen, doc):
        if (before is not None and ctx.record is before) or (after is not None and ctx.record is after):
            continue
        if stage is Stage.source and not ctx.record.source:
            continue  # an English sentence without a German side (a 0-1 link)
        for d in chosen:
            ctx.record.flags.extend(d.detect(ctx))


def score(record: SegmentPair) -> float:
    """A continuous garbledness score for ranking (ROC-AUC): the sum of the squared severities
    of the record's flags (info 1, warning 4, error 9)."""
    return float(sum(int(f.severity) ** 2 for f in record.flags))
