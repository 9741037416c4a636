"""Moses-style plain text: ``PATH.de`` and ``PATH.en``, one segment per line, line-aligned.

The normalised German (whitespace collapsed) and the English; line breaks inside a segment
become spaces so that the two files stay aligned. Pairs with an empty side are never written:
they have no counterpart line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO

from translate.provenance import Provenance
from translate.record import SegmentPair
from translate.writers.base import Format, WriteOptions, text


def write(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance, opts: WriteOptions) -> None:
    with text(outs[0]) as de, text(outs[1]) as en:
        for r in records:
            de.write(" ".join(r.source.split()) + "\n")
            en.write(" ".join(r.target.split()) + "\n")


FORMAT = Format("moses", "Moses plain text: NAME.de and NAME.en, line-aligned", (".de", ".en"), write,
                fields=("source", "target"), drops_one_sided="always")
