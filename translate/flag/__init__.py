"""Flag garbled segments, with a stable code, a severity, a span and a reason.

Every check is a :class:`Detector` of one shape, in the manner of OpusFilter's filters: a
``code``, a ``severity``, a ``stage`` (``source``: the German alone, no model needed;
``translation``: after the translate step; ``link``: an aligned pair), a ``threshold`` and a
docstring that says what it catches and what it must not. :meth:`Detector.score` measures
(it yields :class:`Finding` s with a score, higher = more suspect) and :meth:`Detector.decide`
turns a finding into a flag or nothing; the score is kept apart from the decision, so a
threshold can be studied (``scripts/eval_flags.py``) without touching the measuring.
:data:`DETECTORS` lists them all; :func:`flag` runs those of one stage over a document. The
shape and what detectors share are in :mod:`translate.flag.core`. The detectors on the German
alone (stage ``source``), by the kind of damage they catch: :mod:`~translate.flag.fragments`
(sentences broken off), :mod:`~translate.flag.syntax` (English word order and capitals),
:mod:`~translate.flag.names` (English names translated as common words),
:mod:`~translate.flag.form` (typographic traces), :mod:`~translate.flag.loops` (phrases said
twice), :mod:`~translate.flag.quotes` (marks without their pair) and
:mod:`~translate.flag.english` (English dates and words, other languages), with the German word
lists they share in :mod:`~translate.flag.german`; the translation-side ones in
:mod:`~translate.flag.translation`, the bilingual ones in :mod:`~translate.flag.link`.
Severities: ``info`` (a trace worth knowing), ``warning`` (check this segment), ``error`` (do
not trust this segment).

Codes (stable; documented in the README):

=============================  ========  ==================================================
code                           severity  what
=============================  ========  ==================================================
fragment-ends-paragraph        error     paragraph ends mid-sentence (no final punctuation
                                         after an earlier sentence of the same paragraph)
fragment-no-verb               warning   a short segment with no verb-like word (info when
                                         it ends in a period: an ellipsis)
no-final-punctuation           info      a segment without final punctuation (headlines)
continuation                   warning   a paragraph's first sentence continues the broken
                                         sentence that ended the previous paragraph
unfinished-clause              warning   "…, das im Dezember wegen einer Kampagne …, die …
                                         vorwegnahm.": a relative or subordinate clause
                                         that ends without its verb
calque-capitalised-article     warning   "…, Die Information berichtet": a capitalised article
                                         or determiner after a comma, mid-sentence
capitalised-function-word      warning   "…, Ich hatte", "…, Dies könnte", "Gelenkhilfe Für
                                         Hunde", "„Lender Watch“ Inmitten": a pronoun,
                                         conjunction or preposition capitalised
                                         mid-sentence (English capitals)
calque-adverb-comma            warning   "Jetzt, …": English comma after a sentence-initial
                                         adverb
verb-second                    warning   an opening adverbial or clause, a comma, then the
                                         subject instead of the finite verb; "…, Bloomberg
                                         berichtete." (a reporting clause, subject first)
verb-final                     warning   "…, wenn es kam in 2012": a subordinate clause with
                                         its finite verb right after the subject
missing-subject                warning   "In einer Erklärung, die …, behauptete, dass": an
                                         opening phrase, a saying verb, a comma: the subject
                                         lost
name-as-common-noun            error     a known English name translated as a common word in
                                         an attribution frame ("Als Vermögen", "laut Apfel")
attribution-common-noun        warning   the general shape: an article + capitalised noun as
                                         the subject of a reporting verb mid-sentence (not
                                         a noun for people who report: "Der Trainer")
half-translated-name           warning   an English company name (… Limited, Ltd, Inc) with
                                         German words in it ("Kontakt Left Limited")
nbsp-inside                    info      a no-break space inside the sentence (lost markup)
leading-space                  info      the paragraph starts with a space character
repetition                     warning   a phrase of three or more words repeated straight
                                         after itself, or of eight said twice in a paragraph
                                         (within 40 words from the German alone; five, with
                                         the English original, when its names come more
                                         often than in the English: a machine-translation
                                         loop), two after a comma and an article, again
                                         after a comma with another ending (two
                                         renderings), or "verletzt und verletzt" (two words
                                         made one); five words with a noun said twice in
                                         one sentence
unpaired-mark                  warning   „A“ B“: a quotation cut in two (a closing mark with
                                         none open), "Wähler“ im Publikum" (its opening
                                         mark lost), "Sitzplätzen „, heißt es" (“ written
                                         as „), a headline's quotation never closed, a mark
                                         between two periods ('frei.". In'), a quotation
                                         closed after its sentence's period while the
                                         sentence goes on ('haben.“ eines …'); with the
                                         English original, a bracket left without its pair
lower-case-noun                warning   "einen nachmittag,": a noun in lower case after its
                                         article (the text lost its capitals)
uninflected-participle         warning   "… wegen Mordes angeklagt Chicago Schule Schießerei":
                                         a noun phrase after the participle that closes its
                                         clause, no verb governing it (English order)
verb-bracket                   warning   "Sie hatte nie gesehen etwas wie es": a participle or
                                         infinitive before its object (English word order)
english-date                   warning   "am Januar 6, 2021": a date in English order, the
                                         day after its month, or torn apart at the month's
                                         period ("im Januar zu blockieren. 6 Ausschuss"),
                                         "im 1995" for "in 1995"
english-number                 info      "3,000 Menschen", "1.5 Millionen": a number in
                                         English notation (German: 3.000, 1,5)
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
name-translated                warning   a name of the English original that the German does
                                         not copy: translated word for word?
untranslated                   warning   the German side of an aligned pair is English, or
                                         copies a stretch of the English word for word
omission                       warning   the English of an aligned pair says more: a sentence
                                         left out, an English sentence without German, or
                                         a dateline ("BERLIN (AP) -") the German lacks
addition                       warning   a German sentence without English beside an English
                                         one without German: renders it in part or says
                                         something else (alone: info, added?)
=============================  ========  ==================================================
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from translate.flag.core import Context, Detector, Document, Embed, Finding, Stage
from translate.flag.english import EnglishDate, EnglishNumber, EnglishWords, NotGerman
from translate.flag.form import LeadingSpace, LowerCaseNoun, NbspInside
from translate.flag.fragments import (
    Continuation,
    FragmentEndsParagraph,
    FragmentNoVerb,
    NoFinalPunctuation,
    UnfinishedClause,
)
from translate.flag.link import (
    Addition,
    MeaningMismatch,
    NameTranslated,
    Omission,
    UntranslatedSide,
    WeakLink,
    english_names,
)
from translate.flag.loops import LOOP_WITHIN, Repetition
from translate.flag.names import AttributionCommonNoun, HalfTranslatedName, NameAsCommonNoun
from translate.flag.quotes import UnpairedMark
from translate.flag.syntax import (
    CalqueAdverbComma,
    CalqueCapitalisedArticle,
    CapitalisedFunctionWord,
    MissingSubject,
    UninflectedParticiple,
    VerbBracket,
    VerbFinal,
    VerbSecond,
)
from translate.flag.translation import LengthRatio, LowConfidence, NameMismatch, SplitForLength
from translate.record import SegmentPair

__all__ = ["DETECTORS", "LOOP_WITHIN", "Context", "Detector", "Document", "Finding", "Stage", "contexts",
           "detectors", "english_names", "flag", "score"]

#: every detector, in the order their flags are listed on a record
DETECTORS: tuple[Detector, ...] = (
    FragmentEndsParagraph(), FragmentNoVerb(), NoFinalPunctuation(), Continuation(), UnfinishedClause(),
    CalqueCapitalisedArticle(), CapitalisedFunctionWord(), CalqueAdverbComma(), NameAsCommonNoun(),
    AttributionCommonNoun(), HalfTranslatedName(), NbspInside(), LeadingSpace(), EnglishWords(), NotGerman(),
    VerbSecond(), VerbFinal(), MissingSubject(), Repetition(), UnpairedMark(), LowerCaseNoun(),
    UninflectedParticiple(), VerbBracket(), EnglishDate(), EnglishNumber(),
    LowConfidence(), LengthRatio(), NameMismatch(), SplitForLength(),
    WeakLink(), MeaningMismatch(), NameTranslated(), UntranslatedSide(), Omission(), Addition(),
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
         after: SegmentPair | None = None, embedder: Embed | None = None,
         **facts: str) -> None:
    """Run the detectors of ``stage`` (or ``only`` these) over one document's records, adding
    their flags to each record in place. For a block of a longer document, ``before`` and
    ``after`` are its neighbours (seen by the detectors, not flagged). ``facts`` tell detectors
    how the records were made (``similarity="mt"`` for an alignment guided by machine translation,
    ``original="de"`` for a German original with its English translation); ``embedder``, where
    the caller has multilingual embeddings, lets detectors compare words' meanings."""
    seen = [*([before] if before else []), *records, *([after] if after else [])]
    doc = Document(records, doc_text, embedder, **facts)
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
