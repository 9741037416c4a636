"""Detectors on the German alone: typographic traces (a no-break space inside a sentence, a
paragraph opening with a space, a noun in lower case after its article)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from translate.files import data_words
from translate.flag.core import Context, Detector, Finding, certain
from translate.flag.german import ADJECTIVE_ENDING, FINITE, NOT_VERBS, STRONG_PAST, VERB_FORM, opens_adverbial
from translate.record import Severity


class NbspInside(Detector):
    """A no-break space inside the sentence in the original document: often the trace of a link
    or italic markup around a name that was lost (“Die Information\\u00a0berichtet”)."""

    code = "nbsp-inside"
    severity = Severity.info

    def score(self, ctx: Context) -> Iterator[Finding]:
        orig = ctx.record.source_original
        for i, ch in enumerate(orig):
            if ch == "\u00a0":
                yield certain("no-break space inside the sentence (lost markup?)", i, i + 1)


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
            yield certain(f"paragraph starts with a space character ({names})", 0, 0)


#: articles that are no pronouns, and a preposition fused with its article: a noun phrase follows
_NOUN_ARTICLES = frozenset("ein eine einen einem des zum zur im am vom beim ins ans".split())


#: lower-case words German writes after such an article ("ein paar", "ein bisschen", "einen
#: drauf", "ein rosa …"), and numerals ("eine eins" is a slip of spelling, not lost casing)
_LOWER_AFTER_ARTICLE = frozenset("paar bisschen bißchen wenig jeder sich drauf dran drin drüber rosa lila "
                                 "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf".split())


#: an article, a lower-case word, and the end of the phrase (punctuation or the end of the text)
_ARTICLE_THEN_LOWER = re.compile(r"\b(" + "|".join(sorted(_NOUN_ARTICLES)) + r") ([a-zäöüß]{3,})(?=\s*(?:[,.;:!?)]|$))")


class LowerCaseNoun(Detector):
    """German capitalises every noun. Machine translation that lost its casing writes nouns
    (and names) in lower case: "Porro hatte einen nachmittag, den er gegen leicester nicht
    vergessen konnte". Fires on an article that is no pronoun ("ein", "einen", "des", "im",
    "zum" …) followed by a lower-case word that is no closed-class word, no adjective, adverb or
    verb form by its ending, and that ends its noun phrase (punctuation follows). Must not fire
    on an adverb before an adjective ("ein gut gemachter Film", "des offiziell noch nicht …":
    another word follows), "ein paar", "ein bisschen", "ein wenig", "eines davon" (a pronoun), a
    superlative ("am besten"), an abbreviation ("eine ca. …"), a numeral, nor on words written
    in lower case by design (a product name such as "iPhone" is no lower-case word)."""

    code = "lower-case-noun"

    def score(self, ctx: Context) -> Iterator[Finding]:
        closed = data_words("lowercase_de.txt")
        for m in _ARTICLE_THEN_LOWER.finditer(ctx.text):
            word = m.group(2)
            if (word in closed or word in NOT_VERBS or word in _LOWER_AFTER_ARTICLE or word in FINITE
                    or word in STRONG_PAST or ADJECTIVE_ENDING.match(word) or VERB_FORM.match(word)
                    or opens_adverbial(word)
                    or (ctx.text[m.end(2):m.end(2) + 1] == "." and word in data_words("abbrev_de.txt"))):
                continue
            yield certain(f"“{m.group(1)} {word}”: a noun in lower case after its article; German capitalises "
                         f"every noun (the text lost its capitals?)", m.start(2), m.end(2))
            return
