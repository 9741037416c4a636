"""Flag garbled source fragments, with a stable code, a severity, a span and a reason.

One small detector per signal, in the shape of OpusFilter's filters: each has a ``code``, a
``severity`` and a docstring that says what it catches and what it must not. The source-side
detectors need no model; the translation-side ones (``TRANSLATION_DETECTORS``) run after the
translate step. Severities: ``info`` (a trace worth knowing), ``warning`` (check this segment),
``error`` (do not trust this segment).

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
low-confidence                 warning   model confidence below 0.5 or far below the document
length-ratio                   warning   translation length far from the source's
name-mismatch                  warning   a number or name of the source missing in the
                                         translation
=============================  ========  ==================================================
"""

from __future__ import annotations

import csv
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from translate.record import Flag, SegmentPair, Severity

_FINAL = re.compile(r"[.!?…:;][“”\"'’»«)\]]*$|[“”\"»«]$")
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
    text = resources.files("translate.data").joinpath("names_en_de.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")), delimiter="\t")
    return {r["german"].lower(): (r["english"], r["kind"]) for r in rows}


@cache
def _legit_article_names() -> frozenset[str]:
    text = resources.files("translate.data").joinpath("legit_article_names_de.txt").read_text("utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@dataclass
class Context:
    """What a detector may look at: the record, its neighbours and the document text."""

    record: SegmentPair
    prev: SegmentPair | None
    next: SegmentPair | None
    is_first: bool  # first sentence of its paragraph
    is_last: bool  # last sentence of its paragraph
    doc_text: str = ""

    @property
    def text(self) -> str:
        return self.record.source


class Detector:
    code = ""
    severity = Severity.warning

    def detect(self, ctx: Context) -> list[Flag]:
        raise NotImplementedError

    def flag(self, message: str, start: int = 0, end: int = 0, severity: Severity | None = None) -> Flag:
        return Flag(self.code, severity or self.severity, message, start, end)


def _has_final(text: str) -> bool:
    return bool(_FINAL.search(text.rstrip()))


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

    def detect(self, ctx: Context) -> list[Flag]:
        if ctx.is_last and not ctx.is_first and not _has_final(ctx.text):
            return [self.flag("paragraph ends mid-sentence: no final punctuation", 0, len(ctx.text))]
        return []


class FragmentNoVerb(Detector):
    """A segment of at most six words with no verb-like word, inside running text (not a
    paragraph of its own, which would be a headline or dateline)."""

    code = "fragment-no-verb"

    def detect(self, ctx: Context) -> list[Flag]:
        words = _words(ctx.text)
        if len(words) <= 6 and not (ctx.is_first and ctx.is_last) and not _verbish(ctx.text):
            return [self.flag("sentence fragment: no verb", 0, len(ctx.text))]
        return []


class NoFinalPunctuation(Detector):
    """Any segment without final punctuation (a headline is fine, hence only info)."""

    code = "no-final-punctuation"
    severity = Severity.info

    def detect(self, ctx: Context) -> list[Flag]:
        if not _has_final(ctx.text):
            return [self.flag("no closing punctuation", len(ctx.text), len(ctx.text))]
        return []


class Continuation(Detector):
    """The first sentence of a paragraph when the previous paragraph broke off mid-sentence
    (its last sentence has no final punctuation and is not a paragraph of its own): the two
    are one sentence split by a paragraph break ("Als Vermögen ¶ Beachten Sie, dass …")."""

    code = "continuation"

    def detect(self, ctx: Context) -> list[Flag]:
        p = ctx.prev
        if not ctx.is_first or p is None or p.paragraph == ctx.record.paragraph:
            return []
        if _has_final(p.source) or p.sentence == 1:
            return []
        first = _words(ctx.text)[0].group() if _words(ctx.text) else ""
        return [self.flag(f"continues the broken sentence before the paragraph break "
                          f"(“{p.source}” ¶ “{first} …”)", 0, len(first))]


class CalqueCapitalisedArticle(Detector):
    """A capitalised article or determiner right after a comma mid-sentence ("Jetzt, Die
    Information berichtet"): German writes it in lower case unless it begins a name. Real
    German names that start with an article (Die Zeit, Der Spiegel, …) are exempt."""

    code = "calque-capitalised-article"

    def detect(self, ctx: Context) -> list[Flag]:
        out = []
        for m in re.finditer(r",\s+((?:Der|Die|Das|Den|Dem|Des|Ein|Eine|Einer|Eines)\s+([\wÄÖÜäöüß-]+))",
                             ctx.text):
            if m.group(1).lower() in _legit_article_names():
                continue
            out.append(self.flag(f"capitalised article after a comma: “{m.group(1)}” reads like an "
                                 f"English title translated word for word", m.start(1), m.end(1)))
        return out


class CalqueAdverbComma(Detector):
    """A sentence-initial adverb followed by a comma ("Jetzt, …", "Tatsächlich, …"), English
    punctuation; German puts the verb next. "Jetzt, wo …" and "Heute, da …" are correct German
    and must not fire; neither must interjections ("Ja, …")."""

    code = "calque-adverb-comma"

    def detect(self, ctx: Context) -> list[Flag]:
        m = re.match(r"\s*([A-ZÄÖÜ][a-zäöüß]+),\s+([\wÄÖÜäöüß]+)", ctx.text)
        if m and m.group(1).lower() in INITIAL_ADVERBS and m.group(2).lower() not in SUBORDINATORS:
            return [self.flag(f"English-style comma after the sentence-initial adverb “{m.group(1)}”",
                              m.start(1), m.end(1) + 1)]
        return []


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

    def detect(self, ctx: Context) -> list[Flag]:
        out = []
        text = ctx.text
        low = text.lower()
        for german, (english, kind) in _names().items():
            for m in re.finditer(r"(?<![\wÄÖÜäöüß])" + re.escape(german) + r"(?![\wÄÖÜäöüß])", low):
                why = _attribution_frame(text, m.start(), m.end(), ctx)
                if why:
                    out.append(self.flag(
                        f"“{text[m.start():m.end()]}” looks like the {kind} name {english} translated "
                        f"as a common word ({why})", m.start(), m.end()))
        return out


class AttributionCommonNoun(Detector):
    """The general shape behind name-as-common-noun, for names not on the list: an article and
    a capitalised noun right after a comma mid-sentence, followed by a reporting verb
    ("…, Die Information berichtet, dass"). German would write "berichtet The Information" or
    "wie The Information berichtet"."""

    code = "attribution-common-noun"

    def detect(self, ctx: Context) -> list[Flag]:
        out = []
        for m in re.finditer(r",\s+((?:Der|Die|Das)\s+[A-ZÄÖÜ][\wäöüß-]+)\s+([a-zäöüß]+)", ctx.text):
            if m.group(2) in REPORTING_VERBS and m.group(1).lower() not in _legit_article_names():
                out.append(self.flag(f"“{m.group(1)}” is the subject of “{m.group(2)}” but reads "
                                     f"as a common noun: probably a translated name", m.start(1), m.end(1)))
        return out


class NbspInside(Detector):
    """A no-break space inside the sentence in the original document: often the trace of a link
    or italic markup around a name that was lost (“Die Information\\u00a0berichtet”)."""

    code = "nbsp-inside"
    severity = Severity.info

    def detect(self, ctx: Context) -> list[Flag]:
        orig = ctx.record.source_original
        return [self.flag("no-break space inside the sentence (lost markup?)", i, i + 1)
                for i, ch in enumerate(orig) if ch == "\u00a0"]


class LeadingSpace(Detector):
    """The paragraph starts with a space character (often U+00A0) in the original: the trace of
    a removed link or a split paragraph."""

    code = "leading-space"
    severity = Severity.info

    def detect(self, ctx: Context) -> list[Flag]:
        if not ctx.is_first or not ctx.doc_text:
            return []
        s = ctx.record.src_start
        line_start = ctx.doc_text.rfind("\n", 0, s) + 1
        prefix = ctx.doc_text[line_start:s]
        if prefix and not prefix.strip():
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in prefix}))
            return [self.flag(f"paragraph starts with a space character ({names})", 0, 0)]
        return []


