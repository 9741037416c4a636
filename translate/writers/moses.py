"""Moses-style plain text: ``PATH.de`` and ``PATH.en``, one segment per line, line-aligned.

Pairs with an empty side are left out (they have no counterpart); line breaks inside a
segment become spaces so that the two files stay aligned.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from translate.record import SegmentPair
from translate.writers import Meta, atomic_open


def write(records: Iterable[SegmentPair], path: Path, meta: Meta) -> None:
    de_path = path.with_name(path.name + ".de")
    en_path = path.with_name(path.name + ".en")
    with atomic_open(de_path, "w", encoding="utf-8", newline="\n") as de, \
            atomic_open(en_path, "w", encoding="utf-8", newline="\n") as en:
        for r in records:
            if r.source and r.target:
                de.write(" ".join(r.source.split()) + "\n")
                en.write(" ".join(r.target.split()) + "\n")
