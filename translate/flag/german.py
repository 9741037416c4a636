"""German word lists and helpers that the source-side detectors share: closed-class words,
finite verb forms, what makes a word a verb, the list of English names and their German
renderings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from translate.files import data_tsv, data_words
from translate.record import SegmentPair

WORD_PATTERN = re.compile(r"[\wÄÖÜäöüß&'-]+")


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
    "insgesamt kürzlich zusätzlich letztendlich ironischerweise interessanterweise "
    # adverbs of time, frequency and place that no suffix rule below recognises
    "zuerst anfangs vorerst bislang einst jüngst unlängst demnächst heutzutage manchmal selten stets "
    "sofort tagsüber nachts abends mittags oben unten drinnen draußen überall nirgends irgendwo "
    "hingegen nebenbei zugleich".split()
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

#: phrases German sets before a clause, outside it (its "Vorvorfeld"), as it sets "übrigens": the
#: clause after the comma keeps its own word order ("Im Gegenteil, die Zahlen sind gestiegen")
DISCOURSE_PHRASES = frozenset(("im gegenteil", "ganz im gegenteil", "im ernst", "im klartext", "unter uns",
                               "mit anderen worten", "mit einem wort", "kurz und gut"))

#: question words: with "auch" they open a concessive clause that stands outside the next
#: ("Wie dem auch sei, wir machen weiter", "Was auch immer passiert, wir …")
QUESTION_WORDS = frozenset("wie was wer wen wem wessen wo wohin woher wann warum welcher welche welches "
                           "welchen welchem".split())


#: words that can open a German subject: articles, determiners, pronouns, possessives
SUBJECT_OPENERS = frozenset(  # nominative forms only: "einem Vorort", "dem Berater" are no subjects
    "der die das ein eine dieser diese dieses jeder jede jedes kein keine alle viele einige mehrere "
    "manche beide ich er es wir man sie mein meine sein seine unser unsere ihr ihre "
    "zwei drei vier fünf sechs sieben acht neun zehn zwölf hundert tausend hunderte tausende zahlreiche "
    "etliche".split()
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


ADJECTIVE_ENDING = re.compile(r"^[a-zäöüß]+(?:e|en|er|es|em)$")


#: the forms of the definite article a rendering's own article may take in a sentence ("Der
#: Wächter" → "laut dem Wächter", "des Wächters")
_ARTICLE_FORMS = ("der", "die", "das", "dem", "den", "des")


@dataclass(frozen=True)
class KnownName:
    """An English name of translate/data/names_en_de.tsv as a German rendering of it."""

    english: str
    kind: str  # publication, company, product, sports, event
    article: bool  # the rendering has an article ("Der Wächter")
    person: bool  # the rendering is an ordinary noun for a person too ("Der Ökonom")


@cache
def known_names() -> dict[str, KnownName]:
    """A German rendering's words after its article, lower case ("der wächter" → "wächter") →
    what it renders."""
    names = {}
    for r in data_tsv("names_en_de.tsv"):
        first, _, rest = r["german"].lower().partition(" ")
        article = first in _ARTICLE_FORMS and bool(rest)
        names[rest if article else r["german"].lower()] = KnownName(r["english"], r["kind"], article,
                                                                     r["person"] == "person")
    return names


def _inflected(rendering: str) -> str:
    """A pattern for a rendering of several words whose adjectives take the case of the sentence
    ("laut den Amerikanischen Fluggesellschaften" for "Amerikanische Fluggesellschaften", "von
    Schwarzem Felsen"): each word but the last with any adjective ending, the last with a weak
    noun's ("laut dem Täglichen Telegrafen"); one word as it is."""
    words = rendering.split(" ")
    if len(words) == 1:
        return re.escape(rendering)
    heads = [re.escape(re.sub(r"(?<=..)(?:e|en|er|es|em)$", "", w)) + "(?:e|en|er|es|em)?" if len(w) > 4
             else re.escape(w) for w in words[:-1]]
    return r"\s+".join([*heads, re.escape(words[-1]) + "(?:en|n)?"])  # "des Täglichen Telegrafen"


def known_name(found: str) -> KnownName:
    """What a match of :func:`known_names_pattern`'s group ``name`` (lower case, maybe inflected:
    "amerikanischen fluggesellschaften") renders."""
    names = known_names()
    if found in names:
        return names[found]
    return next(names[g] for g in sorted(names, key=len, reverse=True)
                if re.fullmatch(_inflected(g), found))


@cache
def known_names_pattern() -> re.Pattern[str]:
    """Every German rendering of :func:`known_names` as one pattern (longest first), whole words
    only, in any case: the article in any of its forms, the last word with a genitive's ending
    ("laut dem Wächter", "des Wächters"; no plural's: "laut den Informationen der Polizei").
    Group ``name`` holds the rendering's words after the article (a key of
    :func:`known_names`), ``article`` the article if there is one."""
    alternatives = "|".join(_inflected(g) for g in sorted(known_names(), key=len, reverse=True))
    return re.compile(rf"(?<![\wÄÖÜäöüß])(?:(?P<article>{'|'.join(_ARTICLE_FORMS)})\s+)?(?P<name>{alternatives})"
                      rf"(?:e?s)?(?![\wÄÖÜäöüß])")


def legit_article_names() -> frozenset[str]:
    return data_words("legit_article_names_de.txt")


#: blocks of a structured document that stand alone: no verb or final punctuation expected
STANDALONE = frozenset({"title", "heading", "list-item", "table-cell", "caption", "summary", "footnote", "endnote",
                        "text-box", "header", "footer", "alt-text"})


def standalone(record: SegmentPair) -> bool:
    return record.block in STANDALONE


def word_matches(text: str) -> list[re.Match[str]]:
    return list(WORD_PATTERN.finditer(text))


def verbish(text: str) -> bool:
    """Has the text a verb-like word: a lower-case word after the first with a verb's ending, a
    known finite form anywhere ("Was war da los?", "Ist das wahr?"), or a personal pronoun, which
    comes with a verb of its own ("Ich wiederhole.", "Vergiss mich.")."""
    words = [re.sub(r"['’]s$", "", m.group()) for m in word_matches(text)]  # "gibt's", "Was soll's"
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


#: polite pronouns, capitalised anywhere; "Sie" may be polite or a calque, so it never fires
POLITE = frozenset("sie ihr ihre ihrer ihres ihrem ihren ihnen".split())


def is_finite(word: str) -> bool:
    """A finite verb form: known (ist, hat, kam, stieg, …; a strong past with its prefix too,
    "versprach") or a lower-case word with a finite ending that is no closed-class word (ein,
    von, jetzt, nicht …)."""
    if word in FINITE or word in STRONG_PAST:
        return True
    if word.islower() and any(word.startswith(p) and word[len(p):] in STRONG_PAST for p in _VERB_PREFIXES):
        return True  # a strong past with its prefix: "versprach", "entschied", "anfing"
    return (word.islower() and word not in NOT_VERBS and word not in data_words("lowercase_de.txt")
            and bool(VERB_FORM.match(word)))


#: prefixes a verb's strong past keeps joined (inseparable), or takes back at a clause's end
_VERB_PREFIXES = ("ver", "be", "er", "ent", "zer", "emp", "miss", "über", "unter", "wider", "hinter", "an", "auf",
                  "aus", "ein", "ab", "vor", "nach", "zu", "mit", "um", "weg", "zurück", "fest", "her", "hin")


@cache
def adverbial_openers() -> frozenset[str]:
    """Closed-class words that open an adverbial (adverbs, prepositions), from the project's
    list of German words written in lower case: the list minus subject openers, conjunctions,
    verbs, question words and numerals."""
    exclude = SUBJECT_OPENERS | ARTICLES | CLAUSE_OPENERS | FINITE | DISCOURSE | frozenset(
        "den dem des einen einem einer eines welche welcher welches jene jener jenes solche und oder aber "
        "sondern denn doch dass dies was wer wo warum wieso weshalb wann zwei drei vier fünf gibt gab".split())
    return data_words("lowercase_de.txt") - exclude


#: pronominal adverbs: da(r) + preposition ("Darüber hinaus", "Dabei", "Trotzdem" is listed apart)
DA_ADVERB = re.compile(r"^dar?(?:an|auf|aus|bei|durch|für|gegen|hinter|in|mit|nach|neben|über|um|unter|von|vor|zu|"
                        r"zwischen)$")


#: adverb endings ("infolgedessen", "ebenfalls", "damals", "deshalb", "deswegen", "allerdings")
_ADVERB_ENDING = ("dessen", "falls", "mals", "halb", "wegen", "wärts", "dings")


#: adverbs in -her and -hin ("sicher", "Richtung hin" are none)
_HER_HIN = frozenset("bisher daher vorher nachher seither immerhin weiterhin ohnehin mithin dorthin".split())


def opens_adverbial(word: str) -> bool:
    w = word.lower()
    return (w in adverbial_openers() or w in INITIAL_ADVERBS or w.endswith(("weise", "erweise"))
            or (w.endswith(("lich", "ens", "ig", "isch", "bar", "sam", "haft")) and len(w) > 6)
            or bool(DA_ADVERB.match(w)) or w in _HER_HIN
            or (w.endswith(_ADVERB_ENDING) and len(w) > 5 and w not in CLAUSE_OPENERS)
            or (w.endswith("end") and len(w) > 8))  # a participle as an adverb: "Zusammenfassend", "Abschließend"


#: a speaker tag or label before a transcript's sentence: "(PERSON1) ", "[Moderator] "
SPEAKER_TAG = re.compile(r"[(\[][^)\]]{1,30}[)\]]\s+(?=[A-ZÄÖÜ])")