class EnglishWords(Detector):
    """Two or more distinct lower-case English function words ("the", "of", "and", …) in a
    German sentence: text left untranslated. English names ("The Information", "The Who") do
    not fire, nor do German homographs ("will", "was", "die")."""

    code = "english-words"

    def detect(self, ctx: Context) -> list[Flag]:
        found = [m for m in _words(ctx.text) if m.group() in ENGLISH_FUNCTION
                 and m.group() not in GERMAN_HOMOGRAPHS]  # lower case only: "The Who" is a name
        distinct = {m.group() for m in found}
        if len(distinct) >= 2:
            return [self.flag(f"untranslated English: {', '.join(sorted(distinct))}",
                              found[0].start(), found[-1].end())]
        return []


SOURCE_DETECTORS: tuple[Detector, ...] = (
    FragmentEndsParagraph(), FragmentNoVerb(), NoFinalPunctuation(), Continuation(),
    CalqueCapitalisedArticle(), CalqueAdverbComma(), NameAsCommonNoun(), AttributionCommonNoun(),
    NbspInside(), LeadingSpace(), EnglishWords(),
)


def contexts(records: Sequence[SegmentPair], doc_text: str = "") -> Iterable[Context]:
    for i, r in enumerate(records):
        prev = records[i - 1] if i else None
        nxt = records[i + 1] if i + 1 < len(records) else None
        yield Context(r, prev, nxt, is_first=prev is None or prev.paragraph != r.paragraph,
                      is_last=nxt is None or nxt.paragraph != r.paragraph, doc_text=doc_text)


