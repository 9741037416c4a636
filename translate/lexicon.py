"""A German–English dictionary, where one is installed: which English words a German word renders.

Optional and never downloaded. The format is the Ding dictionary's (TU Chemnitz, GPL-2+; Debian and
Ubuntu ship it as ``trans-de-en``, at ``/usr/share/trans/de-en``): a line an entry, ``German ::
English``, alternatives split by ``|`` on both sides in the same order, synonyms by ``;``, notes in
``{}``, ``[]``, ``()`` and ``/…/``::

    Wespe {f} [zool.] | Wespen {pl} :: wasp; yellow jacket | wasps; yellow jackets

Which file, in this order: ``TRANSLATE_DICTIONARY`` (a path; ``none`` or an empty value: no
dictionary), else Debian's path where it exists. The CLI's ``--dictionary`` sets that variable, so
that worker processes see the same file.

:class:`Lexicon` keeps, for each one-word English term, the German words of its translations (in
lower case, function words left out). Parsing Ding's 25 MB takes about four seconds; the index is
kept in ``$XDG_CACHE_HOME/translate/lexicon`` (by the file's path, size and time), loaded again
in a fraction of that. The flags use it to tell a name translated word for word ("Wespen" renders
"Wasps") from a name left out or said otherwise ("Teams" renders no word of "Arsenal")."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from translate.errors import InputError
from translate.files import atomic_open, cache_home, data_words

ENV = "TRANSLATE_DICTIONARY"
#: where Debian's and Ubuntu's ``trans-de-en`` package puts the Ding dictionary
DEBIAN_PATH = Path("/usr/share/trans/de-en")
INSTALL_HINT = ("apt install trans-de-en (Debian, Ubuntu), or --dictionary FILE with a German–English "
                "dictionary in the Ding format (https://dict.tu-chemnitz.de)")
_VERSION = 1  # of the cached index's layout
#: Ding's placeholders in German phrases ("jdm. etw. geben"), no translation of anything
_DING_ABBREVIATIONS = frozenset("etw jdm jdn jds sich".split())

_NOTES = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|/[^/]*/|<[^>]*>")
_GERMAN_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")
_ENGLISH_TERM = re.compile(r"[a-z][a-z'’-]+")
#: endings a German translation may take or lose inside an inflected form or a compound
_GERMAN_ENDING = re.compile(r"(?:en|es|e|n|s)$")


class Lexicon:
    """English word → the German words that translate it (:meth:`translations`), and whether a
    German word renders an English one (:meth:`renders`)."""

    def __init__(self, index: dict[str, frozenset[str]]) -> None:
        self.index = index

    @classmethod
    def parse(cls, lines: Iterable[str]) -> Lexicon:
        """Read Ding-format lines (see the module docstring)."""
        stop = data_words("lowercase_de.txt") | _DING_ABBREVIATIONS
        index: defaultdict[str, set[str]] = defaultdict(set)
        for line in lines:
            if line.startswith("#") or "::" not in line:
                continue
            german, english = line.rstrip("\n").split("::", 1)
            de_parts, en_parts = german.split("|"), english.split("|")
            if len(de_parts) != len(en_parts):
                de_parts, en_parts = [german], [english]
            for de, en in zip(de_parts, en_parts, strict=True):
                terms = [t for t in (re.sub(r"^to ", "", s.strip().lower()) for s in _NOTES.sub("", en).split(";"))
                         if _ENGLISH_TERM.fullmatch(t)]
                if not terms:
                    continue
                words = {w.lower() for w in _GERMAN_WORD.findall(_NOTES.sub("", de))} - stop
                for t in terms:
                    index[t.replace("’", "'")] |= words
        return cls({k: frozenset(v) for k, v in index.items()})

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """The dictionary at ``path``, through the cached index where it is current."""
        try:
            st = path.stat()
        except OSError as exc:
            raise InputError(f"dictionary {path}: {exc.strerror or exc}", hint=INSTALL_HINT) from exc
        key = hashlib.sha256(f"{_VERSION}\0{path.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode()).hexdigest()
        cached = cache_home() / "lexicon" / f"{key[:24]}.pickle"
        try:
            with cached.open("rb") as fh:
                return cls(pickle.load(fh))
        except (OSError, EOFError, pickle.UnpicklingError):
            pass
        try:
            with path.open(encoding="utf-8", errors="replace") as fh:
                lexicon = cls.parse(fh)
        except OSError as exc:
            raise InputError(f"dictionary {path}: {exc.strerror or exc}", hint=INSTALL_HINT) from exc
        if not lexicon.index:
            raise InputError(f"dictionary {path}: no 'German :: English' entries (the Ding format)",
                             hint=INSTALL_HINT)
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            with atomic_open(cached, "wb") as fh:
                pickle.dump(lexicon.index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:
            pass  # a read-only home: parse again next time
        return lexicon

    def translations(self, word: str) -> frozenset[str]:
        """The German words (lower case) of the translations of the English ``word``: of its
        singular too ("Wasps" → wasp → wespe), and of its parts where it is a closed compound
        of two entries ("Gumdrop" → gum + drop → … tropfen)."""
        found: set[str] = set()
        for form in _english_forms(word.lower().replace("’", "'")):
            found |= self.index.get(form, frozenset())
        for head, tail in self._parts(word):
            found |= self.index[head] | self.index[tail]
        return frozenset(found)

    def _parts(self, word: str) -> list[tuple[str, str]]:
        """The two entries the English word joins where it is a closed compound ("gumdrop" →
        gum, drop; "seahawks" → sea, hawk)."""
        return [(form[:k], form[k:]) for form in _english_forms(word.lower().replace("’", "'"))
                for k in range(3, len(form) - 2) if form[:k] in self.index and form[k:] in self.index]

    def knows(self, word: str) -> bool:
        return bool(self.translations(word))

    def renders(self, german: str, english: str) -> bool:
        """Does the German word (a compound or hyphen compound allowed) hold a translation of the
        English word, inflected or not: "Wespen" for "Wasps", "Sonntagsspiegel" for "Mirror",
        "US-Luft" for "Air", "Polarfuchs-Haarfarbe" for "Fox", "Mitternächte" for "Midnights" (a
        plural's umlaut); or, for an English closed compound, a German compound that opens with a
        translation of its first part ("Seefalken" for "Seahawks": sea → see)?"""
        parts = [_unumlaut(p) for p in german.lower().split("-") if p]  # a plural's umlaut: Nacht, Nächte
        for head, _ in self._parts(english):  # a compound for a compound: "Seefalken" for "Seahawks"
            if any(p.startswith(_unumlaut(t)) and len(p) >= len(t) + 4 for t in self.index[head] for p in parts):
                return True
        for t in map(_unumlaut, self.translations(english)):
            stem = _GERMAN_ENDING.sub("", t) if len(t) > 4 else t
            for p in parts:
                if len(stem) >= 4 and stem in p:  # inflected, or anywhere in a compound
                    return True
                if p == t or re.fullmatch(rf"{re.escape(stem)}(?:e|en|er|es|n|s)?", p):
                    return True  # a short word only whole: "Eis", not the "art" of "Karten"
        return False


def _unumlaut(word: str) -> str:
    return word.translate(_UMLAUTS)


_UMLAUTS = str.maketrans("äöü", "aou")


def _english_forms(word: str) -> list[str]:
    """``word`` and what its ending may hide: a plural, a possessive."""
    word = re.sub(r"'s?$", "", word)
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    return forms


def configured() -> Path | None:
    """The dictionary file to use (see the module docstring), or None."""
    env = os.environ.get(ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "none") else Path(env).expanduser()
    return DEBIAN_PATH if DEBIAN_PATH.is_file() else None


@cache
def _loaded(path: Path) -> Lexicon:
    return Lexicon.load(path)


def installed() -> Lexicon | None:
    """The configured dictionary, loaded once per process; None where there is none."""
    path = configured()
    return _loaded(path) if path is not None else None
