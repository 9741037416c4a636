"""JSON Lines: one record per line with every field and flag; the first line is the signature."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from translate.record import SegmentPair
from translate.writers import Meta, atomic_open


def write(records: Iterable[SegmentPair], path: Path, meta: Meta) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps({"signature": {"tool_version": meta.tool_version, "model": meta.model,
                                           "settings": meta.settings, **meta.extra}},
                            ensure_ascii=False) + "\n")
        for r in records:
            fh.write(json.dumps(r.as_dict(), ensure_ascii=False) + "\n")


def read(path: Path) -> list[SegmentPair]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [SegmentPair.from_dict(json.loads(ln)) for ln in lines if ln and '"signature"' not in ln[:14]]
