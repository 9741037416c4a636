"""Read a German article from disk into text.

Plain UTF-8 text (with or without a byte-order mark) is the input format. UTF-16 with a BOM
is accepted too, since Windows editors write it. Anything else is refused with a one-line
error that says where decoding failed, instead of being guessed at.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from translate.errors import InputError
from translate.files import sha256_bytes

#: Files larger than this are refused (a "document" of this size is almost surely not an article).
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """A decoded input document: its name (for records) and its text, BOM removed."""

    name: str
    text: str
    path: Path | None = None
    sha256: str = ""  # of the file's bytes, as read


def document_name(path: Path) -> str:
    """A document's name for records and output files: ``x.de.txt`` and ``x.txt`` → ``x``."""
    return path.stem.removesuffix(".de")


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode bytes as UTF-8 (BOM optional) or BOM-marked UTF-16; raise InputError otherwise."""
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8):], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name}: not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}, line {line})",
            hint="convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8",
        ) from None


def read_document(path: str | Path, name: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read and decode one article; the record name defaults to the file's stem."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a file", hint="use `translate batch` for folders")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"{p}: too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    text = decode(data, str(p))
    if not text.strip():
        raise InputError(f"{p}: the file is empty")
    return Source(name=name or document_name(p), text=text, path=p, sha256=sha256_bytes(data))
