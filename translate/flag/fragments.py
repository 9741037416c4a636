"""Detectors on the German alone: sentences broken off and fragments (a paragraph that ends
mid-sentence, a piece without a verb, a sentence continued in the next paragraph)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from translate.files import data_words
from translate.flag.core import Context, Detector, Finding, certain, has_final
from translate.flag.german import (
    ARTICLES,
    FINITE,
    INTERJECTIONS,
    PRONOUNS,
    SPEAKER_TAG,
    is_finite,
    standalone,
    verbish,
    word_matches,
)
from translate.flag.syntax import has_verb
from translate.record import SegmentPair, Severity
from translate.segment import segmenter


def _broken_off(record: SegmentPair) -> bool:
    """Does a sentence end without its end: no final punctuation, and no verb ("Als Vermögen")
    or a last word that cannot end a sentence (an article, preposition or conjunction: "…
    berichtet, dass"; a comma). Markup, hashtags and speaker tags alone, and speech that its
    speaker breaks off with a dash ("Sie machen keine –"), are not broken off, nor is a whole
    clause that merely lacks its period ("Die Flagge ist auch ein tolles Extra", frequent in
    reviews and posts)."""
    text = re.sub(r"<[^>]*>|#\w+|[(\[][^)\]]*[)\]]", " ", record.source).rstrip()  # markup, hashtags, tags
    if has_final(text) or standalone(record) or not any(c.isalpha() for c in text):
        return False
    if text.endswith(("-", "–", "—")):
        return False  # speech broken off by its speaker ("Sie machen keine –"), the original's own
    words = word_matches(text)
    last = words[-1].group().lower() if words else ""
    return not verbish(text) or last in _CANNOT_END or text.endswith(",")


#: words a German sentence cannot end with: articles, prepositions, conjunctions ("… sagte, dass")
_CANNOT_END = ARTICLES | frozenset(
    "und oder aber sondern denn dass weil wenn ob obwohl als wie mit von zu zum zur für gegen ohne über unter "
    "durch neben zwischen hinter bei beim nach aus an auf in im am um vor seit trotz wegen laut".split())


class FragmentEndsParagraph(Detector):
    """A paragraph whose last sentence broke off (see :func:`_broken_off`) although an earlier
    sentence of the same paragraph is complete: "…Wirklichkeit wird. Als Vermögen". Must not
    fire on headlines or list items, which are paragraphs of their own, on a last clause that
    merely lacks its period, nor on a short answer to the question before it ("… wie ein
    menschliches Wesen? Nicht einmal ansatzweise")."""

    code = "fragment-ends-paragraph"
    severity = Severity.error

    def score(self, ctx: Context) -> Iterator[Finding]:
        if ctx.is_last and not ctx.is_first and _broken_off(ctx.record) and not _answer(ctx):
            yield certain("paragraph ends mid-sentence: no final punctuation", 0, len(ctx.text))


def _answer(ctx: Context) -> bool:
    return _answers(ctx.record, None if ctx.is_first else ctx.prev)


def _answers(record: SegmentPair, before: SegmentPair | None) -> bool:
    """Is a verbless sentence the answer to the question before it in its paragraph ("Spricht er
    wie ein Mensch? Nicht einmal ansatzweise"), not a piece of a broken one? Not when it ends in
    a word or a comma that cannot end a sentence."""
    text = record.source.rstrip()
    words = word_matches(text)
    return (before is not None and before.source.rstrip().endswith("?") and bool(words)
            and words[-1].group().lower() not in _CANNOT_END and not text.endswith(","))


#: words that open a clause or a comparison and cannot end a text without one ("Als …", "Und …")
BROKEN_OPENERS = frozenset("als wie dass weil wenn ob obwohl und aber oder denn sondern laut gemäß sowie während "
                           "nachdem bevor damit sodass".split())


#: a finite verb and its count, a comma, then a capitalised word and a count: "tötet 1, Fallen 5"
#: (English "kills 1, injures 5": the second verb read as a noun, or capitalised in title case)
_SPLICED = re.compile(r"\b([a-zäöüß]{3,}) (\d+(?:[.,]\d+)*), ([A-ZÄÖÜ][a-zäöüß]{2,}) (\d+(?:[.,]\d+)*)"
                      r"(?=\s*(?:[.,;:!?)]|$|und\b|oder\b|in\b|im\b|bei\b|nach\b|am\b|auf\b))")


class FragmentNoVerb(Detector):
    """A segment of at most six words with no verb-like word, inside running text (not a
    paragraph of its own, which would be a headline or dateline; not a heading, list item, table
    cell or caption of a structured document). A paragraph of its own too when it has at most
    five words, no final punctuation, and opens with a conjunction or with "als", "wie", "laut":
    it broke off before its clause ("Als Vermögen", "Und in einem"); headlines do not open so
    (none of 2,559 human German lines of ../shared/dev does). Anywhere, headlines too: a
    comma-spliced piece where a second verb belongs, "Erdbeben tötet 1, Fallen 5" (a verb and
    its count, then a capitalised word shaped like a verb and a count; "tötet 1, verletzt 5" is
    German, and so is "Er kaufte 3, Anna 2"). Anywhere in running text, a source named after
    "als", "wie", "laut" or "gemäß" and cut off with a period ("Die Preise stiegen. Wie die BBC.
    Die Gespräche …": "As the BBC [reported], …"), not an answer ("Wann? Als Kind.") nor "Wie
    ein Traum.", "Wie immer.".

    Must not fire on an exclamation or question ("Cooles Konzept!", "Warum?"), words of speech
    alone ("Ja, danke."), an imperative ("Vergiss mich.") or a list item: German writes those
    without a verb; nor on a dateline or title run into its paragraph ("Dortmund Das größte …",
    "Klasse Lampe Mein 5-Jähriger …"; not "Guess Ich muss …"). A verbless sentence with its
    final punctuation is only info, unless the
    segmenter cut it from a sentence without an end: reviews, posts and speech are full of them
    ("Null Polsterung.", "Schon wieder."), and in WMT23's machine translation they follow the
    English original's own ellipses."""

    code = "fragment-no-verb"
    ellipsis = 0.25  # the score of a verbless sentence with its final punctuation: info
    below = Severity.info

    def score(self, ctx: Context) -> Iterator[Finding]:
        for m in _SPLICED.finditer(ctx.text):
            if is_finite(m.group(1)) and is_finite(m.group(3).lower()):  # not gapping: "Er kaufte 3, Anna 2."
                yield certain(f"“{m.group()}”: a comma-spliced piece without a verb; after “{m.group(1)} "
                             f"{m.group(2)}” a second verb belongs where “{m.group(3)}” stands, in lower case "
                             f"(an English headline's verb taken for a noun?)", m.start(3), m.end(4))
        # markup and speaker tags of transcripts: "<lachen/>", "(PERSON7) Ah, okay."
        text = re.sub(r"<[^>]*>", " ", ctx.text).strip()
        tag = SPEAKER_TAG.match(text)
        text = text[tag.end():] if tag else text
        words = word_matches(text)
        if _cut_phrase(ctx, text, words):
            yield certain("a prepositional phrase alone with its period inside running text: cut from its clause "
                         "(a sentence fragment)", 0, len(ctx.text))
            return
        if _cut_attribution(ctx, text, words):
            yield certain(f"“{text}”: a source named, then cut off before its verb (“As the BBC [reported], …” "
                         f"translated and broken at a period)", 0, len(ctx.text))
            return
        if (len(words) > 6 or standalone(ctx.record) or verbish(text)
                or not any(w.group().isalpha() for w in words) or re.fullmatch(r"\(.*\)|\[.*\]", text)):
            return  # and no punctuation alone ("!", "2)") or an aside ("(PERSON11)") either
        if text.endswith(("!", "?")) or all(w.group().lower() in INTERJECTIONS for w in words):
            return  # an exclamation, a question or a word of speech: "Cooles Konzept!", "Warum?", "Ja, danke."
        if re.match(r"(?:\d+[.)]|[-•*–])\s", text):
            return  # a list item in running text: "3) Support für mehr Apps."
        if _run_in_title(ctx, words):
            return  # "Dortmund Das größte deutsche Stadion …", "Klasse Lampe Mein 5-Jähriger …"
        if not (ctx.is_first and ctx.is_last):
            glued = ctx.prev is not None and not ctx.is_first and not has_final(ctx.prev.source)
            if (has_final(text) or _answer(ctx)) and not glued:  # glued: cut from a sentence without an end
                yield Finding(self.ellipsis, "a sentence without a verb: an ellipsis, or a fragment?", 0, len(ctx.text))
            else:
                yield certain("sentence fragment: no verb", 0, len(ctx.text))
        elif 1 < len(words) <= 5 and words[0].group().lower() in BROKEN_OPENERS and not has_final(ctx.text):
            yield certain(f"sentence fragment: opens with “{words[0].group()}” and breaks off without a verb",
                         0, len(ctx.text))


#: prepositions of time, cause and concession, which open an adverbial that needs its clause ("Trotz
#: der Krise …", "Nach Wochen der Kritik …"); not "für", "mit", "ohne", whose phrases make a review's
#: verbless sentences ("Für den Preis ein super Produkt mit tollem Klang.")
_PHRASE_PREPOSITIONS = frozenset("trotz nach wegen seit während aufgrund angesichts infolge dank inmitten ungeachtet "
                                 "anlässlich".split())

#: phrases that open an elliptical sentence of good German ("Vor allem die Waggons …", "Zum Beispiel …")
_ELLIPSIS_OPENERS = frozenset({"vor allem", "zum beispiel", "unter anderem", "im gegenteil", "in erster",
                               "mit anderen", "auf jeden", "vor kurzem", "zum glück"})


def _cut_phrase(ctx: Context, text: str, words: list[re.Match[str]]) -> bool:
    """A sentence of seven words or more that is one prepositional phrase without a verb, with
    its period, beside other sentences of its paragraph: English punctuation cut it from its
    clause ("… einen Rekordgewinn. Trotz der Krise in Asien und den steigenden Kosten. Die Aktie
    stieg …"). None of the 4,209 human sentences of ../shared/dev has the shape, nor any of
    WMT23's system lines. Not a heading, list item or caption, nor an elliptical opener ("Vor
    allem die Waggons …")."""
    low = [w.group().lower() for w in words]
    return (7 <= len(words) <= 30 and not (ctx.is_first and ctx.is_last) and text.endswith(".")
            and not standalone(ctx.record) and low[0] in _PHRASE_PREPOSITIONS
            and " ".join(low[:2]) not in _ELLIPSIS_OPENERS and not has_verb(["", *(w.group() for w in words)]))


def _cut_attribution(ctx: Context, text: str, words: list[re.Match[str]]) -> bool:
    """A sentence of "als", "wie", "laut" or "gemäß" and a name or capitalised noun, maybe after
    a definite article, alone with its period beside other sentences of its paragraph: an
    attribution cut from its clause ("Wie die BBC. Die Gespräche …", "Als Vermögen. …"). Not the
    answer to a question ("Wann? Als Kind."), nor with an indefinite article or a lower-case word
    ("Wie ein Traum.", "Wie immer.")."""
    if not 2 <= len(words) <= 4 or words[0].group().lower() not in ("als", "wie", "laut", "gemäß"):
        return False
    names = [w.group() for w in words[1:]]
    if names[0] in ("der", "die", "das", "den", "dem"):
        names = names[1:]
    return (bool(names) and all(w[:1].isupper() for w in names) and text.endswith(".")
            and not (ctx.is_first and ctx.is_last) and not standalone(ctx.record) and not _answer(ctx))


def _run_in_title(ctx: Context, words: list[re.Match[str]]) -> bool:
    """Is the segment a dateline or title run into its paragraph, which the segmenter cut off
    at the capital after it? One or two capitalised words, no closed-class word, opening the
    paragraph, without punctuation, and not before "Ich" (a dateline is followed by a report;
    "Guess Ich muss sehen …" is an English word left before a German sentence)."""
    closed = data_words("lowercase_de.txt")
    nxt = ctx.next.source if ctx.next is not None else ""
    return (ctx.is_first and not ctx.is_last and len(words) <= 2 and not has_final(ctx.text)
            and all(w.group()[:1].isupper() and w.group().lower() not in closed for w in words)
            and not nxt.startswith("Ich "))


class NoFinalPunctuation(Detector):
    """Any segment without final punctuation (a headline is fine, hence only info; a heading,
    list item, table cell or caption of a structured document is not flagged at all)."""

    code = "no-final-punctuation"
    severity = Severity.info

    def score(self, ctx: Context) -> Iterator[Finding]:
        if not has_final(ctx.text) and not standalone(ctx.record):
            yield certain("no closing punctuation", len(ctx.text), len(ctx.text))


class Continuation(Detector):
    """The first sentence of a paragraph when the previous paragraph broke off mid-sentence
    (its last sentence has no final punctuation and is not a paragraph of its own): the two
    are one sentence split by a paragraph break ("Als Vermögen ¶ Beachten Sie, dass …")."""

    code = "continuation"

    def score(self, ctx: Context) -> Iterator[Finding]:
        p = ctx.prev
        if not ctx.is_first or p is None or p.paragraph == ctx.record.paragraph:
            return
        if p.sentence == 1 or not _broken_off(p):
            return
        at = next((k for k, r in enumerate(ctx.doc.records) if r is p), 0)
        if at and ctx.doc.records[at - 1].paragraph == p.paragraph and _answers(p, ctx.doc.records[at - 1]):
            return  # the previous paragraph ended in an answer to its question
        first = word_matches(ctx.text)[0].group() if word_matches(ctx.text) else ""
        yield certain(f"continues the broken sentence before the paragraph break "
                     f"(“{p.source}” ¶ “{first} …”)", 0, len(first))


#: conjunctions whose clause must end in its verb and that German does not use elliptically
#: ("wenn überhaupt", "ob mit oder ohne", "weil zu teuer", "obwohl ohne Erfolg" are German)
_VERB_LAST_OPENERS = frozenset("dass nachdem bevor sobald sodass indem".split())

#: relative pronouns (a d-word opening a clause after a comma)
_RELATIVES = frozenset("der die das dem den deren dessen denen".split())

#: prepositions and determiners, which cannot follow an article inside a noun phrase: after a
#: d-word they make it a relative pronoun ("das im Dezember …", "die einige Kritiker …"), not an
#: article ("die meisten davon", "der mittlerweile 77 Jahre alte Frontmann")
_PREPOSITIONS = frozenset("im am zum zur vom beim ins in an auf aus bei mit nach von vor zu für gegen ohne über "
                          "unter durch neben zwischen hinter trotz wegen seit während bis laut".split())
_DETERMINERS = ARTICLES | frozenset("kein keine keinen keinem keiner jeder jede jedes jeden jedem mein meine sein "
                                    "seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere alle viele "
                                    "einige mehrere manche beide".split())
_NOT_AFTER_ARTICLE = _PREPOSITIONS | _DETERMINERS | PRONOUNS | frozenset("ihn ihm uns sich".split())


@cache
def _no_verb_words() -> frozenset[str]:
    """Lower-case words that are no verb: the project's closed-class words without their verb
    forms, and possessives."""
    return (data_words("lowercase_de.txt") - FINITE - {"gibt", "gab"}) | _DETERMINERS | frozenset(
        "deren dessen denen nicht sehr".split())


def _opens_clause(words: list[str]) -> bool:
    if not words:
        return False
    first = words[0]
    return first in _VERB_LAST_OPENERS or (first in _RELATIVES and len(words) > 1 and words[1] in _NOT_AFTER_ARTICLE)


def _without_verb(words: list[str]) -> bool:
    """No word of the clause after its opener can be a verb: every lower-case word is a
    closed-class word, a number or an adjective between a determiner or preposition and a
    capitalised noun ("wegen einer neuen Kampagne")."""
    closed = _no_verb_words()
    for k in range(1, len(words)):
        w = words[k]
        if not w[:1].islower() or w in closed or w.isdigit():
            continue
        attributive = (k + 1 < len(words) and words[k + 1][:1].isupper() and words[k - 1] in closed
                       and re.search(r"(?:e|en|er|es|em)$", w) and not is_finite(w))
        if not attributive:
            return False
    return True


#: a word that may open such a clause: most texts have none after a comma, and are passed over
_CLAUSE_WORD = re.compile(r",\s+(?:" + "|".join(sorted(_VERB_LAST_OPENERS | _RELATIVES)) + r")\b")

#: what keeps a comma's piece from being read on its own: brackets, quotes, a colon, a dash
_NOT_PLAIN = re.compile(r"[()\[\]„“”\"»«:;]|\s[-–—]\s")


class UnfinishedClause(Detector):
    """A relative or subordinate clause that ends without its verb: German puts a clause's finite
    verb last, so a clause opened after a comma ("…, das im Dezember …", "…, dass …") that reaches
    the end of its sentence, or only a clause nested in it, without any word that could be a
    verb has lost it in translation ("Unter dem Dach von Kering ist Gucci, das im Dezember wegen
    einer Kampagne mit Harry Styles, die einige Kritiker auch sexualisierte Kinder vorwegnahm.":
    "which faced backlash in December for a campaign …", the backlash left out; "Ich weiß,
    dass."; "…, dass die Zeit, die wir … ausgeben."). Opened by a conjunction German never leaves
    without its verb (dass, nachdem, bevor, sobald, sodass, indem; not "wenn überhaupt", "ob
    mit oder ohne", "weil zu teuer"), or by a relative pronoun: a d-word followed by a
    preposition, determiner or pronoun, which no article is ("das im Dezember …"; not "die
    meisten davon", "der mittlerweile 77 Jahre alte Frontmann", "der in Berlin lebende
    Künstler"). A relative clause at the very end of its sentence needs two prepositional
    phrases, since colloquial German says "das Kleid, das mit den Blumen." Any lower-case word
    that is no closed-class word counts as a possible verb, so a clause with an unknown verb is
    never taken for a verbless one; a sentence that trails off ("Ich hoffe nur, dass …") is left
    alone. On WMT23's 6,127 system lines it fires on 6, all broken; on the 2,559 human lines of
    ../shared/dev, none."""

    code = "unfinished-clause"

    def score(self, ctx: Context) -> Iterator[Finding]:
        text = ctx.text
        if "," not in text or not _CLAUSE_WORD.search(text):
            return
        for start, stop in segmenter("de").split(text):  # a record is a sentence; a paragraph in evaluations
            sentence = text[start:stop].rstrip("\"“”»«’' ")
            if not has_final(sentence) or sentence.endswith(("…", "..")):
                continue  # a sentence broken off on purpose ("Ich hoffe nur, dass …") is no lost verb
            body = sentence.rstrip(".!?")
            pieces = list(re.finditer(r"[^,]+", body))
            words = [[w.group() for w in word_matches(p.group())] for p in pieces]
            for i in range(1, len(pieces)):
                if _NOT_PLAIN.search(pieces[i].group()) or not _opens_clause(words[i]) or not _without_verb(words[i]):
                    continue
                last = i == len(pieces) - 1
                nested = i == len(pieces) - 2 and _opens_clause(words[i + 1])
                if last and words[i][0] in _RELATIVES and sum(w in _PREPOSITIONS for w in words[i]) < 2:
                    continue  # "das Kleid, das mit den Blumen": colloquial, a verb not needed
                if last or nested:
                    at = start + pieces[i].start() + len(pieces[i].group()) - len(pieces[i].group().lstrip())
                    end = start + pieces[i].end()
                    clause = text[at:end]
                    yield certain(f"“{clause}”: the clause opened by “{words[i][0]}” ends without its verb (German "
                                 f"puts it last): a verb, or more, lost in translation?", at, end)
                    return
