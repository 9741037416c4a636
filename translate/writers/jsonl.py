"""JSON Lines: one record per line with every field and flag; the first line is the signature.

Each line also carries ``text``, ``start`` and ``end`` (the German and its offsets in the
original document), the names ``translate segment --format jsonl`` has always used.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import IO

from translate.provenance import Provenance
from translate.record import SegmentPair
from translate.writers.base import Format, WriteOptions, text


def write(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance, opts: WriteOptions) -> None:
    with text(outs[0]) as fh:
        if opts.header:
            fh.write(json.dumps({"signature": prov.fields()}, ensure_ascii=False) + "\n")
        for r in records:
            d = r.as_dict()
            d.update(text=r.source, start=r.src_start, end=r.src_end)
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")


FORMAT = Format("jsonl", "JSON Lines: every field and flag, the signature first", (".jsonl",), write,
                fields=tuple(f.name for f in fields(SegmentPair)), stream=True)

_ALIASES = ("text", "start", "end")


def read(path: Path) -> list[SegmentPair]:
    out = []
    for ln in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(ln) if ln else None
        if d and "signature" not in d:
            out.append(SegmentPair.from_dict({k: v for k, v in d.items() if k not in _ALIASES}))
    return out