def flag_source(records: Sequence[SegmentPair], doc_text: str = "",
                detectors: Sequence[Detector] = SOURCE_DETECTORS) -> None:
    """Add source-side flags to each record (in place; needs no model)."""
    for ctx in contexts(records, doc_text):
        for d in detectors:
            ctx.record.flags.extend(d.detect(ctx))


# -- translation-side evidence -------------------------------------------------

_NAMEISH = re.compile(r"\b(?:\d[\d.,]*\d|\d|[A-Z][A-Za-z]*[&][A-Za-z&]+|[A-Z]{2,}[0-9A-Z]*)\b")


def flag_translations(records: Sequence[SegmentPair]) -> None:
    """Add translation-side flags (in place): low confidence, odd length ratio, lost names."""
    confs = [r.confidence for r in records if r.confidence is not None]
    median = statistics.median(confs) if confs else None
    for r in records:
        if not r.target:
            continue
        if r.confidence is not None:
            if r.confidence < 0.5:
                r.flags.append(Flag("low-confidence", Severity.warning,
                                    f"model confidence {r.confidence:.2f} is below 0.50"))
            elif median is not None and len(confs) >= 5 and r.confidence < median - 0.3:
                r.flags.append(Flag("low-confidence", Severity.info,
                                    f"model confidence {r.confidence:.2f} far below the document's "
                                    f"median {median:.2f}"))
        if len(r.source) >= 20:
            ratio = len(r.target) / max(1, len(r.source))
            if not 0.5 <= ratio <= 2.0:
                r.flags.append(Flag("length-ratio", Severity.warning,
                                    f"translation is {ratio:.1f}× the source's length"))
        target = r.target.replace(",", "").replace(".", "")
        target_words = set(re.findall(r"\w+", target))
        for m in _NAMEISH.finditer(r.source):
            token = m.group()
            if token.isupper() and token.isalpha() and any(
                    len(w) >= 2 and token.startswith(w) for w in target_words):
                continue  # USA → US, BRD → BRD
            if token.replace(",", "").replace(".", "") not in target:
                r.flags.append(Flag("name-mismatch", Severity.warning,
                                    f"“{token}” of the source is missing in the translation",
                                    m.start(), m.end()))


def score(record: SegmentPair) -> float:
    """A continuous garbledness score (for ROC-AUC): the sum of flag severities."""
    return float(sum(int(f.severity) ** 2 for f in record.flags))
