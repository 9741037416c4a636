"""Detectors on the German alone: English names translated as common words (a known name in an
attribution frame, an article and a common noun as the source of a report, an English company
name with German words in it)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from translate.files import data_words
from translate.flag.core import Context, Detector, Finding, certain
from translate.flag.german import (
    ARTICLES,
    REPORTING_VERBS,
    known_name,
    known_names_pattern,
    legit_article_names,
    word_matches,
)
from translate.language import english_not_german
from translate.record import Severity

_REPORT_FRAME = "subject or source of a report"


#: the articles between "laut" and the source it names ("laut dem Sonntagsspiegel"); "von" names
#: no source ("Sie lebt von Vermögen" is no report of the magazine Fortune)
_DATIVE_GENITIVE_ARTICLES = frozenset({"dem", "der", "des", "den"})  # "den": a plural's dative

#: what follows a common noun that is no name: a name in apposition or a genitive ("dem Ökonom
#: Marcel Fratzscher", "dem Vormund des Kindes")
_ATTRIBUTE = re.compile(r"\s+(?:[A-ZÄÖÜ][a-zäöüß]|(?:des|der|eines|einer)\s)")

#: kinds of name on the list that report, say or are quoted as a source
_REPORTERS = frozenset({"publication", "company"})


_SPORTS_FRAME = "a team's place in a match report"

#: what a team does in a match report ("Die Wespen gewannen …"), the verb right after its name
_RESULT_VERBS = frozenset(
    "gewann gewannen gewinnt gewinnen siegte siegten siegt siegen verlor verloren verliert verlieren besiegte "
    "besiegten besiegt besiegen schlug schlugen schlägt schlagen unterlag unterlagen unterliegt unterliegen "
    "holten holte kassierten kassierte".split())

#: people of a team, before its name in the genitive ("der Kapitän der Wespen")
_TEAM_ROLES = frozenset("kapitän kapitäns trainer trainers spieler stürmer torhüter verteidiger quarterback fans "
                        "anhänger cheftrainer".split())

#: a match report: a score ("24:10", "3 zu 1"; not a time, "15:30 Uhr") or a word of the game
_MATCH = re.compile(r"\b\d{1,3}\s?:\s?\d{1,3}\b(?!\s*Uhr)|\b\d{1,3} zu \d{1,3}\b|\b(?:Spiel|Spiels|Partie|Saison|Liga|"
                    r"Tor|Tore|Treffer|Punkte|Sieg|Niederlage|Kapitän|Trainer|Spieler|Stürmer|Torhüter|Quarterback|"
                    r"Touchdown|Meisterschaft|Finale|Playoffs|Halbzeit|Heimspiel|Auswärtsspiel|Tabelle)\b")


def _sports_frame(text: str, before: list[str], after: list[str]) -> bool:
    """Does a team's literal name stand where a match report names a team: before its result
    ("Die Wespen gewannen"), after "gegen" ("gegen die Sarazenen"), with a score or a word of the
    game in the sentence, or after a player of it ("der Kapitän der Wespen")?"""
    if len(before) == 2 and before[0] in _TEAM_ROLES and before[1] in ("der", "des"):
        return True
    played = (after and after[0] in _RESULT_VERBS) or "gegen" in before[-2:]
    return bool(played) and bool(_MATCH.search(text))


def _attribution_frame(text: str, start: int, end: int, ctx: Context, kind: str = "") -> str | None:
    """Why the span [start, end) stands where a name belongs, or None."""
    before = text[:start].lower().split()[-2:]
    after = text[end:].lower().split()[:2]
    after = [w.strip(",.;:") for w in after]
    if kind == "sports":  # a plural common noun, capitalised everywhere: only a match report tells
        return _SPORTS_FRAME if _sports_frame(text, before, after) else None
    if before and before[-1] == "laut" or after and after[0] in REPORTING_VERBS:
        return _REPORT_FRAME
    if len(before) == 2 and before[0] == "laut" and before[1] in _DATIVE_GENITIVE_ARTICLES:
        return _REPORT_FRAME
    if before and before[-1] in ("als", "wie") and end >= len(text.rstrip(" .")) - 1:
        nxt = ctx.next.source.lower() if ctx.next else ""
        return "“Als/Wie X” breaks off" + (" before “Beachten Sie” (notes)" if nxt.startswith("beachten") else "")
    if start > 0 and text[start - 2 : start] in (", ",) and text[start].isupper():
        return "capitalised mid-sentence"
    return None


class NameAsCommonNoun(Detector):
    """A German common noun that is the literal translation of a known English name (a
    publication, company, product, team or event; translate/data/names_en_de.tsv; its article
    in any case and a genitive's ending allowed: "laut dem Wächter" for "Der Wächter") standing
    where the grammar wants that name: as the source of a report ("laut …", "laut dem …", "…
    berichtet"; a publication's or a company's name only), after "Als"/"Wie" at a broken-off end
    ("Als Vermögen"), or capitalised after a comma; a team's (a plural common noun, capitalised
    anywhere) only where a match report names a team: before its result ("Die Wespen gewannen"),
    after "gegen", with a score or a word of the game in the sentence, or after one of its players
    ("der Kapitän der Wespen"). The same noun in ordinary use ("Sie hat ihr
    Vermögen verloren", "Sie lebt von Vermögen", "das Sheriff Büro sagte") must not fire, nor
    one with a name or a genitive after it ("laut dem Ökonom Marcel Fratzscher", "laut dem
    Vormund des Kindes"), nor a rendering that is an ordinary noun for a person too as the
    subject of a report ("Der Ökonom sagte, …": the list marks those), nor a team's name outside
    a match ("Die Wespen flogen …", "gegen die Wespen" in summer, "Eulen nach Athen tragen").
    Session 27 added 130 renderings (publications, companies and teams of the English-speaking
    leagues, none taken from the dev data; German teams' own nicknames left out: "die Löwen",
    "die Fohlen", "die Königlichen"): on WMT23's and newstest2021's lines nothing changes."""

    code = "name-as-common-noun"
    severity = Severity.error

    def score(self, ctx: Context) -> Iterator[Finding]:
        text = ctx.text
        for m in known_names_pattern().finditer(text.lower()):
            name = known_name(m.group("name"))
            if name.article and not m.group("article"):
                continue  # "Information" alone is no rendering of "The Information"
            if _ATTRIBUTE.match(text, m.end()):
                continue  # "dem Ökonom Marcel Fratzscher", "dem Vormund des Kindes": a person or thing
            start = m.start() if name.article else m.start("name")  # "laut dem Vermögen": the name is "Vermögen"
            why = _attribution_frame(text, start, m.end(), ctx, name.kind)
            if why == _REPORT_FRAME and (name.kind not in _REPORTERS or name.person):
                continue  # "das Sheriff Büro sagte" is an office, "Der Ökonom sagte" an economist
            if why:
                yield certain(
                    f"“{text[start:m.end()]}” looks like the {name.kind} name {name.english} translated "
                    f"as a common word ({why})", start, m.end())


class AttributionCommonNoun(Detector):
    """The general shape behind name-as-common-noun, for names not on the list: an article and
    a capitalised noun right after a comma mid-sentence, followed by a reporting verb
    ("…, Die Information berichtet, dass"). German would write "berichtet The Information" or
    "wie The Information berichtet". Not where the noun names people or a body that reports
    (translate/data/reporting_nouns_de.txt, compounds too: "…, Der Trainer sagte", "…, Die
    Bundesregierung erklärte"): that is the common noun, whose capital article
    calque-capitalised-article flags."""

    code = "attribution-common-noun"

    def score(self, ctx: Context) -> Iterator[Finding]:
        for m in re.finditer(r",\s+((?:Der|Die|Das)\s+([A-ZÄÖÜ][\wäöüß-]+))\s+([a-zäöüß]+)", ctx.text):
            if (m.group(3) in REPORTING_VERBS and m.group(1).lower() not in legit_article_names()
                    and not _reporting_noun(m.group(2))):
                yield certain(f"“{m.group(1)}” is the subject of “{m.group(3)}” but reads "
                             f"as a common noun: probably a translated name", m.start(1), m.end(1))


def _reporting_noun(noun: str) -> bool:
    """Does the noun name people or a body that reports ("Trainer", "Polizeisprecher",
    "Bundesregierung"): one of translate/data/reporting_nouns_de.txt, or a compound ending in one
    after three letters or more."""
    word = noun.lower().rsplit("-", 1)[-1]
    nouns = data_words("reporting_nouns_de.txt")
    return word in nouns or any(word[k:] in nouns for k in range(3, len(word) - 2))


#: suffixes of English company names: the whole name before one is English and stays so
COMPANY_SUFFIXES = frozenset("Limited Ltd Inc Incorporated LLC LLP plc PLC Corp Corporation Holdings".split())


class HalfTranslatedName(Detector):
    """An English company name half translated: an English company suffix (Limited, Ltd, Inc,
    LLC, plc, Corp, Holdings) after a German word of the name ("Kontakt Left Limited",
    "Gelenkhilfe für Hunde Ltd"): the name was English and is kept whole in German text. A word
    counts as German when it has an umlaut or ß, is a German closed-class word ("für", "und"),
    or has a German ending and looks German to the language identifier (P(en | en, de) ≤ 0.4).
    Must not fire on an English name kept whole ("Contact Left Limited", "Joint Aid Ltd")."""

    code = "half-translated-name"

    def score(self, ctx: Context) -> Iterator[Finding]:
        text = ctx.text
        words = word_matches(text)
        for k, w in enumerate(words):
            if w.group() not in COMPANY_SUFFIXES or k == 0:
                continue
            name: list[re.Match[str]] = []  # the name's words before the suffix, nearest first
            for prev in reversed(words[max(0, k - 5):k]):
                g = prev.group()
                if g in COMPANY_SUFFIXES or g in HEAD_NOUNS or (g[:1].isupper() and g.lower() in ARTICLES | {"laut"}):
                    break  # another name, "das Unternehmen …", "Die …", "Laut …"
                if not (g[:1].isupper() or (g in ("für", "und", "&", "of", "and", "for") and name)):
                    break
                name.append(prev)
            while name and not name[-1].group()[:1].isupper():
                name.pop()  # the name starts with a capitalised word
            german = [m.group() for m in name if _german_word(m.group())]
            if name and german:
                start = name[-1].start()
                yield certain(f"“{text[start:w.end()]}”: an English company name with German words "
                             f"({', '.join(reversed(german))}): half translated word for word?", start, w.end())


#: nouns that introduce a company name in apposition ("das Unternehmen Contact Left Limited")
HEAD_NOUNS = frozenset("Unternehmen Firma Konzern Gesellschaft Hersteller Marke Händler Anbieter Start-up Startup "
                       "Tochter Tochterfirma Tochtergesellschaft Gruppe Bank Agentur Kette Fonds Investor".split())


#: German noun and adjective endings (-kt, -ik: English writes -ct, -ic)
_GERMAN_ENDING = re.compile(r"(?:e|en|er|el|ung|heit|keit|schaft|ei|chen|lich|isch|tät|kt|ik)$")


def _german_word(word: str) -> bool:
    """Is one word of a name German: an umlaut or ß, a German closed-class word ("für"), or a
    German-looking noun (a German ending, and P(en | en, de) ≤ 0.4 by the identifier's n-grams)?
    Names are often odd to the identifier ("Sachs" 0.08, "Alphabet" 0.35): the ending is
    required as well."""
    if re.search("[äöüßÄÖÜ]", word) or word in data_words("lowercase_de.txt"):
        return True
    return (len(word) >= 4 and not word.isupper() and bool(_GERMAN_ENDING.search(word))
            and english_not_german(word) <= 0.4)
