"""Normalise text and split it into paragraphs, keeping a map back to the original.

What normalisation does (the result is what gets segmented and translated):

* Unicode NFC;
* no-break spaces and every other Unicode space separator (and tabs) become a plain space, the
  Unicode hyphen and non-breaking hyphen a plain hyphen;
* soft hyphens, zero-width characters, control characters and bidi controls are removed;
  vertical tab, form feed, NEL and the Unicode line and paragraph separators are line breaks;
* runs of spaces collapse to one, and lines are stripped;
* where lines are joined into a paragraph, a word divided at a line's end is whole again
  ("Bundes-" + "regierung" → "Bundesregierung"; "US-" + "Regierung" → "US-Regierung"; "Bundes-"
  + "und Landesregierung" keeps its hyphen and space);
* ``\\r\\n`` and ``\\r`` become ``\\n``.

Every character of the normalised text remembers the offset of the original character it
came from, so a sentence can be cut from the *original* text (a CAT tool matches translation
memory against the document exactly, no-break spaces included).

Paragraphs: a blank line always ends a paragraph, and a list item ("- …", "• …", "1. …",
"a) …": :func:`item_starts`) always starts one. A single line break ends one too, unless the
text is hard-wrapped (lines of similar width that end mid-sentence), the line goes on the
sentence (:func:`continues`) or it is indented under a list item's first line; ``wrap`` chooses:
``lines`` (every line is a paragraph), ``paragraphs`` (only blank lines and list items end a
paragraph; the lines inside are joined with a space) or ``auto`` (detect).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from translate.record import FINAL_PUNCTUATION, UNSAFE

#: Removed outright: soft hyphen, word joiner, BOM inside text, and every character no output
#: may carry (controls, zero-width characters, bidi controls: record.UNSAFE).
_REMOVE = frozenset("\u00ad\u2060\ufeff")
#: Line breaks besides \n and \r: vertical tab, form feed, NEL, line and paragraph separators.
_BREAKS = frozenset("\x0b\x0c\x85\u2028\u2029")


class Wrap(str, Enum):
    auto = "auto"
    lines = "lines"
    paragraphs = "paragraphs"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of normalised text; ``origin[i]`` is the original offset of ``text[i]``."""

    index: int  # 1-based
    text: str
    origin: tuple[int, ...]  # offsets from ``base``
    base: int = 0  # where the block this paragraph was read from starts in the document

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) offsets of the normalised slice text[start:end] (end > start)."""
        return self.base + self.origin[start], self.base + self.origin[end - 1] + 1


def _is_space(ch: str) -> bool:
    return ch == "\t" or (ch != "\n" and unicodedata.category(ch) == "Zs")


#: any character normalise_chars changes or drops (everything else maps to itself)
#: Unicode's hyphen and non-breaking hyphen (Word's and LibreOffice's "S‑Bahn"): the ASCII hyphen,
#: which the translation model knows
_HYPHENS = frozenset("\u2010\u2011")
_SPECIAL = re.compile("[\r\t\u00ad\u2060\ufeff\x0b\x0c\x85\u2028\u2029\u2010\u2011]|" + UNSAFE.pattern
                      + "|[^\\S\n ]")


def normalise_chars(text: str) -> tuple[str, list[int]]:
    """Character-level normalisation; returns the new text and each character's origin.

    Line breaks are kept (as ``\\n``); spaces are not yet collapsed. Text that is already NFC and
    holds no character to change (most text) is returned as it is; NFC text with some (a no-break
    space, a soft hyphen, CRLF) is copied run by run between them; only text not in NFC is read
    character by character.
    """
    if unicodedata.is_normalized("NFC", text):
        if not _SPECIAL.search(text):
            return text, list(range(len(text)))
        return _replace_special(text)
    return _normalise_each(text)


def _normalise_each(text: str) -> tuple[str, list[int]]:
    """:func:`normalise_chars` character by character, composing as it goes (text not in NFC)."""
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\r":
            out.append("\n")
            origin.append(i)
            i += 2 if text.startswith("\r\n", i) else 1
            continue
        if ch == " " or _SPECIAL.match(ch):
            new = _special(ch)
            if new:
                out.append(new)
                origin.append(i)
            i += 1
            continue
        # a starter and the combining marks after it are composed together
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j]) if j > i + 1 or ord(ch) > 0x7F else ch
        out.extend(composed)
        origin.extend([i] * len(composed))
        i = j
    return "".join(out), origin


def _special(ch: str) -> str:
    """What :func:`normalise_chars` makes of one character :data:`_SPECIAL` matches (not ``\\r``)."""
    if ch in _BREAKS:
        return "\n"
    if ch in _HYPHENS:
        return "-"
    if ch in _REMOVE or UNSAFE.match(ch):
        return ""
    return " " if _is_space(ch) else ch


def _replace_special(text: str) -> tuple[str, list[int]]:
    """:func:`normalise_chars` for NFC text: the runs between special characters (a no-break
    space, a soft hyphen, a carriage return) are copied whole, not character by character."""
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in _SPECIAL.finditer(text):
        i = m.start()
        if i < pos:  # the \n of a \r\n
            continue
        out.append(text[pos:i])
        origin.extend(range(pos, i))
        ch = text[i]
        new = "\n" if ch == "\r" else _special(ch)
        if new:
            out.append(new)
            origin.append(i)
        pos = i + 2 if text.startswith("\r\n", i) else i + 1
    out.append(text[pos:])
    origin.extend(range(pos, len(text)))
    return "".join(out), origin


def _collapse(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Strip lines and collapse runs of spaces, keeping the origin map in step. The text is
    :func:`normalise_chars`' output: its only white space is the space and the line break."""
    out: list[str] = []
    org: list[int] = []
    base = 0
    for k, line in enumerate(text.split("\n")):
        if k:
            out.append("\n")
            org.append(origin[base - 1])
        if line and line[0] != " " and line[-1] != " " and "  " not in line:  # most lines: nothing to collapse
            out.append(line)
            org.extend(origin[base : base + len(line)])
            base += len(line) + 1
            continue
        first = True
        for w in re.finditer(r"\S+", line):
            if not first:
                out.append(" ")
                org.append(origin[base + w.start() - 1])
            first = False
            out.extend(w.group())
            org.extend(origin[base + w.start() : base + w.end()])
        base += len(line) + 1
    return "".join(out), org


