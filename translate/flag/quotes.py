"""Detectors on the German alone (and the English original where it is known): quotation marks
and brackets left without their pair."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from translate.files import data_words
from translate.flag.core import Context, Detector, Document, Finding, certain

#: what may follow a quotation in lower case without the sentence going on inside it: "so" and a
#: reporting verb ("…“ sagte er", "…“ so der Sprecher": a quotation from sentences before)
_REPORTING = (r"so|sagte|sagt|sagten|heißt|hieß|erklärte|erklärt|schrieb|schreibt|meinte|meint|fügte|betonte|"
              r"berichtete|teilte|ergänzte|sprach|rief|fragte")


#: after a closing quotation mark: the sentence goes on ("… Wähler“ im Publikum", "Gift“ -Kollektion"),
#: not with a reporting verb
_GOES_ON = re.compile(rf"\s?-\w|\s+(?!(?:{_REPORTING})\b)[a-zäöüß]")


#: a quotation closed after a sentence's period, the sentence going on in lower case ('… Vorrang
#: haben.“ eines ordnungsgemäßen Verfahrens …', '… nicht angerufen.“ für einen König'): not before
#: a reporting verb ('… kommen.“ sagte er': a comma lost) nor a conjunction joining two quotations
#: ('„… tot.“ oder „…“'); the word before the period is checked for an abbreviation ('usw.“ in …')
_CLOSED_EARLY = re.compile(rf"\b(?P<word>[^\W\d_]{{2,}})\.[“\"”](?=\s+(?!(?:{_REPORTING}|und|oder|aber|sowie)\b)"
                           r"[a-zäöüß])")


def _quote_kinds(text: str) -> Iterator[tuple[str, int]]:
    """Each quotation mark of ``text`` as ("open" | "close" | "", offset): „ opens; “ closes in
    German quoting (with „ in the text, or no ” at all) and opens in English quoting; ” closes; a
    straight " opens after a space and before a word, closes after a word and before a space or
    punctuation, and is "" (unknown) otherwise."""
    german = "„" in text or "”" not in text
    for m in re.finditer(r'["„“”]', text):
        c, i = m.group(), m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if c == '"':
            if (before.isspace() or before in "([–—/") and not after.isspace():
                yield "open", i
            elif not before.isspace() and (after.isspace() or after in ".,;:!?)–-"):
                yield "close", i
            else:
                yield "", i
        else:
            yield ("open" if c == "„" or (c == "“" and not german) else "close"), i


@dataclass
class _Quotes:
    """How the quotation marks of a text pair up, read left to right (see :func:`_quotes`)."""

    known: bool  # every mark could be told open or closed
    stray: list[tuple[int, bool]]  # closing marks with none open: (offset, whether one opened before)
    unclosed: list[int]  # opening marks never closed


def _quotes(text: str) -> _Quotes:
    kinds = list(_quote_kinds(text))
    opened: list[int] = []
    stray: list[tuple[int, bool]] = []
    seen_open = False
    for kind, i in kinds:
        if kind == "open":
            opened.append(i)
            seen_open = True
        elif opened:
            opened.pop()
        else:
            stray.append((i, seen_open))
    return _Quotes(all(kind for kind, _ in kinds), stray, opened)


def _stray_closing_quote(text: str) -> int | None:
    """Offset of a German closing quotation mark (“) with no quotation open, after a quotation
    that opened („) and closed earlier in ``text``: „A“ B“, a quotation cut in two. None when the
    text quotes in the English style (“…”), mixes in straight marks, or has no such mark."""
    if "„" not in text or "”" in text or '"' in text:
        return None  # no German quotation marks, or other marks that may open or close
    return next((i for i, after_one in _quotes(text).stray if after_one), None)


def _lost_opening_quote(text: str) -> int | None:
    """Offset of a closing quotation mark with no quotation open, right after a word and with its
    sentence going on after it ("die sogenannten unabhängigen Wähler“ im Publikum", "The Gift“
    -Kollektion"): the quotation's opening mark lost inside the sentence. A quotation that opened
    in an earlier paragraph or sentence ends after punctuation or before a reporting verb ("…
    töten,“ so der Sprecher"). None when a mark cannot be told open or closed."""
    quotes = _quotes(text)
    if not quotes.known:
        return None
    return next((i for i, _ in quotes.stray if i and text[i - 1].isalpha() and _GOES_ON.match(text, i + 1)), None)


def _never_closed(text: str) -> int | None:
    """Offset of the last quotation mark opened and never closed, when it is not the paragraph's
    first character and the paragraph ends without final punctuation or a comma (a headline, or a
    translation cut off: 'nennt Urlaubskampagne "dummen Fehler'); a quotation that runs into the
    next paragraph ends its paragraph with a sentence's end. None otherwise."""
    end = text.rstrip()
    if not end or end[-1] in ".!?:;…,“”\"»)]":
        return None
    quotes = _quotes(end)
    if not quotes.known or not quotes.unclosed or quotes.unclosed[-1] == 0:
        return None
    return quotes.unclosed[-1]


#: an opening mark „ that opens nothing: before a comma, a closing punctuation mark or the end
#: ("… Sitzplätzen „, heißt es": the closing mark written as an opening one); not before "…"
_OPENS_NOTHING = re.compile(r"„(?=\s*(?:[,;:!?)]|\.(?!\.)|$))")


#: a list marker that closes a bracket it never opened: "1)", "b)", "iv)" at a paragraph's or
#: sentence's start
_LIST_MARKER = re.compile(r"(?:^|(?<=[.!?:]\s))\s*(?:\d{1,2}|[A-Za-z]|[ivx]{2,4})\)(?=\s)")


#: a quotation mark between a sentence's end and another period ('freigesprochen.". In …',
#: 'fesselt.“ ."'): a stray mark; a comma may follow a closing mark ('… usw.“, erklärte sie')
_BETWEEN_ENDS = re.compile(r"(?<=\w[.!?])[\"“”»«](?=\s?\.(?!\.))")


def _unpaired_bracket(text: str) -> int | None:
    """Offset of a round bracket closed without being opened, or of one opened and never closed
    (list markers "1)" aside); None when they pair."""
    text = _LIST_MARKER.sub(lambda m: " " * len(m.group()), text)
    opened: list[int] = []
    for i, c in enumerate(text):
        if c == "(":
            opened.append(i)
        elif c == ")":
            if not opened:
                return i
            opened.pop()
    return opened[0] if opened else None


def _english_quotes_pair(english: str) -> bool:
    """Does the English pair its quotation marks (as many “ as ”; straight ones opening and
    closing in turn)? A straight mark where a quotation would open but glued to the word before
    and followed by a space is an apostrophe typed as a quote ("the workers" compensation"), no
    quotation mark: skipped."""
    if english.count("“") != english.count("”"):
        return False
    inside = False
    for m in re.finditer('"', english):
        before, after = english[m.start() - 1:m.start()], english[m.end():m.end() + 1]
        if not inside and before.isalnum() and after in (" ", ""):
            continue  # an apostrophe: "workers" compensation"
        inside = not inside
    return not inside


def _unpaired_mark(text: str, english: str = "") -> tuple[int, str] | None:
    """(offset, reason) of the first unpaired mark of a paragraph (see :class:`UnpairedMark`)."""
    at = _stray_closing_quote(text)
    if at is not None and (not english or _english_quotes_pair(english)):
        return at, ("a closing quotation mark “ with no quotation open: a quotation cut in two, the rest of "
                    "it left outside its marks?")
    wrong = _OPENS_NOTHING.search(text)
    if wrong:
        return wrong.start(), ("an opening quotation mark „ before a comma or the sentence's end, where the "
                               "quotation closes: “ written as „?")
    stray = _BETWEEN_ENDS.search(text)
    if stray and not _BETWEEN_ENDS.search(english):
        return stray.start(), (f"a quotation mark {stray.group()} between a sentence's end and another period: "
                               "a stray mark (carried over from the English?)")
    abbreviations = data_words("abbrev_de.txt")
    early = next((m for m in _CLOSED_EARLY.finditer(text) if m["word"].lower() not in abbreviations), None)
    if early and not _CLOSED_EARLY.search(english):
        at = early.end() - 1
        return at, (f"a quotation closed after a sentence's end, and the sentence goes on after {text[at]} in "
                    "lower case: the quotation closed too early, its rest left outside the marks?")
    at = _lost_opening_quote(text)
    if at is not None and (not english or _english_quotes_pair(english)):
        return at, (f"a closing quotation mark {text[at]} inside the sentence with no quotation open: the "
                    "quotation's opening mark lost or misplaced?")
    at = _never_closed(text)
    if at is not None and (not english or _english_quotes_pair(english)):
        return at, ("a quotation opened and never closed, in a paragraph that ends without its final "
                    "punctuation: the closing mark lost, or the text cut off?")
    if english and _unpaired_bracket(english) is None:
        at = _unpaired_bracket(text)
        if at is not None:
            what = "closed without being opened" if text[at] == ")" else "opened and never closed"
            return at, f"a bracket {what}, where the English original pairs its brackets: words lost or moved?"
    return None


def unpaired_marks(doc: Document) -> dict[int, tuple[str, int]]:
    """Per record (by ``id``): what :class:`UnpairedMark` found in its paragraph that lies in
    this record (a reason and the offset in the record's text)."""
    found: dict[int, tuple[str, int]] = {}
    for recs in doc.paragraphs.values():
        text = " ".join(r.source for r in recs)
        english = " ".join(r.target for r in recs if r.target)
        mark = _unpaired_mark(text, english)
        if mark is None:
            continue
        at, reason = mark
        for r in recs:  # the record the mark is in
            if at < len(r.source):
                found[id(r)] = (reason, at)
                break
            at -= len(r.source) + 1
    return found


class UnpairedMark(Detector):
    """A quotation mark or bracket left without its pair. Machine translation cuts a quotation in
    two („… fördern.“ eine Clique in London …“: the German closes the quotation early and again
    at its end) and loses or doubles brackets ("( überall, wirklich, wirklich) . … scheiße) .",
    "(könnte höher oder niedriger sein, aber …" never closed). From the German alone only a
    closing quotation mark with no quotation open, after one that opened and closed in the same
    paragraph, is flagged; brackets only against the English original, when the English pairs its
    own, since German alone may close a bracket it never opened ("1)", "b)" list markers are
    skipped either way). Must not fire on a quotation that runs over several paragraphs (its
    opening mark without a close), on English-style quotation marks (“…”), nor, when the English
    is known, on a mark the English leaves unpaired too (a straight mark glued to a word and
    followed by a space, "the workers" compensation", is an apostrophe there, no quotation
    mark). On WMT23 one online system cuts
    quotations in six of its 557 lines; of the 4,561 human lines of ../shared/dev two have an
    unpaired mark (a typo, "(… SCHLAGEN“.", and one carried over from an English original that
    closes a quotation twice). Also a closing mark right after a word, with no quotation open and
    its sentence going on after it ("die sogenannten unabhängigen Wähler“ im Publikum", "The
    Gift“ -Kollektion", 'beide" Glocken" im Sender'): the opening mark lost or misplaced. A
    quotation that opened sentences or paragraphs before ends after punctuation or before a
    reporting verb ("… töten,“ so der Sprecher"), so those are left alone: 28 WMT23 system lines
    (23 not flagged before; all but one from one system), none of the 4,561 human lines, whose
    newstest2021 sentences end many quotations opened in an earlier sentence. And an opening
    mark „ before a comma or a sentence's end ("… Sitzplätzen „, heißt es"): the closing mark
    written as an opening one (four WMT23 system lines, no human line). And a quotation opened
    mid-paragraph and never closed in a paragraph that ends without its final punctuation (a
    headline, 'nennt Urlaubskampagne "dummen Fehler', or a translation cut off): eight system
    lines (five not flagged before: one system's headline, AIRC's cut paragraphs) and one human
    sentence of newstest2021, a headline whose quotation its translator never closed. And a
    quotation mark between a sentence's end and another period ('… freigesprochen.". In einer
    Erklärung …', 'fesselt.“ ."'): two WMT23 system lines, no human line (a comma after a closing
    mark is German: '… usw.“, erklärte sie'). And a quotation closed after a sentence's period
    while the sentence goes on in lower case ('… Vorrang vor den Forderungen haben.“ eines
    ordnungsgemäßen Rechtsverfahrens …'): closed too early, its rest outside the marks; not
    before a reporting verb ('… kommen.“ sagte er', a comma lost) or a conjunction joining two
    quotations, nor after an abbreviation: two WMT23 system lines not flagged before (one system),
    no human line."""

    code = "unpaired-mark"

    def score(self, ctx: Context) -> Iterator[Finding]:
        mark = ctx.doc.memo(unpaired_marks).get(id(ctx.record))
        if mark:
            reason, at = mark
            yield certain(reason, at, at + 1)
