"""Which language is a text in? py3langid (langid.py's model: 97 languages, offline, BSD).

A document that is not in the language it should be is refused before any work (German for
``article``, ``check`` and ``batch``; in ``align`` each side against its own language, so that
swapped files are caught); ``--force`` lets it through. Paragraphs in another language inside
a German document are flagged (``not-german`` in :mod:`translate.flag`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

from translate.errors import InputError
from translate.read import Source

#: a language is named when the identifier gives it at least this probability
CONFIDENT = 0.9
#: fewer words than this are too few to tell
MIN_WORDS = 5
#: the identifier reads this much of a document
SAMPLE_CHARS = 20_000

NAMES = {"zxx": "like no language at all", "de": "German", "en": "English", "fr": "French", "nl": "Dutch",
         "it": "Italian", "es": "Spanish",
         "pt": "Portuguese", "da": "Danish", "sv": "Swedish", "no": "Norwegian", "pl": "Polish", "cs": "Czech",
         "ru": "Russian", "tr": "Turkish", "la": "Latin", "lb": "Luxembourgish", "fi": "Finnish", "hu": "Hungarian"}


#: frequent German function words: text with many of them is German without asking the identifier
_GERMAN_MARKERS = frozenset(
    "der die das und ist nicht ein eine zu mit den von sich auf für des im dem auch es sie wird werden sind war "
    "hat haben dass als bei nach oder wie noch aus um".split()
)
_LOCK = threading.Lock()
_LOADED: list[Any] = []  # the identifier, once loaded


def looks_german(text: str) -> bool:
    """At least 15 % of the words, and three different ones, are German function words. On
    newstest2021 every paragraph of five German lines passes and none of 1,002 English lines does;
    French, Dutch, Italian, Spanish, Swedish and Luxembourgish samples do not. Text that passes
    needs no identifier (which takes 0.45 s and 110 MB to load)."""
    words = [w.strip(".,;:!?\"'()„“”«»").lower() for w in text.split()]
    hits = [w for w in words if w in _GERMAN_MARKERS]
    return len(hits) >= 0.15 * len(words) and len(set(hits)) >= 3


#: function words of other languages that German does not share (English, French, Dutch,
#: Italian, Spanish, Portuguese, the Nordic and some Slavic languages, Turkish, Hungarian)
_FOREIGN_MARKERS = frozenset(
    "the of and to is are were that this with for on at by it from have has had not but which a as he she they "
    "his their its we you our be been who after about than more said says would could should when what there "
    "into over just one two new how why where my me your or if do does did can like some any out up because "
    "while then these those them him very only other such may might must it's don't i'm "
    "le la les et est une que dans pour pas sur qui aux ce sont avec "
    "het een en niet dat op voor met zijn ook maar wordt werd "
    "il di che è della delle non sono con gli lo "
    "el y en por para una del se como más "
    "os não uma com ao pelo pela "
    "och att det som är för inte og til ikke af med på "
    "się że jest ve bir bu için ile és hogy az".split()  # not "es", "des", "du", "los", "nie", "je", …: German
)
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff\u3040-\u30ff"
                           r"\u3400-\u9fff\uac00-\ud7af]")


def may_be_foreign(text: str) -> bool:
    """Is there any sign of another language in a paragraph of a German document: two different
    function words of another language (in lower case, not glue inside a name in title case: "the
    Centers for Disease Control and Prevention"), or another script? A paragraph without one is taken as
    German without asking the identifier (a short German sentence often has too few German
    function words for :func:`looks_german`: "Biker reagiert blitzschnell und verhindert
    Schlimmeres"). On newstest2021, 945 of 994 English lines of five words or more show a sign
    (most others are headlines: "DHS hires law firm to handle possible … proceedings"), and none
    of 2,002 German lines (original and translated) does, nor any of WMT23's 557 reference lines:
    the identifier (0.45 s, 110 MB) loads only for a paragraph that may be foreign."""
    if _OTHER_SCRIPT.search(text):
        return True
    words = [w.strip(",;:!?\"'()„“”«»") for w in text.split()]
    words = [w if len(w) <= 2 and w.endswith(".") else w.rstrip(".") for w in words]  # "a. D.", "z. B."
    found = {w for k, w in enumerate(words)  # lower case only, and not glue inside a name in title case
             if w in _FOREIGN_MARKERS and not glue_in_title_case(words, k, _FOREIGN_MARKERS)}
    return len(found) >= 2


def glue_in_title_case(words: Sequence[str], k: int, glue: frozenset[str]) -> bool:
    """Is ``words[k]`` glue inside a name or title in title case ("Centers for Disease Control and
    Prevention", "Sons of Anarchy")? The nearest words either side that are no glue words are
    both capitalised."""
    before = next((w for w in reversed(words[:k]) if w not in glue), "")
    after = next((w for w in words[k + 1:] if w not in glue), "")
    return before[:1].isupper() and after[:1].isupper()


def _identifier() -> Any:
    """The identifier, loaded on first use (batch prepares documents in a thread of its own)."""
    with _LOCK:
        if not _LOADED:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _LOADED.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
        return _LOADED[0]


def name(code: str) -> str:
    return NAMES.get(code, code)


def identify(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the most likely language; ("", 0.0) for too little text."""
    if len(text.split()) < MIN_WORDS:
        return "", 0.0
    code, prob = _identifier().classify(text)
    return str(code), float(prob)


def english_not_german(word: str) -> float:
    """How English rather than German one word looks to the identifier's character n-grams:
    P(en) / (P(en) + P(de)). Weak on a single word ("Mirror" 0.51), clear on some ("Limited"
    0.82, "Kontakt" 0.35, "Deutsche" 0.00)."""
    ranked = dict(_identifier().rank(word))
    en, de = float(ranked.get("en", 0.0)), float(ranked.get("de", 0.0))
    return en / (en + de) if en + de else 0.5


def other_language(text: str, lang: str) -> tuple[str, float] | None:
    """The language ``text`` is confidently in, when that is not ``lang``; else None."""
    if lang == "de" and looks_german(text):
        return None
    code, prob = identify(text)
    return (code, prob) if code and code != lang and prob >= CONFIDENT else None


def check_language(source: Source, lang: str = "de", hint: str | None = None) -> None:
    """Refuse a document that is confidently in another language than ``lang``."""
    found = other_language(source.text[:SAMPLE_CHARS], lang)
    if found:
        code, prob = found
        raise InputError(f"{source.path or source.name}: the text does not look {name(lang)}: it looks "
                         f"{name(code)} (language identifier, p={prob:.2f})", hint=hint)


def check_german(source: Source) -> None:
    """Refuse a document that is not German."""
    check_language(source, "de", hint="the model translates German into English; --force translates it anyway")