#: Words that cannot end a German sentence or heading: a line ending in one is wrapped.
_OPEN_WORDS = frozenset(
    "der die das den dem des ein eine einer eines einem einen und oder aber sowie mit von zu "
    "zum zur für auf in im an am bei beim nach aus über unter vor zwischen durch gegen ohne "
    "um als wie dass ob wenn weil denn sondern sich nicht noch sehr auch".split()
)


#: what opens a list item: a bullet or dash, a number or a letter with a period or parenthesis
_ITEM = re.compile(r"([-–•*▪◦·])\s+\S|\(?(\d{1,3})[.)]\s+\S|\(?([a-z])\)\s+\S")


def _marker(line: str) -> str:
    """The kind of list marker a line opens with ("bullet -", "number", "letter"), or ""."""
    m = _ITEM.match(line)
    if not m:
        return ""
    return f"bullet {m.group(1)}" if m.group(1) else "number" if m.group(2) else "letter"


def item_starts(lines: list[str]) -> set[int]:
    """The lines (by index) that open a list item: a line that opens with a bullet, a dash, a
    number or a letter and a parenthesis, where another line of its block opens with the same
    kind of marker, or the line before it ends a sentence, ends with a colon or opens an item;
    not after a line that ends in a word that cannot end a sentence, a hyphen or a comma ("… am"
    + "3. Oktober …")."""
    starts: set[int] = set()
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and lines[end]:
            end += 1
        kinds = [_marker(lines[i]) for i in range(k, end)]
        for i, kind in enumerate(kinds, start=k):
            before = lines[i - 1] if i > k else ""
            if before and (before.split()[-1] in _OPEN_WORDS or before.endswith(("-", ","))):
                continue  # "… am" + "3. Oktober": the sentence goes on
            if kind and (kinds.count(kind) >= 2 or before[-1:] in (".", "!", "?", ":") or i - 1 in starts):
                starts.add(i)
        k = end + 1
    return starts


