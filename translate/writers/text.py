"""Plain-text views for the terminal and for pipes.

* ``sentences``: one German sentence a line, a blank line between paragraphs
  (``translate segment``);
* ``report``: each sentence with a mark for its worst flag (``·`` info, ``!`` warning,
  ``✗`` error), where it stands when that is not running text (a table cell, a footnote, a
  header: its locator), and every flag's severity, code and reason under it (``translate check``);
* ``tsv``: paragraph, sentence, text, flag codes, worst severity, reasons; no header.

With :attr:`WriteOptions.documents` (``translate check FOLDER``) the report heads each document
with ``== NAME`` and the TSV starts each row with the document's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO

from translate.provenance import Provenance
from translate.record import SegmentPair
from translate.writers.base import Format, WriteOptions, text

_MARK = {None: " ", 1: "·", 2: "!", 3: "✗"}
#: blocks a reader finds by reading on; the others (a table cell, a footnote, a header, an image's
#: description, …) the report places by their locator ("[table 1 row 2 cell 1]", "[footnote 3]")
_RUNNING_TEXT = frozenset({"", "paragraph", "title", "heading", "list-item"})


def _one_line(s: str) -> str:
    return " ".join(s.split())


def write_sentences(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance,
                    opts: WriteOptions) -> None:
    with text(outs[0]) as fh:
        last = None
        for r in records:
            if last is not None and r.paragraph != last:
                fh.write("\n")
            fh.write(_one_line(r.source) + "\n")
            last = r.paragraph


def write_report(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance,
                 opts: WriteOptions) -> None:
    with text(outs[0]) as fh:
        document = None
        for r in records:
            if opts.documents and r.document != document:  # check FOLDER: each document under its name
                fh.write(("\n" if document is not None else "") + f"== {r.document}\n")
                document = r.document
            german = _one_line(r.source) if r.source else "(no German)"  # a 0-1 link of `check --english`
            where = f"  [{r.locator}]" if r.locator and r.block not in _RUNNING_TEXT else ""
            fh.write(f"{_MARK[int(r.worst) if r.worst else None]} {r.place}  {german}{where}\n")
            if r.target:
                fh.write(f"      → {_one_line(r.target)}\n")
            for f in r.flags:
                fh.write(f"      [{f.severity.name}] {f.code}: {_one_line(f.message)}\n")


def write_tsv(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance,
              opts: WriteOptions) -> None:
    with text(outs[0]) as fh:
        for r in records:
            cells = [*([r.document] if opts.documents else []), str(r.paragraph), str(r.sentence), r.source,
                     ",".join(f.code for f in r.flags), r.worst.name if r.worst else "",
                     " | ".join(f.message for f in r.flags)]
            fh.write("\t".join(_one_line(c) for c in cells) + "\n")


SENTENCES = Format("sentences", "one sentence a line, a blank line between paragraphs", (".txt",),
                   write_sentences, fields=("paragraph", "source"), stream=True, files=False)
REPORT = Format("report", "each sentence with its flags and reasons, for reading", (".txt",), write_report,
                fields=("paragraph", "sentence", "source", "target", "flags"), stream=True, files=False)
TSV = Format("tsv", "tab-separated: paragraph, sentence, text, flag codes, severity, reasons", (".tsv",),
             write_tsv, fields=("paragraph", "sentence", "source", "flags"), stream=True, files=False)
