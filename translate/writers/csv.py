"""CSV: a header row, RFC 4180 quoting (CRLF line ends), UTF-8.

``excel=True`` makes a file that Excel opens correctly by double-click in German and other
locales: a UTF-8 byte-order mark, ``;`` as separator, and cells starting with ``= + - @``
(and tab or carriage return) prefixed with ``'`` so that Excel does not run them as formulas.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO

from translate.provenance import Provenance
from translate.record import SegmentPair
from translate.writers.base import Format, WriteOptions, text

COLUMNS = ["document", "paragraph", "sentence", "de", "en", "confidence", "align_type",
           "align_score", "flag_codes", "flag_severity", "flag_reasons"]


def _excel_safe(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def row(r: SegmentPair) -> list[str]:
    return [
        r.document, str(r.paragraph), str(r.sentence), r.source_original, r.target,
        "" if r.confidence is None else f"{r.confidence:.4f}", r.align_type,
        "" if r.align_score is None else f"{r.align_score:.4f}",
        " ".join(f.code for f in r.flags),
        r.worst.name if r.worst is not None else "",
        " | ".join(f.message for f in r.flags),
    ]


def write(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance, opts: WriteOptions) -> None:
    with text(outs[0], "utf-8-sig" if opts.excel else "utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";" if opts.excel else ",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(COLUMNS)
        for r in records:
            cells = row(r)
            w.writerow([_excel_safe(c) for c in cells] if opts.excel else cells)


FORMAT = Format("csv", "CSV table, one row a sentence (--excel: for Excel)", (".csv",), write,
                fields=("document", "paragraph", "sentence", "source_original", "target", "confidence",
                        "align_type", "align_score", "flags"), stream=True)
