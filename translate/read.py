"""Read a German article from disk into text.

Plain UTF-8 text (with or without a byte-order mark) is the input format. UTF-16 and UTF-32
are accepted too, with a BOM (Windows editors write it) or without one, recognised by their
unmistakable NUL pattern. Text that is not UTF-8 is read as windows-1252 (what a German
Windows editor saves, and what browsers assume for such text) only where that reading is
plainly German text: not mostly byte sequences that UTF-8 would read (that is broken UTF-8), no control
characters (a binary file), no quotation mark glued inside a word and none of
windows-1252's rarer letters (Š, Ž, Œ, Ÿ: another code page, DOS's cp850 or Mac Roman, whose
"ä" and "ö" windows-1252 reads as „ and ” or Š and š). :attr:`Source.encoding` says so, and the
commands tell the user. Where the user names the code page (``--encoding cp850``), text that is
not UTF-8 is read in it instead, with the same guards against broken UTF-8 and binary files; a
UTF-8 file stays UTF-8, so one option serves a folder or a pair that mixes the two. Anything
else is refused with a one-line error that says where decoding failed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from translate import extract
from translate.errors import InputError
from translate.extract import Block
from translate.files import sha256_bytes

#: Files larger than this are refused (a "document" of this size is almost surely not an article).
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """A decoded input document: its name (for records) and its text, BOM removed.

    For HTML, Markdown, DOCX and ODT, ``blocks`` holds the article's paragraphs (with their kind
    and locator) and ``text`` is their text joined by blank lines: offsets point into it."""

    name: str
    text: str
    path: Path | None = None
    sha256: str = ""  # of the file's bytes, as read
    blocks: tuple[Block, ...] = ()
    format: str = "txt"
    encoding: str = ""  # the code page where the file was not UTF-8: windows-1252 (:func:`windows_1252`), --encoding


def document_name(path: Path) -> str:
    """A document's name for records and output files: ``x.de.txt`` and ``x.txt`` → ``x``."""
    return path.stem.removesuffix(".de")


