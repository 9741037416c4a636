"""Detectors on a translated record (stage ``translation``): the model's confidence, the
translation's length, numbers and names it does not carry, sentences translated in pieces."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from translate.flag.core import Context, Detector, Finding, Stage, certain
from translate.record import Flag, Severity


class LowConfidence(Detector):
    """The model's confidence (geometric mean token probability) below ``threshold`` (warning),
    or more than ``margin`` below the document's median when the document has five or more
    sentences (info): the model was guessing. Score: the confidence itself, so here *lower* is
    more suspect. Must not fire on records without a translation."""

    code = "low-confidence"
    stage = Stage.translation
    threshold = 0.5
    margin = 0.3

    def score(self, ctx: Context) -> Iterator[Finding]:
        r = ctx.record
        if r.target and r.confidence is not None:
            enough = len(ctx.doc.confidences) >= 5
            yield Finding(r.confidence, "", baseline=ctx.doc.median_confidence if enough else None)

    def decide(self, finding: Finding) -> Flag | None:
        conf, median = finding.score, finding.baseline
        if conf < self.threshold:
            return self.flag(f"model confidence {conf:.2f} is below {self.threshold:.2f}")
        if median is not None and conf < median - self.margin:
            return self.flag(f"model confidence {conf:.2f} far below the document's median {median:.2f}",
                             severity=Severity.info)
        return None


class LengthRatio(Detector):
    """A translation much shorter or longer than its source (half or double the characters), for
    sources of 20 characters or more (and, for an aligned human translation, an English of 20 or
    more: "Drops internet" for "Verliert die Internetverbindung" is a headline's way): an
    omission, an addition or a hallucination. Score: |log(target length / source length)|,
    flagged from log 2."""

    code = "length-ratio"
    stage = Stage.translation
    threshold = math.log(2.0)

    def score(self, ctx: Context) -> Iterator[Finding]:
        r = ctx.record
        aligned = ctx.doc.facts.get("aligned") == "yes"  # a human translation: a headline may shrink to two words
        if r.target and len(r.source) >= 20 and not (aligned and len(r.target) < 20):
            ratio = len(r.target) / max(1, len(r.source))
            yield Finding(abs(math.log(ratio)), f"translation is {ratio:.1f}× the source's length")

    def decide(self, finding: Finding) -> Flag | None:
        return self.flag(finding.message) if finding.score > self.threshold + 1e-9 else None


_NAMEISH = re.compile(r"\b(?:\d[\d.,]*\d|\d|[A-Z][A-Za-z]*[&][A-Za-z&]+|[A-Z]{2,}[0-9A-Z]*)\b")


class NameMismatch(Detector):
    """A number or an acronym-like name of the source (1131, AT&T, USA) that the translation does
    not carry: a lost or changed fact. Separators are ignored (1.131 = 1131, 21.30 = 21:30), so
    is a date's leading zero ("04. Juli" = "July 4"), a 24-hour time may be on the 12-hour clock
    ("23:30 Uhr" = "11:30 p.m."), a number a word ("31" = "thirty-one"), a measure converted from
    imperial or Indian units ("220 Hektar" for "550 acres", "467.000" for "4.67 lakh") and a
    German acronym may stand as an English prefix (USA → US). On an aligned human translation
    (``aligned="yes"``) only numbers of two digits or more count: translators render acronyms
    (GUS for CIS) and small numbers ("zwölf"). A number the other side gives with another
    magnitude is flagged too: "2,4 Millionen" or "2,4 Billionen" beside "$2.4 billion" (German
    Milliarde = English billion, German Billion = English trillion). Must not fire on ordinary
    words."""

    code = "name-mismatch"
    stage = Stage.translation

    def score(self, ctx: Context) -> Iterator[Finding]:
        r = ctx.record
        if not r.target:
            return
        # 1,131 = 1131 = 1 131; 21:30 = 21.30
        target = re.sub(r"(?<=\d)[ \u202f\u00a0](?=\d{3}\b)", "", r.target).replace(",", "").replace(".", "")
        target = target.replace(":", "")
        target_words = set(re.findall(r"\w+", target))
        # whole numbers, with their separators and without ("23:30" → 2330, 23, 30): "30" is not in "300"
        target_numbers = set(re.findall(r"\d+", target)) | set(re.findall(r"\d+", r.target))
        aligned = ctx.doc.facts.get("aligned") == "yes"  # a human translation: acronyms get translated
        for m in _NAMEISH.finditer(r.source):
            token = m.group()
            if aligned and not (token[:1].isdigit() and len(token.replace(",", "").replace(".", "")) >= 2):
                continue  # a translator writes GUS for CIS, "zwölf" for 12: only numbers of two digits or more
            if token.isupper() and token.isalpha() and any(
                    len(w) >= 2 and token.startswith(w) for w in target_words):
                continue  # USA → US, BRD → BRD
            digits = token.replace(",", "").replace(".", "")
            whole = digits.isdigit() and not digits.startswith("0")  # "02:00" may be "0200GMT"
            if whole and len(digits) == 2 and re.search(r"\d{4}[/–-]$", r.source[:m.start()]):
                whole = False  # a year range cut short: "1968/69" for "1968/1969"
            if ((digits not in target_numbers if whole else digits not in target)
                    and not (digits.isdigit() and digits[0] == "0" and str(int(digits)) in target_words)
                    and not _clock_time(token, r.source, m.end(), r.target)
                    and not _number_word(token, r.target)
                    and not _converted(r.source, m.end(), r.target)):
                yield certain(f"“{token}” of the source is missing in the translation", m.start(), m.end())
        yield from _magnitudes(r.source, r.target)


#: a number and the word or abbreviation of its magnitude, by the power of ten it stands for:
#: German Milliarde is the English billion, German Billion the English trillion (a false friend)
_MAGNITUDE_DE = re.compile(r"(\d[\d.,]*)\s*(Millionen|Million|Mio\b\.?|Milliarden|Milliarde|Mrd\b\.?|Billionen|Billion"
                           r"|Bio\b\.?)")
_MAGNITUDE_EN = re.compile(r"(\d[\d.,]*)\s*(million|billion|trillion|mn|bn|tn|m|b)\b", re.IGNORECASE)
#: powers of ten, by the lower-case word or abbreviation
_POWER_DE = {"million": 6, "millionen": 6, "mio": 6, "milliarde": 9, "milliarden": 9, "mrd": 9, "billion": 12,
             "billionen": 12, "bio": 12}
_POWER_EN = {"million": 6, "mn": 6, "m": 6, "billion": 9, "bn": 9, "b": 9, "trillion": 12, "tn": 12}


def _magnitudes(german: str, english: str) -> Iterator[Finding]:
    """A number whose magnitude the other side gives otherwise: "2,4 Millionen" or "2,4 Billionen"
    beside "2.4 billion" (a thousand times less or more)."""
    said: dict[str, set[tuple[int, str]]] = {}
    for m in _MAGNITUDE_EN.finditer(english):
        said.setdefault(re.sub(r"\D", "", m.group(1)), set()).add((_POWER_EN[m.group(2).lower()], m.group()))
    for m in _MAGNITUDE_DE.finditer(german):
        number, power = re.sub(r"\D", "", m.group(1)), _POWER_DE[m.group(2).lower().rstrip(".")]
        there = said.get(number, set())
        if there and power not in {p for p, _ in there}:
            other = min(there)[1]
            yield certain(f"“{m.group()}” of the source is “{other}” in the translation: a German Milliarde is an "
                         "English billion, a German Billion an English trillion", m.start(), m.end())


#: English number words, which a German translation writes in digits ("twelve-second" → "12-Sekunden")
_NUMBER_WORDS = dict(enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())) | {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty",
                                                     70: "seventy", 80: "eighty", 90: "ninety", 100: "hundred"}


def _number_word(token: str, english: str) -> bool:
    """Does the English write the number ``token`` as a word ("12" → "twelve", "31" →
    "thirty-one")?"""
    n = int(token) if token.isdigit() else -1
    word = _NUMBER_WORDS.get(n)
    if word is None and 20 < n < 100 and n % 10:
        word = f"{_NUMBER_WORDS[n - n % 10]}[- ]{_NUMBER_WORDS[n % 10]}"
    return word is not None and re.search(rf"\b{word}\b", english, re.IGNORECASE) is not None


#: a metric unit after a German number, and the imperial or Indian units an English original
#: gives instead: the translator converted the measure ("220 Hektar" for "550 acres", "30 Grad
#: Celsius" for "90 degrees", "467.000" for "4.67 lakh")
_METRIC_AFTER = re.compile(r"\s*(?:-\s*)?(?:(?:km2|km²|km|m²|m|cm|mm|ha|kg|g|l)\b|°\s*C|(?:Kilometer|Meter|"
                           r"Zentimeter|Millimeter|Hektar|Quadrat|Grad|Kilo|Gramm|Liter|Tonnen)\w*)", re.IGNORECASE)


_IMPERIAL = re.compile(r"\b(?:acres?|feet|foot|ft|miles?|yards?|inch(?:es)?|pounds?|lbs?|ounces?|oz|gallons?|"
                       r"degrees?|Fahrenheit|°\s*F)\b|°F", re.IGNORECASE)


_INDIAN = re.compile(r"\b(?:lakhs?|crores?)\b", re.IGNORECASE)


def _converted(german: str, end: int, english: str) -> bool:
    """Was the number ending at ``end`` converted from the English's units: a metric unit after it
    and imperial units in the English, or lakh and crore in the English (Indian numbering)?"""
    if _INDIAN.search(english):
        return True
    return bool(_METRIC_AFTER.match(german, end)) and bool(_IMPERIAL.search(english))


def _clock_time(token: str, german: str, end: int, english: str) -> bool:
    """Is ``token`` a German 24-hour time ("22 Uhr", "14.30 Uhr", "23:30 Uhr") that the English
    writes on the 12-hour clock ("10 p.m.", "2:30pm", "11:30 p.m.", "noon", "midnight")?"""
    if not re.match(r"(?:[:.]\s?\d\d)?\s*Uhr\b", german[end:]) or not token.split(".")[0].isdigit():
        return False
    hour = int(token.split(".")[0])
    if hour in (0, 12, 24):
        return bool(re.search(r"\b(?:noon|midday|midnight|12)", english, re.IGNORECASE))
    return 13 <= hour <= 23 and str(hour - 12) in re.findall(r"\d+", english)


class SplitForLength(Detector):
    """A sentence longer than the model takes at once (its position table, read from the package,
    and the decoding limit): it was cut at clause boundaries (semicolons, commas, dashes, then
    spaces), translated in pieces and joined. The joins may read badly; check them. Must not
    fire on a sentence translated whole."""

    code = "split-for-length"
    stage = Stage.translation
    threshold = 2  # pieces

    def score(self, ctx: Context) -> Iterator[Finding]:
        if ctx.record.target and ctx.record.pieces > 1:
            n = ctx.record.pieces
            yield Finding(n, f"too long for the model: translated in {n} pieces cut at clause boundaries "
                             "and joined; check the joins", 0, len(ctx.text))
