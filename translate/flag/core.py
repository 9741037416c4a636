"""The shape every flag detector has, and what detectors share: :class:`Stage`, :class:`Detector`
(a code, a severity, a stage and a threshold; :meth:`Detector.score` measures, :meth:`Detector.decide`
flags), :class:`Finding`, :class:`Context` (a record, its neighbours, its document) and
:class:`Document` (the document's records and the facts detectors derive from them, each computed
once), and the German word lists and helpers the detectors build on."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache, cached_property
from typing import TypeVar

from translate.files import data_tsv, data_words
from translate.record import FINAL_PUNCTUATION, Flag, SegmentPair, Severity

T = TypeVar("T")


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
    "jetzt heute gestern morgen tatsächlich letztlich schließlich zuvor später dennoch "
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


#: words that are German and English alike ("die", "will", "was"): no sign of either language
HOMOGRAPHS = frozenset("in an am um die so will was man also bin hat war".split())


VERBISH = re.compile(r"^[a-zäöüß]+(?:t|te|ten|en|st|et|n)$")


#: subordinating conjunctions: a clause they open ends in its verb, and the main clause's finite
#: verb follows the comma ("Wenn es regnet, bleiben wir")
CLAUSE_OPENERS = frozenset(
    "wenn als weil obwohl nachdem bevor seit seitdem sobald falls während da damit ob sodass solange "
    "indem ehe bis sofern soweit wie".split()
)


#: words before a comma that German allows before a verb-first or subject-first clause
DISCOURSE = frozenset("ja nein also nun na naja tja ach oh gut okay ok klar genau bitte danke hallo "
                      "übrigens apropos kurzum sprich stimmt richtig".split())


#: words that can open a German subject: articles, determiners, pronouns, possessives
SUBJECT_OPENERS = frozenset(  # nominative forms only: "einem Vorort", "dem Berater" are no subjects
    "der die das ein eine dieser diese dieses jeder jede jedes kein keine alle viele einige mehrere "
    "manche beide ich er es wir man sie mein meine sein seine unser unsere ihr ihre "
    "zwei drei vier fünf sechs sieben acht neun zehn zwölf hundert tausend".split()
)


PRONOUNS = frozenset("ich er es wir man sie".split())


#: finite verbs too common or too irregular for VERB_FORM
FINITE = frozenset("ist sind war waren wird werden wurde wurden hat haben hatte hatten kann können konnte "
                   "konnten muss müssen musste soll sollen sollte will wollen wollte darf gibt gab geht ging "
                   "kam kommt sah sieht traf trifft bleibt blieb liegt lag steht stand fand findet hält hielt "
                   "nahm nimmt gilt galt bringt brachte "
                   # first and second person, subjunctive and modal forms ("ich habe", "er sei")
                   "bin bist sei seien wäre wären habe hast hätte hätten werde wirst würde würden könnte "
                   "könnten müsste müssten sollten dürfte dürften durfte möchte möchten mag mochte weiß "
                   "tut tat".split())


#: frequent strong (irregular) past forms: finite verbs VERB_FORM does not recognise
STRONG_PAST = frozenset(
    "stieg fiel beschloss schrieb sprach traf kam ging sah nahm gab fand hielt ließ blieb lag stand rief zog "
    "trug wuchs sank lief fuhr flog schlug warf verlor gewann begann bot bat wies schien stieß griff hob "
    "bewies entschied erschien erhielt verließ betrug gelang geschah starb brach sprang trat vergaß las saß "
    "wusste dachte brachte kannte nannte rannte sandte wandte empfahl verbot verschwand fing hing".split()
)


#: a lower-case word with a verb's finite ending (3rd person present or past, plural)
VERB_FORM = re.compile(r"^[a-zäöüß]{2,}(?:t|te|ten|en|st|et)$")


#: adverbs with a verb-like ending
NOT_VERBS = frozenset("nicht meist selbst sonst längst zumindest mindestens höchstens insgesamt zunächst "
                      "erst fast jetzt bereits zuletzt bislang unten oben hinten vorn dorthin hinaus heraus "
                      "hinweg hinzu voraus zurück weiter".split())


_ADJECTIVE_ENDING = re.compile(r"^[a-zäöüß]+(?:e|en|er|es|em)$")


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
        self._memo: dict[Callable[[Document], object], object] = {}

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
        return self._memo[compute]


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
    """Has the text a verb-like word: a lower-case word after the first with a verb's ending, a
    known finite form anywhere ("Was war da los?", "Ist das wahr?"), or a personal pronoun, which
    comes with a verb of its own ("Ich wiederhole.", "Vergiss mich.")."""
    words = [re.sub(r"['’]s$", "", m.group()) for m in _words(text)]  # "gibt's", "Was soll's"
    if len(words) >= 2 and words[1] in _OBJECT_PRONOUNS and words[0].lower() not in data_words("lowercase_de.txt"):
        return True  # an imperative: "Vergiss mich", "Gib dir mehr Mühe" (not "Für mich")
    return (any(w.lower() in FINITE or w.lower() in STRONG_PAST or w.lower() in _CLAUSE_PRONOUNS for w in words)
            or any(VERBISH.match(w) and w not in ARTICLES for w in words[1:])
            or bool(words and words[0].islower() and VERBISH.match(words[0])))  # "kauft den …"


#: personal pronouns: a segment with one has a clause ("Ich wiederhole.", "Brauchen Sie Hilfe?")
_CLAUSE_PRONOUNS = frozenset("ich du er wir ihr sie".split())


#: object pronouns, which follow an imperative ("Vergiss mich", "Gib dir Mühe")
_OBJECT_PRONOUNS = frozenset("mich dich mir dir uns euch sich ihn ihm".split())


#: words of speech that make a sentence on their own ("Ja, danke.", "Ah, okay.")
INTERJECTIONS = DISCOURSE | frozenset("danke ah äh ähm hm oh wow super prima toll einverstanden sicher".split())