def sniff_wide(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by its NUL pattern: text in Latin script
    has a NUL in one byte of every two (UTF-16) or three of every four (UTF-32). None otherwise."""
    head = data[:8192]
    if len(head) < 8 or head.count(0) < len(head) // 4:
        return None
    def share(offset: int, step: int) -> float:
        part = head[offset::step]
        return part.count(0) / max(1, len(part))
    if len(head) % 4 == 0 or len(data) > len(head):
        if share(0, 4) < 0.1 and min(share(1, 4), share(2, 4), share(3, 4)) > 0.9:
            return "utf-32-le"
        if share(3, 4) < 0.1 and min(share(0, 4), share(1, 4), share(2, 4)) > 0.9:
            return "utf-32-be"
    if share(0, 2) < 0.1 and share(1, 2) > 0.5:
        return "utf-16-le"
    if share(1, 2) < 0.1 and share(0, 2) > 0.5:
        return "utf-16-be"
    return None


#: a UTF-8 sequence of two to four bytes
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")


def _utf8_sequence(data: bytes) -> re.Match[bytes] | None:
    """Where bytes that do not decode as UTF-8 still hold UTF-8 (broken UTF-8, not another code
    page): the first UTF-8 sequence of a character Latin-script text has (é, ä, “, –, €), or the
    first of any where such sequences hold most bytes above ASCII (broken UTF-8 in another
    script). None where the sequences are chance pairs of a code page's letters and punctuation
    (windows-1252's "ß“" is 0xdf 0x93, U+07D3, an N'Ko letter; "Ü" and "…" make a Syriac one)."""
    first, covered = None, 0
    for m in _UTF8_SEQUENCE.finditer(data):
        point = ord(m.group().decode("utf-8", errors="replace")[0])
        if point < 0x250 or 0x2000 <= point < 0x2200:
            return m
        first, covered = first or m, covered + len(m.group())
    return first if first and covered >= 0.8 * len(_HIGH.findall(data)) else None


#: what windows-1252 makes of another code page's umlauts: punctuation glued inside a word
#: (cp850's ä ö Ö: „ ” ™; not a dash: "Berlin–Hamburg"), letters German never writes (Mac
#: Roman's ä ö ü: Š š Ÿ; cp850's Ä Ü: Ž š), or controls
_NOT_1252 = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]|[^\W\d_][„“”‚…†‡•˜™›‹ˆ‰]+[^\W\d_]|[ŠšŽžŒœŸ]")


def windows_1252(data: bytes) -> str | None:
    """The text of bytes that are not UTF-8, read as windows-1252 where that is plainly German
    text (see the module's docstring); None where it is not."""
    if _utf8_sequence(data):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # a byte windows-1252 leaves free (cp850's ü, 0x81)
        return None
    return None if _NOT_1252.search(text) else text


def text_codec(name: str) -> str:
    """Python's name for a text encoding a user named (``--encoding``): "latin-1" → "iso8859-1",
    "macroman" → "mac-roman"; ValueError for a name Python does not know or a codec that is not
    a character encoding (base64, rot13)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r} (e.g. cp1252, cp850, mac-roman, iso8859-15)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{name!r} is not a character encoding")
    return info.name


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode bytes as UTF-8 (BOM optional), UTF-16 or UTF-32 (with a BOM, or recognised by their
    NUL pattern without one), or as windows-1252 where :func:`windows_1252` finds plain German
    text; raise InputError otherwise, saying where decoding failed."""
    return decode_as(data, name)[0]


def decode_as(data: bytes, name: str = "<bytes>", fallback: str = "") -> tuple[str, str]:
    """:func:`decode`, and the encoding it read the bytes in where UTF-8 failed ("" where it did
    not). ``fallback`` names the code page to read such bytes in (see :func:`text_codec`);
    without one, windows-1252 where :func:`windows_1252` finds plain German text."""
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8):], "utf-8-sig"  # a BOM: UTF-8, broken or not
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = sniff_wide(data) or "utf-8"
    used = ""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8" and fallback:
            text, used = _decode_fallback(data, name, fallback), fallback
        elif encoding == "utf-8" and (legacy := windows_1252(data)) is not None:
            return legacy, "windows-1252"
        else:
            raise InputError(
                f"{name}: not valid {encoding.removesuffix('-sig').upper()} (byte 0x{data[exc.start]:02x} at offset "
                f"{exc.start}, line {_line(data, exc.start)})",
                hint="name its code page with --encoding (cp850 for DOS, mac-roman for old Macs), or convert it "
                     "to UTF-8",
            ) from None
    nuls = text.count("\x00")
    if nuls > max(8, len(text) // 100):  # a stray NUL is removed with the other controls; many mean binary
        raise InputError(f"{name}: a binary file, not text ({nuls} NUL characters, the first at offset "
                         f"{text.index(chr(0))})", hint="give a plain-text article (UTF-8)")
    return text, used


def _line(text: bytes | str, offset: int) -> int:
    """The 1-based line of ``offset``, for a message."""
    return text[:offset].count(b"\n" if isinstance(text, bytes) else "\n") + 1


def _decode_fallback(data: bytes, name: str, codec: str) -> str:
    """Bytes that are not UTF-8 in the code page the user named; broken UTF-8 refused all the
    same (any byte is some character in most code pages), binary files by the caller."""
    broken = _utf8_sequence(data)
    if broken:
        raise InputError(f"{name}: broken UTF-8, not {codec} (a UTF-8 sequence at offset {broken.start()}, "
                         f"line {_line(data, broken.start())}, and bytes that are not UTF-8)",
                         hint="repair the file; --encoding applies to files that hold no UTF-8")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 or {codec} (byte 0x{data[exc.start]:02x} at offset "
                         f"{exc.start}, line {_line(data, exc.start)})",
                         hint="name the file's code page with --encoding") from None
    c1 = re.search(r"[\x80-\x9f]", text)  # C1 controls: ISO-8859's reading of another code page's letters
    if c1:
        raise InputError(f"{name}: not {codec} (read so, it holds the control character U+{ord(c1.group()):04X} "
                         f"at line {_line(text, c1.start())}, where another code page has a letter)",
                         hint="try --encoding cp1252 (Windows), cp850 (DOS) or mac-roman")
    return text


#: the path that names standard input (``cat x.txt | translate segment -``)
STDIN = "-"


def _read_stdin(max_bytes: int) -> bytes:
    import sys

    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("-: standard input is a terminal, not a document",
                         hint="pipe a document in (cat x.txt | translate segment -) or name a file")
    return _read_limited(sys.stdin.buffer, max_bytes, "standard input")


def _read_limited(fh: BinaryIO, max_bytes: int, what: str) -> bytes:
    """At most ``max_bytes`` of a stream, or InputError: a pipe or a device says no size first
    (/dev/zero never ends)."""
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{what}: too large (over {max_bytes:,} bytes, the limit)")
    return data


def _read_file(p: Path, max_bytes: int) -> bytes:
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a file", hint="use `translate batch` for folders")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"{p}: too large ({size:,} bytes; the limit is {max_bytes:,})")
        with p.open("rb") as fh:
            return _read_limited(fh, max_bytes, str(p))
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None


def read_document(path: str | Path, name: str | None = None, max_bytes: int = MAX_BYTES,
                  input_format: str = "auto", encoding: str = "") -> Source:
    """Read and decode one article (plain text, HTML, Markdown, DOCX or ODT: by extension, or
    ``input_format``); the record name defaults to the file's stem. ``encoding``: the code page
    of a text that is not UTF-8 (see :func:`decode_as`; a page's declared character set wins).
    ``-`` reads standard input (plain text unless ``input_format`` says otherwise), named "stdin"."""
    p = Path(path)
    if str(path) == STDIN:
        data, p = _read_stdin(max_bytes), Path("stdin")
    else:
        data = _read_file(p, max_bytes)
    fmt = extract.input_format(p, input_format)
    used: list[str] = []  # the encoding the text was read in, where it was no UTF

    def decoding(raw: bytes, what: str) -> str:
        text, used_encoding = decode_as(raw, what, encoding)
        used.append(used_encoding)
        return text

    if fmt == "txt":
        text = decoding(data, str(p))
        blocks: tuple[extract.Block, ...] = ()
    else:
        blocks = tuple(extract.blocks_of(fmt, data, decoding, str(p)))
        text = "\n\n".join(b.text for b in blocks)
    if not text.strip():
        raise InputError(f"{p}: the file is empty" if fmt == "txt" else f"{p}: no text in the {fmt} document")
    return Source(name=name or document_name(p), text=text, path=p, sha256=sha256_bytes(data), blocks=blocks,
                  format=fmt, encoding=next((u for u in used if u), ""))
