"""``translate align --batch``: align every German/English document pair of two folders.

Pairs are matched by relative path and name, language marks aside (``a/x.de.txt`` ↔
``a/x.en.txt``, ``x_en.txt``, or the same name in both folders). Each pair gets its own files;
all links also go into the merged corpus (``corpus.*``); files without a partner and pairs
that fail are listed in ``failed.tsv``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translate.errors import InputError, TranslateError
from translate.extract import DEFAULT_GLOB
from translate.folders import CORPUS_STEM, visible_files, write_failed
from translate.pipeline import AlignHelp, Spool, align_documents, align_provenance, unrelated_pair
from translate.progress import Reporter
from translate.read import read_document
from translate.record import SegmentPair, Severity
from translate.state import EmbeddingCache, dedup_key
from translate.writers import WriteOptions, write_corpus, write_files

_LANG_MARK = re.compile(r"(?i)[._-](de|deu|ger|en|eng)$")

#: what to say when `align --batch` is given something that is no folder
FOLDERS_HINT = "--batch takes two folders: German and English"


def pair_key(rel: Path) -> str:
    """``a/x.de.txt``, ``a/x_en.txt`` and ``a/x.txt`` all pair as ``a/x``."""
    name = rel.name.rsplit(".", 1)[0] if "." in rel.name else rel.name
    return (rel.parent / _LANG_MARK.sub("", name)).as_posix()


def pair_folders(de_dir: Path, en_dir: Path, pattern: str = DEFAULT_GLOB,
                 ) -> tuple[list[tuple[str, Path, Path]], list[tuple[str, str]]]:
    """Match German and English files by relative path and name, language marks aside.

    Returns the pairs (key, German file, English file), sorted, and the unmatched files with
    the reason.
    """
    sides: list[dict[str, Path]] = []
    unmatched: list[tuple[str, str]] = []
    for folder, lang in ((de_dir, "German"), (en_dir, "English")):
        files: dict[str, Path] = {}
        unreadable: list[tuple[Path, Path, str]] = []
        for path, rel in visible_files(folder, pattern, hint=FOLDERS_HINT, unreadable=unreadable):
            key = pair_key(rel)
            if key in files:
                unmatched.append((str(path), f"two {lang} files pair as {key!r} (also {files[key]})"))
            else:
                files[key] = path
        unmatched += [(str(path), why) for path, _, why in unreadable]
        sides.append(files)
    de_files, en_files = sides
    pairs = [(k, de_files[k], en_files[k]) for k in sorted(de_files.keys() & en_files.keys())]
    for mine, other, missing in ((de_files, en_files, "English"), (en_files, de_files, "German")):
        unmatched += [(str(mine[k]), f"no {missing} file with the same name")
                      for k in sorted(mine.keys() - other.keys())]
    if not pairs:
        raise InputError(f"no file in {de_dir} has a counterpart in {en_dir}",
                         hint="pairs are matched by relative path: a/x.de.txt ↔ a/x.en.txt or a/x.txt ↔ a/x.txt")
    return pairs, unmatched


@dataclass
class AlignBatchResult:
    pairs: int = 0
    records: int = 0
    links: dict[str, int] = field(default_factory=dict)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or pair, reason)
    paths: list[Path] = field(default_factory=list)
    failed_path: Path | None = None
    excluded: int = 0  # links left out of the merged corpus for their flags (``exclude_flagged``)
    duplicates: int = 0  # links left out of the merged corpus as copies of earlier ones (``dedup``)
    legacy: list[str] = field(default_factory=list)  # files read as windows-1252 (not UTF-8, no --encoding)


@dataclass
class AlignedPair:
    """One pair of :func:`aligned_pairs`: its links, or why it could not be aligned."""

    key: str
    de: Path
    en: Path
    records: list[SegmentPair] = field(default_factory=list)  # each named by the pair's key
    error: str = ""  # the one-line reason, when it failed
    legacy: list[str] = field(default_factory=list)  # its files read as windows-1252


def aligned_pairs(pairs: Sequence[tuple[str, Path, Path]], help_: AlignHelp, presegmented: bool = False,
                  input_format: str = "auto", encoding: str = "", original: str = "en") -> Iterator[AlignedPair]:
    """Read and align each pair of :func:`pair_folders` in turn (one pair's error is its own)."""
    for key, de, en in pairs:
        try:
            sources = [read_document(p, input_format=input_format, encoding=encoding) for p in (de, en)]
            records = align_documents(*sources, help_.engine, None, presegmented, input_format, help_.embedder,
                                      original)
        except TranslateError as exc:
            yield AlignedPair(key, de, en, error=exc.one_line())
            continue
        for r in records:
            r.document = key
        yield AlignedPair(key, de, en, records, legacy=[str(p) for p, src in zip((de, en), sources, strict=True)
                                                        if src.encoding and not encoding])


EMBEDDINGS_NAME = "embeddings.sqlite"


def embedding_cache(out: Path) -> EmbeddingCache:
    """The vectors of earlier runs into ``out`` (``OUT/embeddings.sqlite``)."""
    return EmbeddingCache(Path(out) / EMBEDDINGS_NAME)


def align_folders(de_dir: Path, en_dir: Path, out: Path, help_: AlignHelp | None, formats: Sequence[str],
                  presegmented: bool = False, options: WriteOptions | None = None, pattern: str = DEFAULT_GLOB,
                  reporter: Reporter | None = None, created: str = "", input_format: str = "auto",
                  original: str = "en", encoding: str = "",
                  exclude_flagged: Severity | None = None, dedup: bool = False) -> AlignBatchResult:
    """Align every matched pair: per-pair files plus a merged corpus (``original``: see
    :func:`translate.pipeline.align_documents`; ``encoding``: see :func:`translate.read.read_document`),
    without the links flagged ``exclude_flagged`` or worse, and with ``dedup`` without a link whose
    German and English an earlier kept link has (pairs in path order)."""
    pairs, unmatched = pair_folders(Path(de_dir), Path(en_dir), pattern)
    help_ = help_ or AlignHelp()
    prov = align_provenance(help_, None, created)
    similarity = help_.similarity()
    res = AlignBatchResult(pairs=len(pairs), failed=list(unmatched))
    reporter = reporter or Reporter("align")
    reporter.start(len(pairs), sum(de.stat().st_size for _, de, _ in pairs))
    corpus = Spool(Path(out))  # the merged corpus: in memory while small, then in a temporary file
    kinds: Counter[str] = Counter()
    seen: set[str] = set()  # the kept links' dedup keys (--dedup)
    try:
        try:
            for done in aligned_pairs(pairs, help_, presegmented, input_format, encoding, original):
                key, de, records = done.key, done.de, done.records
                res.legacy += done.legacy
                if done.error:
                    res.failed.append((key, done.error))
                    reporter.advance(1, 0, de.stat().st_size, failed=1)
                    continue
                target = Path(out) / key
                write_files(records, target.parent, target.name, formats, prov.with_extra(document=key), options)
                kinds.update(r.align_type for r in records)
                if why := unrelated_pair(records, similarity):  # a wrong pair poisons a corpus
                    res.failed.append((key, f"the two files look unrelated: {why}; left out of the merged corpus "
                                            "(its own files are written, for review)"))
                    reporter.advance(1, len(records), de.stat().st_size, failed=1)
                    continue
                kept = [r for r in records if not (exclude_flagged and r.flagged(exclude_flagged))]
                res.excluded += len(records) - len(kept)
                if dedup:
                    fresh = []
                    for r in kept:
                        if (unit := dedup_key(r)) not in seen:
                            seen.add(unit)
                            fresh.append(r)
                    res.duplicates += len(kept) - len(fresh)
                    kept = fresh
                corpus.extend(kept)
                reporter.advance(1, len(records), de.stat().st_size)
        finally:
            reporter.stop()
        res.records, res.links = sum(kinds.values()), dict(sorted(kinds.items()))
        filters = {**({"exclude_flagged": exclude_flagged.name} if exclude_flagged else {}),
                   **({"dedup": "True"} if dedup else {})}
        corpus_prov = prov.with_extra(**filters) if filters else prov
        res.paths = write_corpus(corpus, Path(out), CORPUS_STEM, formats, corpus_prov, options)
    finally:
        corpus.close()
    res.failed_path = write_failed(Path(out), res.failed)
    return res


def check_folder_pairs(de_dir: Path, en_dir: Path, help_: AlignHelp | None = None, pattern: str = DEFAULT_GLOB,
                       input_format: str = "auto", encoding: str = "",
                       on_error: Callable[[str, str], None] | None = None,
                       on_unrelated: Callable[[str, str], None] | None = None,
                       reporter: Reporter | None = None, legacy: list[str] | None = None) -> Iterator[SegmentPair]:
    """``translate check DE_DIR --english EN_DIR``: every pair of the two folders (matched as
    ``align --batch`` matches them) aligned and flagged, its records named by the pair's key, in
    path order. A file without a partner, or a pair that cannot be read, goes to ``on_error``
    (name, one-line reason) and the others go on; a pair that looks unrelated goes to
    ``on_unrelated`` and is reported all the same; ``legacy`` gathers the files read as
    windows-1252."""
    pairs, unmatched = pair_folders(Path(de_dir), Path(en_dir), pattern)
    help_ = help_ or AlignHelp()
    for path, why in unmatched:
        if on_error is not None:
            on_error(path, f"{path}: {why}")
    reporter = reporter or Reporter("check")
    reporter.start(len(pairs), sum(de.stat().st_size for _, de, _ in pairs))
    try:
        for done in aligned_pairs(pairs, help_, input_format=input_format, encoding=encoding):
            if legacy is not None:
                legacy += done.legacy
            if done.error:
                if on_error is not None:
                    on_error(done.key, done.error)
                reporter.advance(1, 0, done.de.stat().st_size, failed=1)
                continue
            if on_unrelated is not None and (why := unrelated_pair(done.records, help_.similarity())):
                on_unrelated(done.key, why)
            reporter.advance(1, len(done.records), done.de.stat().st_size)
            yield from done.records
    finally:
        reporter.stop()