def looks_hard_wrapped(lines: list[str]) -> bool:
    """Heuristic: lines of similar width (≤ 120 chars) that mostly end mid-sentence; a list item
    that ends without punctuation ("- Mieter in großen Städten") does not count as ending
    mid-sentence."""
    items = item_starts(lines)
    inner = [(k, ln) for k, ln in enumerate(lines) if ln and k + 1 < len(lines) and lines[k + 1]]
    if len(inner) < 3:
        return False
    widest = max(len(ln) for _, ln in inner)
    if widest > 120:
        return False
    similar = sum(len(ln) >= 0.6 * widest for _, ln in inner) / len(inner)
    prose = [ln for k, ln in inner if k not in items]
    open_ended = sum(not FINAL_PUNCTUATION.search(ln) for ln in prose) / max(1, len(prose))
    return similar >= 0.75 and open_ended >= 0.5


def continues(line: str, nxt: str) -> bool:
    """In a text that is not hard-wrapped overall, is ``nxt`` the same sentence as ``line``?

    Yes when ``line`` has no final punctuation and either ends in a word that cannot end a
    sentence (an article, preposition or conjunction) or in a word divided at its end, or has
    several words and ``nxt`` starts in lower case (a list of single words, one a line, is not
    joined).
    """
    if not nxt or FINAL_PUNCTUATION.search(line):
        return False
    if _hyphen_join(line, nxt) == "cut":
        return True  # a word divided at the line's end: "Bundes-" + "regierung"
    words = line.split()
    if words[-1] in _OPEN_WORDS:
        return True
    return len(words) >= 4 and nxt[0].islower()


#: words after a line-end hyphen that show it to be a suspended compound ("Bundes- und
#: Landesregierung", "Ein- bis Zweifamilienhäuser"): the hyphen and the space stay
_SUSPENDED = re.compile(r"(?:und|oder|bis|sowie|bzw|beziehungsweise|respektive|als|wie|statt|anstatt|noch|"
                        r"versus|vs|contra)\b")


def _hyphen_join(before: str, line: str) -> str:
    """How a line that ends in a hyphen after a letter or digit joins the next: ``"cut"`` (the
    word was divided at the line's end: "Bundes-" + "regierung" → "Bundesregierung"), ``"keep"``
    (a hyphenated compound divided at its hyphen: "US-" + "Regierung" → "US-Regierung", no
    space), or ``""`` (a space, as every other line: "Bundes-" + "und Landesregierung", "… -"
    + "ein Gedankenstrich")."""
    if not (len(before) >= 2 and before[-1] == "-" and before[-2].isalnum() and line):
        return ""
    if line[0].islower() and line[0].isalpha():
        return "" if _SUSPENDED.match(line) else "cut"
    return "keep" if line[0].isupper() or line[0].isdigit() else ""


def join_lines(text: str) -> str:
    """The lines of an original span as one line, as :func:`paragraphs` joins them: a space
    between lines, none where a word or a compound was divided at a line's end (see
    :func:`_hyphen_join`)."""
    out = ""
    for k, line in enumerate(text.splitlines()):
        before, after = out.rstrip(), line.lstrip()
        how = _hyphen_join(before, after) if k else ""
        out = (before[:-1] + after if how == "cut" else before + after if how == "keep"
               else f"{out} {line}" if k else line)
    return out


