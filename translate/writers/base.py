"""What every output format is: one :class:`Format` object, registered in :mod:`translate.writers`.

A format names itself, the file suffixes it writes (Moses writes two files), whether it can go
to standard output, which record fields it carries and its writer. A writer only formats: it
gets the records to write, one open binary handle per suffix, the run's provenance and the
options, and it neither opens files nor decides which records belong in the output. Those
decisions (:func:`translate.writers.units`) are made once for every format.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from translate.provenance import Provenance
from translate.record import SegmentPair

Writer = Callable[[Iterable[SegmentPair], Sequence[IO[bytes]], Provenance, "WriteOptions"], None]
#: writes a folder job's merged corpus where one big file would not serve (HTML: an index page)
CorpusWriter = Callable[[Iterable[SegmentPair], Path, Provenance, "WriteOptions"], list[Path]]


@dataclass(frozen=True)
class WriteOptions:
    """Options that shape how records are written (not which records: see ``Format.pairs_only``)."""

    excel: bool = False  # CSV for Excel: BOM, ';', formula-like cells escaped
    keep_unaligned: bool = True  # 1-0/0-1 links also in formats that drop them (TMX)
    header: bool = True  # the provenance line/header where a format has one (off for stdout)
    documents: bool = False  # several documents in one stream (check FOLDER): text views name each one
    #: the language codes TMX, XLIFF, the OmegaT project and the HTML page carry, German first ("de-CH", "en-GB"):
    #: a CAT tool's translation memory matches them
    languages: tuple[str, str] = ("de", "en")


@dataclass(frozen=True)
class Format:
    name: str
    description: str  # one line, for --help
    suffixes: tuple[str, ...]  # appended to the output stem, one file each ("{stem}" stands for the stem)
    writer: Writer
    fields: tuple[str, ...]  # the SegmentPair fields the format carries
    #: which records a format leaves out: "never", "unaligned" (a side is empty, unless
    #: WriteOptions.keep_unaligned), "always" (a format whose lines must pair up: Moses)
    drops_one_sided: str = "never"
    stream: bool = False  # can be written to standard output (one suffix)
    files: bool = True  # offered by the commands that write files (article, batch, align)
    corpus: CorpusWriter | None = None  # a batch's merged corpus, when not one file of this format
    folders: tuple[str, ...] = ()  # empty folders the format needs besides its files (like suffixes)


@contextlib.contextmanager
def text(handle: IO[bytes], encoding: str = "utf-8", newline: str = "\n") -> Iterator[io.TextIOWrapper]:
    """A text view of a binary handle; flushed and detached at the end (the handle stays open)."""
    wrapper = io.TextIOWrapper(handle, encoding=encoding, newline=newline, write_through=False)
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()

