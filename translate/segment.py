"""Sentence segmentation: NLTK Punkt plus German (and English) rules shipped with the package.

Nothing is downloaded: Punkt's parameters are built from the project's own data files in
``translate/data`` (abbreviations, months, ordinal nouns, frequent sentence starters; words
written in lower case except at a sentence start, ``lowercase_*.txt``; words a noun must
follow, ``complement_*.txt``; nouns a title of a work may follow, ``title_nouns_*.txt``), and
a small rule layer corrects the splits Punkt gets wrong:

``ordinal``
    a number of 1–3 digits with a period is an ordinal ("12. Juni", "19. Jahrhundert", "17. und
    18. März", "21. Jahrestag") unless a word that only starts sentences follows ("auf 15. Die
    Zahl …"). German only.
``lowercase``
    a sentence never starts with a lower-case letter or with , ; : ) – so a split before one
    is undone ("„Warum?“, fragte er.", "z. B. ist"; in English not after a bare ? or !).
``list end``
    "usw." and "etc." end the sentence when a capitalised word follows ("… Birnen usw. Experten
    empfehlen …"); other known abbreviations only before a frequent sentence starter.
``attribution``
    in English, a quoted question or exclamation followed by a capitalised name and a speech
    verb is one sentence ('"… there?" Schladow said.'); "Police said the man …" is not.
``initials``
    a single capital letter with a period ("J. R. R. Tolkien") never ends a sentence when a
    capitalised word follows.
``ellipsis``
    "…" or "..." followed by a capital letter after a space ends a sentence.
``headline``
    a word without final punctuation followed by a capitalised function word ends a sentence:
    the text before was a headline ("… im Stützpunkt Der Chefberater …"); not after an article
    or preposition, not before a known name ("Die Zeit"), not after a noun that names a work
    ("der Film Das Boot"). English title-case headlines
    capitalise function words, so there a lower-case word must follow ("… Werribee A man …").
``dateline``
    a news dateline after a word without final punctuation starts a sentence ("Berlin (dpa) -",
    "SEATTLE (USA)", "AURORA, Colo. (AP) -", "Washington - Der …"; not "Bayern - Dortmund", not
    "Partei BJP, die …").

Sentences never cross paragraph boundaries: each paragraph is segmented on its own.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from translate.files import data_sha256, data_words, sha256_bytes, sha256_file
from translate.normalise import Paragraph


def _import_punkt() -> types.ModuleType:
    """NLTK's Punkt module without NLTK's package ``__init__``, which imports the whole library
    (corpora, metrics, numpy: 0.18 s of every command's start, against 0.04 s for Punkt and the
    four small modules it imports). Empty stand-ins for the packages ``nltk`` and
    ``nltk.tokenize`` are in ``sys.modules`` while Punkt loads, and every NLTK module is taken
    out again after, so that a later ``import nltk`` elsewhere loads NLTK whole, as usual."""
    if "nltk" in sys.modules:
        return importlib.import_module("nltk.tokenize.punkt")
    before = set(sys.modules)
    try:
        for package in ("nltk", "nltk.tokenize"):
            spec = importlib.util.find_spec(package)
            if spec is None or spec.submodule_search_locations is None:
                raise ImportError(f"{package} is not installed")
            stand_in = types.ModuleType(package)
            stand_in.__path__ = list(spec.submodule_search_locations)
            sys.modules[package] = stand_in
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


_punkt = _import_punkt()
PunktLanguageVars = _punkt.PunktLanguageVars
PunktParameters = _punkt.PunktParameters
PunktSentenceTokenizer = _punkt.PunktSentenceTokenizer

#: the data files the segmenter has loaded (part of its rules version)
_RULE_FILES: set[str] = set()


def _wordlist(name: str) -> frozenset[str]:
    _RULE_FILES.add(name)
    return data_words(name)


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
_INITIAL = re.compile(r"(?:^|[\s.])[A-ZÄÖÜ]\.$")  # "J.", "B.B."
#: English attribution after a quoted question or exclamation: '"… there?" Schladow said.'
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,3}(?:said|says|asked|asks|added|adds|told|wrote|writes|replied|"
    r"recalled|explained|insisted|noted|shouted|yelled)[.,]"
)
#: abbreviations that close a list and so often end a sentence
_CLOSING_ABBREVIATIONS = frozenset({"usw", "usf", "etc", "uvm", "u.v.m", "u.s.w"})
_FIRST_WORD = re.compile(r"[„“”\"'‚‘»«(\[]*([\w-]+)")
_ELLIPSIS_SPLIT = re.compile(r"(?:…|\.\.+)[“”\"»«’)]*\s+(?=[„\"»«(]?[A-ZÄÖÜ])")
#: a word without final punctuation, then a capitalised word and more text: a headline may end here
_HEADLINE_SPLIT = re.compile(r"(?<!\S)(\S*[\w“”\"')\]])\s+(?=([A-ZÄÖÜ][\w./-]*)(?:['’]\w+)?,?\s+(\S+))")
#: English words that open a sentence but rarely a name: capitalised after a lower-case word
#: they start a sentence even before another capitalised word ("… the lockdown In Hof …")
_OPENERS_EN = frozenset(
    "the in at on despite although though because since after before during while when if however "
    "meanwhile according but".split()
)
_AGENCIES = "dpa|AP|AFP|Reuters|SID|KNA|epd|dts|APA|sda|rtr|dpa-AFX|ots|kna|afp|ap|reuters"
#: news datelines: "Berlin (dpa) -", "SEATTLE (USA)", "AURORA, Colo. (AP) -",
#: "VIRGINIA BEACH, Va. --", "Washington - Der …"
_DATELINE = re.compile(
    rf"(?:(?:New|Los|Las|San|Santa|St\.|Sankt|Bad|Den|Tel|Rio) )?[A-ZÄÖÜ][\w./-]* \((?:{_AGENCIES})\)"
    rf"|[A-ZÄÖÜ]{{3,}}(?:[ -][A-ZÄÖÜ]{{2,}})*(?: \(| --? "
    rf"|, [A-ZÄÖÜ][\w.]*(?: [A-ZÄÖÜ][\w.]*)?(?: \((?:{_AGENCIES})\))? (?:--?|[–—]) )"
    r"|[A-ZÄÖÜ][a-zäöüß]+(?:/[A-ZÄÖÜ][\w]+)? --? (?P<after_dash>[A-ZÄÖÜ][a-zäöüß]*)\b")


class Segmenter:
    """A German (or, with ``lang="en"``, English) sentence segmenter. Build once, reuse."""

    def __init__(self, lang: str = "de") -> None:
        self.lang = lang
        params = PunktParameters()
        # "usw." and "etc." are left to the rules: Punkt would never end a sentence after them
        params.abbrev_types = set(_wordlist(f"abbrev_{lang}.txt")) - _CLOSING_ABBREVIATIONS
        self.months = _wordlist(f"months_{lang}.txt")
        self.ordinal_nouns = _wordlist(f"ordinal_nouns_{lang}.txt") if lang == "de" else frozenset()
        self.starters = _wordlist(f"starters_{lang}.txt")
        # words written in lower case except at a sentence start, and words a noun must follow
        self.lowercase = _wordlist(f"lowercase_{lang}.txt")
        self.complement = _wordlist(f"complement_{lang}.txt")
        titles = _wordlist(f"title_nouns_{lang}.txt")
        self.title_nouns = frozenset(t for t in titles if not t.startswith("-"))
        self.title_suffixes = tuple(t[1:] for t in titles if t.startswith("-"))
        self.names = _wordlist("legit_article_names_de.txt") if lang == "de" else frozenset()
        # Punkt's frequent-starter heuristic: "… 20 Mio. Dann …" ends a sentence
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
            # a sentence does not start in lower case: the split was false ("„Warum?“, fragte
            # er", "\"Why?\" he asked") – in English, after a bare ? or ! it may ("Why? iPhones …")
            return self.lang == "de" or not left.endswith(("?", "!"))
        quoted = left.rstrip("\"”’'")
        if self.lang == "en" and quoted != left and quoted.endswith(("?", "!")) and _ATTRIBUTION.match(right):
            return True  # '"… resources?" Schladow said.' – the attribution completes the sentence
        m = _FIRST_WORD.match(right)
        word = m.group(1).lower() if m else ""
        last = left.rsplit(None, 1)[-1].lstrip("(„\"'‚‘»«[")
        if _ORDINAL.search(left):
            # "im 19. Jahrhundert", "am 17. und 18. März", "der 21. Jahrestag": an ordinal,
            # unless a word that only starts sentences follows ("… auf 15. Die Zahl …")
            if word in self.months or word in self.ordinal_nouns or word.isdigit():
                return True
            return self.lang == "de" and word not in self.lowercase and word not in self.starters
        core = last[:-1].lower()
        if self.lang == "de" and core == "art" and first.isdigit():
            return True  # "Art. 5 GG": "Art" is also a noun, so it is no abbreviation otherwise
        if core in self.months and first.isdigit():
            return True  # "am 6. Jan. 2021", "Jan. 6" ("Jan" is a first name too, so no abbreviation)
        if core in _CLOSING_ABBREVIATIONS:
            # "usw." and "etc." close a list: a capitalised word after one starts a sentence
            return not first.isupper()
        if _INITIAL.search(left) or core in self.abbreviations or (self.lang == "de" and core.endswith("str")):
            # after an initial or a known abbreviation only a frequent starter begins a sentence;
            # no German word ends in "str", so "Goethestr. 5" is an abbreviated "-straße"
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
            cut = start
            for a, b in self._cuts(text, start, end):
                yield cut, a
                cut = b
            yield cut, end

    def _cuts(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Sentence ends Punkt cannot see: (end of one sentence, start of the next)."""
        cuts = []
        # after an ellipsis followed by a capitalised sentence
        for m in _ELLIPSIS_SPLIT.finditer(text, start, end):
            cuts.append((m.end() - len(m.group()) + len(m.group().rstrip()), m.end()))
        # after a headline or sub-heading without final punctuation: "… im Stützpunkt Der
        # Chefberater …" (a function word is capitalised only at a sentence start), or
        # before a dateline: "… Corona-Lage München - Die …", "… Stadt SEATTLE (USA) - …"
        for m in _HEADLINE_SPLIT.finditer(text, start, end):
            if m[1].isdigit() and not text[start:m.start(1)].strip():
                continue  # no headline is a number alone: "6 Es ist schwer" opens with a count or a day
            if self._headline_ends(m, text[m.end():end]):
                cuts.append((m.end(1), m.end()))
        return sorted(cuts)

    def _headline_ends(self, m: re.Match[str], rest: str) -> bool:
        """Does the sentence end after ``m[1]`` (a word without final punctuation)?"""
        left, word, after = m.group(1), m.group(2), m.group(3)
        bare = left.lower().strip("“”\"')]")
        if bare in self.complement or (left.isupper() and word.isupper()):
            return False  # "… und Die Linke", "in der NATO (…)", "JURUPA VALLEY"
        if word.istitle() and word.lower() in self.lowercase:
            if f"{word} {after.rstrip('.,;:!?“”»«')}".lower() in self.names:
                return False  # "… Die Zeit berichtet", "… der Partei Die Linke."
            if bare.rsplit("-", 1)[-1] in self.title_nouns or bare.endswith(self.title_suffixes):
                return False  # a title follows: "der Film Das Boot", "the film Before Sunrise"
            # English title-case headlines capitalise function words: only a lower-case
            # continuation shows that a sentence begins ("… Werribee A man"), or a lower-case
            # word before ("… a data retention The National …", "… after the lockdown In Hof")
            return (self.lang == "de" or after[:1].islower() or after[:1].isdigit()
                    or (word.lower() in _OPENERS_EN and left.islower()))
        dateline = _DATELINE.match(rest)
        if dateline and dateline["after_dash"]:
            # "Bayern - Dortmund" is no dateline: after "City -" comes a sentence
            return dateline["after_dash"].lower() in self.lowercase
        return dateline is not None

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


@cache
def rules_version() -> str:
    """A short checksum of the segmentation rules: this module's code and its word lists, so that
    every output records which rules cut its sentences."""
    segmenter("de"), segmenter("en")  # load every word list the rules use
    return sha256_bytes((data_sha256(sorted(_RULE_FILES)) + sha256_file(Path(__file__))).encode())[:12]