def paragraphs(text: str, wrap: Wrap | str = Wrap.auto, *, hard_wrapped: bool | None = None, first: int = 1,
               base: int = 0) -> list[Paragraph]:
    """Normalise ``text`` and split it into paragraphs (see the module docstring).

    ``hard_wrapped`` decides ``wrap=auto`` (default: look at ``text``); paragraphs are numbered
    from ``first`` and their offsets count from ``base`` (for a block of a longer document)."""
    chars_, char_origin = normalise_chars(text)
    norm, origin = _collapse(chars_, char_origin)
    lines = norm.split("\n")
    indents = [len(ln) - len(ln.lstrip(" ")) for ln in chars_.split("\n")]  # before _collapse strips them
    mode = Wrap(wrap)
    if mode is Wrap.auto:
        if hard_wrapped is None:
            hard_wrapped = looks_hard_wrapped(lines)
        mode = Wrap.paragraphs if hard_wrapped else Wrap.lines
    result: list[Paragraph] = []
    pos = 0
    current: list[tuple[str, list[int]]] = []

    def flush() -> None:
        if not current:
            return
        chars: list[str] = []
        org: list[int] = []
        for k, (ln, lo) in enumerate(current):
            join = _hyphen_join(chars[-1], ln) if k else ""
            if join == "cut":  # "Bundes-" + "regierung": the hyphen was the line's, not the word's
                chars[-1] = chars[-1][:-1]
                org.pop()
            elif not join and k:
                chars.append(" ")
                org.append(lo[0] - 1)
            chars.append(ln)
            org.extend(lo)
        result.append(Paragraph(first + len(result), "".join(chars), tuple(org), base))
        current.clear()

    items = item_starts(lines)
    head = 0  # the line that opened the paragraph being gathered
    for k, ln in enumerate(lines):
        lo = origin[pos : pos + len(ln)]
        pos += len(ln) + 1
        if not ln or k in items:  # a blank line, or a list item: a paragraph of its own
            flush()
            if not ln:
                continue
        if not current:
            head = k
        current.append((ln, lo))
        nxt = k + 1 < len(lines) and k + 1 not in items and lines[k + 1]
        if mode is Wrap.lines and not (wrap == Wrap.auto and nxt and (
                continues(ln, lines[k + 1])
                or head in items and indents[k + 1] > indents[head])):  # an item's line indented under it
            flush()
    flush()
    return result


#: a blank line: where a long document can be cut into blocks without cutting a paragraph
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE_BREAK = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?]\s")
_SPACE = re.compile(r"\s")
BLOCK_CHARS = 1 << 20


def _cut(text: str, start: int, size: int) -> int:
    """Where the block that starts at ``start`` ends: at the first blank line after ``size``
    characters; where there is none within another ``size``, at a line break, a sentence end or a
    space (a paragraph longer than that is cut in two); at the end of the text."""
    if len(text) - start <= size:
        return len(text)
    for pattern in (_BLANK_LINE, _LINE_BREAK, _SENTENCE_END, _SPACE):
        m = pattern.search(text, start + size, min(len(text), start + 2 * size))
        if m:
            return m.end()
    return start + 2 * size


def iter_paragraphs(text: str, wrap: Wrap | str = Wrap.auto, block_chars: int = BLOCK_CHARS) -> Iterator[Paragraph]:
    """:func:`paragraphs` for a document of any size, a block of about ``block_chars`` at a
    time, so that memory follows the block, not the document. Whether the text is hard-wrapped
    is decided once, on its first block."""
    hard_wrapped = None
    start, first = 0, 1
    while start < len(text):
        end = _cut(text, start, block_chars)
        if hard_wrapped is None and Wrap(wrap) is Wrap.auto and end < len(text):  # (one block: paragraphs decides)
            hard_wrapped = looks_hard_wrapped(_collapse(*normalise_chars(text[start:end]))[0].split("\n"))
        block = paragraphs(text[start:end], wrap, hard_wrapped=hard_wrapped, first=first, base=start)
        yield from block
        first += len(block)
        start = end


def normalise(text: str) -> str:
    """The normalised form of one piece of text, as one line (used for training data too)."""
    norm, _ = _collapse(*normalise_chars(text))
    return " ".join(norm.split())
