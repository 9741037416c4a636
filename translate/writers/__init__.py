"""Output formats: one registry, every format one :class:`~translate.writers.base.Format`.

Adding a format is one new module in this package (a ``write`` function and a ``FORMAT``) and
one entry in :data:`REGISTRY` below. :func:`write_files` and :func:`write_stream` are the only
ways records are written: they make the decisions that are the same for every format
(:func:`units`: which records a format leaves out, the German text filled in) and open the files
atomically (a crash or a full disk never leaves half a file under the real name).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, suppress
from dataclasses import replace
from pathlib import Path
from typing import IO

from translate.files import atomic_open
from translate.provenance import Provenance
from translate.record import SegmentPair
from translate.writers import csv, html, jsonl, moses, omegat, text, tmx, xliff, xlsx
from translate.writers.base import Format, WriteOptions

REGISTRY: dict[str, Format] = {f.name: f for f in (
    tmx.FORMAT, csv.FORMAT, jsonl.FORMAT, moses.FORMAT, xliff.FORMAT, xlsx.FORMAT, html.FORMAT, omegat.FORMAT,
    text.SENTENCES, text.REPORT, text.TSV,
)}

#: formats the file-writing commands (article, batch, align) offer
FILE_FORMATS = tuple(name for name, f in REGISTRY.items() if f.files)

__all__ = ["FILE_FORMATS", "REGISTRY", "Format", "WriteOptions", "paths", "units",
           "write_corpus", "write_files", "write_stream"]


def units(records: Iterable[SegmentPair], fmt: Format, opts: WriteOptions) -> Iterator[SegmentPair]:
    """The records ``fmt`` writes, decided here once for every format: a record with an empty
    side is left out where the format needs both (Moses always; TMX unless ``keep_unaligned``);
    ``source_original`` falls back to the normalised text where a record has none; control,
    bidi and other unsafe characters never reach a file or a terminal (:meth:`SegmentPair.safe`)."""
    drop = fmt.drops_one_sided == "always" or (fmt.drops_one_sided == "unaligned" and not opts.keep_unaligned)
    for r in records:
        if drop and not (r.source and r.target):
            continue
        r = r.safe()
        yield r if r.source_original else replace(r, source_original=r.source)


def paths(fmt: Format, out_dir: Path, stem: str) -> list[Path]:
    return [out_dir / f"{stem}{suffix.format(stem=stem)}" for suffix in fmt.suffixes]


def _missing_dirs(folders: Iterable[Path]) -> set[Path]:
    """The folders (and their missing parents) that do not exist yet."""
    missing: set[Path] = set()
    for folder in folders:
        for d in (folder, *folder.parents):
            if d.exists():
                break
            missing.add(d)
    return missing


def write_files(records: Iterable[SegmentPair], out_dir: Path, stem: str, formats: Sequence[str],
                prov: Provenance, opts: WriteOptions | None = None) -> list[Path]:
    """Write ``OUT_DIR/STEM.SUFFIX`` for each format; return the paths. ``records`` is iterated
    once per format (a list, or a re-iterable view such as the batch ledger's)."""
    opts = opts or WriteOptions()
    written: list[Path] = []
    for name in formats:
        fmt = REGISTRY[name]
        targets = paths(fmt, Path(out_dir), stem)
        folders = [Path(out_dir) / f"{stem}{folder.format(stem=stem)}" for folder in fmt.folders]
        new_dirs = _missing_dirs([*(p.parent for p in targets), *folders])
        try:
            with ExitStack() as stack:
                handles: list[IO[bytes]] = [stack.enter_context(atomic_open(p, "wb")) for p in targets]
                fmt.writer(units(records, fmt, opts), handles, prov, opts)
        except BaseException:
            for d in sorted(new_dirs, key=lambda d: len(d.parts), reverse=True):  # nothing left behind
                with suppress(OSError):
                    d.rmdir()
            raise
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
        written += targets
    return written


def write_corpus(records: Iterable[SegmentPair], out_dir: Path, stem: str, formats: Sequence[str],
                 prov: Provenance, opts: WriteOptions | None = None) -> list[Path]:
    """A folder job's merged corpus: ``OUT_DIR/STEM.SUFFIX`` per format, or what a format writes
    instead (``Format.corpus``: the HTML index page)."""
    opts = opts or WriteOptions()
    written: list[Path] = []
    for name in formats:
        fmt = REGISTRY[name]
        if fmt.corpus is not None:
            written += fmt.corpus(units(records, fmt, opts), Path(out_dir), prov, opts)
        else:
            written += write_files(records, out_dir, stem, [name], prov, opts)
    return written


def write_stream(records: Iterable[SegmentPair], name: str, stream: IO[bytes], prov: Provenance,
                 opts: WriteOptions | None = None) -> None:
    """Write one streamable format to an open binary stream (standard output)."""
    fmt = REGISTRY[name]
    if not fmt.stream:
        raise ValueError(f"{name} cannot be written to a stream")
    opts = opts or WriteOptions(header=False)
    fmt.writer(units(records, fmt, opts), [stream], prov, opts)
    stream.flush()
