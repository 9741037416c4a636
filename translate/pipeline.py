"""One document through the pipeline, top-down: read → normalise → segment → flag → translate →
(align) → write.

The library functions the CLI calls for single documents (``article``, ``check``, ``segment``,
``align``); everything the CLI does can be done from Python with the same names. Folders are
:mod:`translate.batch` and :mod:`translate.align_batch`.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from translate.align import align, unrelated
from translate.embed import INSTALL_HINT as EMBED_HINT
from translate.embed import Embedder, VectorCache
from translate.embed import available as embed_available
from translate.errors import InputError, ModelError, TranslateError
from translate.extract import Block
from translate.flag import Stage, flag
from translate.language import check_german, check_language
from translate.normalise import Paragraph, Wrap, iter_paragraphs, join_lines, normalise, paragraphs
from translate.package import find_package
from translate.progress import Reporter
from translate.provenance import Provenance
from translate.read import Source, read_document
from translate.record import SegmentPair
from translate.segment import segmenter
from translate.translator import Engine, Settings, Translation, provenance
from translate.writers import WriteOptions, write_files


def _read(document: str | Path | Source, input_format: str = "auto") -> Source:
    """A document given by its path, read; one read already (a command reads its input before it
    looks for a model, so that a bad input is said first), as it is."""
    return document if isinstance(document, Source) else read_document(document, input_format=input_format)


def load_engine(model: str | None = None, packages_dir: str | Path | None = None,
                settings: Settings | None = None) -> Engine:
    """The engine for ``model`` (a file, folder or installed name), else the newest installed
    de→en package. Raises ModelError with an install hint when there is none."""
    return Engine(find_package(model, directory=packages_dir), settings)


#: sentences flagged and translated together when a document is streamed
BLOCK_SENTENCES = 1024


def iter_records(source: Source, wrap: Wrap | str = Wrap.auto, lang: str = "de") -> Iterator[SegmentPair]:
    """Normalise and segment a document into records (source side only), a block at a time."""
    seg = segmenter(lang)
    for para, block in _paragraphs(source, wrap):
        for sent in seg.sentences([para]):
            start, end = para.original_span(sent.start, sent.end)
            original = join_lines(source.text[start:end].strip())
            yield SegmentPair(document=source.name, paragraph=sent.paragraph, sentence=sent.index,
                              source=sent.text.strip(), source_original=original, src_start=start, src_end=end,
                              block=block.kind if block else "", locator=block.locator if block else "")


def _paragraphs(source: Source, wrap: Wrap | str) -> Iterator[tuple[Paragraph, Block | None]]:
    """Plain text: paragraphs as normalise finds them. A structured document: one paragraph per
    block (its line breaks are spaces), offsets into the blocks' joined text."""
    if not source.blocks:
        for para in iter_paragraphs(source.text, wrap):
            yield para, None
        return
    base, index = 0, 0
    for block in source.blocks:
        for para in paragraphs(block.text, Wrap.paragraphs, first=index + 1, base=base):
            index = para.index
            yield para, block
        base += len(block.text) + 2


def segment_source(source: Source, wrap: Wrap | str = Wrap.auto, lang: str = "de") -> list[SegmentPair]:
    """Normalise and segment a document into records (source side only)."""
    return list(iter_records(source, wrap, lang))


Window = tuple[SegmentPair | None, list[SegmentPair], SegmentPair | None]


def blocks(records: Iterable[SegmentPair], size: int = BLOCK_SENTENCES) -> Iterator[Window]:
    """Whole paragraphs in blocks of about ``size`` records, each with the record before and the
    record after it (the neighbours its detectors look at)."""
    before: SegmentPair | None = None
    pending: list[SegmentPair] = []
    for r in records:
        if pending and len(pending) >= size and r.paragraph != pending[-1].paragraph:
            yield before, pending, r
            before, pending = pending[-1], []
        pending.append(r)
    if pending:
        yield before, pending, None


def iter_prepared(source: Source, wrap: Wrap | str = Wrap.auto, check_language: bool = True,
                  size: int = BLOCK_SENTENCES) -> Iterator[list[SegmentPair]]:
    """read → normalise → segment → flag (source side), in blocks of about ``size`` sentences:
    everything that needs no model, in memory that follows the block, not the document."""
    if check_language:
        check_german(source)
    empty = True
    for before, block, after in blocks(iter_records(source, wrap), size):
        flag(block, Stage.source, source.text, before=before, after=after)
        empty = False
        yield block
    if empty:
        raise InputError(f"{source.name}: no text to translate")


def prepare(source: Source, wrap: Wrap | str = Wrap.auto, check_language: bool = True) -> list[SegmentPair]:
    """read → normalise → segment → flag (source side) of a whole document, as one list."""
    return [r for block in iter_prepared(source, wrap, check_language) for r in block]


def apply_translations(records: Sequence[SegmentPair], results: Sequence[Translation]) -> list[SegmentPair]:
    """Attach translations (one per record, in order) and add the translation-side flags."""
    out = [replace(r, target=t.text, confidence=t.confidence, score=t.score, pieces=t.pieces, flags=list(r.flags))
           for r, t in zip(records, results, strict=True)]
    flag(out, Stage.translation)
    return out


def translate_records(records: Sequence[SegmentPair], engine: Engine) -> list[SegmentPair]:
    """Translate every record in one batched engine call, then add translation-side flags."""
    return apply_translations(records, engine.translate([r.source for r in records], spread=True))


class Spool:
    """Records kept for writing several formats: in memory while few, then in an anonymous
    temporary file (gone when closed, or when the process dies), so that memory does not grow
    with the document. Iterable any number of times."""

    def __init__(self, folder: Path, in_memory: int = 4 * BLOCK_SENTENCES) -> None:
        self.folder, self.in_memory = folder, in_memory
        self._records: list[SegmentPair] = []
        self._file: IO[str] | None = None
        self.count = 0

    def extend(self, records: Iterable[SegmentPair]) -> None:
        for r in records:
            self.count += 1
            if self._file is None:
                self._records.append(r)
                if len(self._records) > self.in_memory:
                    self._spill()
            else:
                self._file.write(json.dumps(r.as_dict(), ensure_ascii=False) + "\n")

    def _spill(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8", dir=self.folder)  # noqa: SIM115 - closed by close()
        self._file.writelines(json.dumps(r.as_dict(), ensure_ascii=False) + "\n" for r in self._records)
        self._records = []

    def __iter__(self) -> Iterator[SegmentPair]:
        if self._file is None:
            yield from self._records
            return
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield SegmentPair.from_dict(json.loads(line))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


@dataclass(frozen=True)
class Written:
    records: Iterable[SegmentPair]  # a list, or for a long document the spool it was written from
    paths: list[Path]
    provenance: Provenance
    sentences: int = 0
    flagged: int = 0  # sentences with a warning or an error


def translate_blocks(blocks_: Iterable[list[SegmentPair]], engine: Engine) -> Iterator[list[SegmentPair]]:
    """Translate prepared blocks, one engine call each (identical sentences translated once)."""
    for block in blocks_:
        yield translate_records(block, engine)


def translate_article(path: str | Path | Source, engine: Engine, out_dir: str | Path,
                      formats: Sequence[str] = ("tmx", "csv"), wrap: Wrap | str = Wrap.auto,
                      options: WriteOptions | None = None, created: str = "", force: bool = False,
                      reporter: Reporter | None = None, input_format: str = "auto") -> Written:
    """The main job: one German article in, aligned TMX/CSV (and more) out. ``created`` fixes
    the creation time recorded in the files (default: now, or ``SOURCE_DATE_EPOCH``); ``force``
    translates a document that does not look German. A long document streams: blocks of
    :data:`BLOCK_SENTENCES` sentences are prepared, translated and spooled, then written.
    ``path`` may be a document already read (:func:`read_document`)."""
    source = _read(path, input_format)
    prov = engine.provenance(created, document=source.name)
    reporter = reporter or Reporter("article")
    spool = Spool(Path(out_dir))
    flagged = 0
    try:
        reporter.start(1, len(source.text))
        for block in translate_blocks(iter_prepared(source, wrap, check_language=not force), engine):
            spool.extend(block)
            flagged += sum(r.flagged() for r in block)
            reporter.advance(0, len(block), block[-1].src_end - reporter.bytes)
        reporter.advance(1, 0, 0)
        paths = write_files(spool, Path(out_dir), source.name, formats, prov, options)
    except BaseException:
        spool.close()
        raise
    finally:
        reporter.stop()
    # a short document's records as a list; a long one's spool (its file goes with the object)
    records: Iterable[SegmentPair] = list(spool) if spool.count <= spool.in_memory else spool
    return Written(records, paths, prov, spool.count, flagged)


def check_document(path: str | Path | Source, wrap: Wrap | str = Wrap.auto, engine: Engine | None = None,
                   force: bool = False, input_format: str = "auto") -> Iterator[SegmentPair]:
    """``translate check``: the source-side flags, and with an engine the translation-side ones;
    records are yielded block by block as they are ready (a long document streams)."""
    prepared = iter_prepared(_read(path, input_format), wrap, check_language=not force)
    for block in translate_blocks(prepared, engine) if engine is not None else prepared:
        yield from block


def check_folder(folder: Path, pattern: str, wrap: Wrap | str = Wrap.auto, engine: Engine | None = None,
                 force: bool = False, input_format: str = "auto", encoding: str = "",
                 on_error: Callable[[str, str], None] | None = None,
                 reporter: Reporter | None = None, legacy: list[str] | None = None) -> Iterator[SegmentPair]:
    """``translate check FOLDER``: :func:`check_document` on every file of ``folder`` matching
    ``pattern`` (see :func:`translate.folders.visible_files`), in path order, each record named by
    its file's path relative to the folder. A file that cannot be read or checked goes to
    ``on_error`` (its path and the one-line reason) and the others go on; ``reporter`` is told of
    each file done; ``legacy`` gathers the files read as windows-1252 (not UTF-8, no ``encoding``)."""
    from translate.folders import visible_files

    unreadable: list[tuple[Path, Path, str]] = []
    files = visible_files(folder, pattern, "give a folder of articles", unreadable)
    if not files and not unreadable:
        raise InputError(f"{folder}: no files matching {pattern!r}", hint="check the folder, or set --glob")
    for _, rel, why in unreadable:
        if on_error is not None:
            on_error(rel.as_posix(), f"{rel.as_posix()}: {why}")
    reporter = reporter or Reporter("check")
    sizes = [path.stat().st_size for path, _ in files]
    reporter.start(len(files), sum(sizes))
    try:
        for (path, rel), size in zip(files, sizes, strict=True):
            name = rel.as_posix()
            try:
                source = read_document(path, name=name, input_format=input_format, encoding=encoding)
                records = list(check_document(source, wrap, engine, force, input_format))  # whole, or not at all
            except TranslateError as exc:
                if on_error is not None:
                    on_error(name, exc.one_line().replace(str(path), name))
                reporter.advance(1, 0, size, failed=1)
                continue
            except Exception as exc:  # noqa: BLE001 - one document the readers choke on must not stop the others
                if on_error is not None:
                    on_error(name, f"{name}: internal error while checking ({type(exc).__name__}: {exc})")
                reporter.advance(1, 0, size, failed=1)
                continue
            if legacy is not None and source.encoding and not encoding:
                legacy.append(name)
            reporter.advance(1, len(records), size)
            yield from records
    finally:
        reporter.stop()


# -- alignment -------------------------------------------------------------------------------

def _sentences(source: Source, lang: str, presegmented: bool) -> list[SegmentPair]:
    if not presegmented:
        return segment_source(source, Wrap.auto, lang)
    # paragraphs: blocks between blank lines; without any blank line the paragraphs are unknown
    # and each line is one of its own (a headline line is then no fragment of its neighbour)
    blocks = [[ln.strip() for ln in b.splitlines() if ln.strip()] for b in re.split(r"\n\s*\n", source.text)]
    blocks = [b for b in blocks if b]
    if len(blocks) == 1:
        blocks = [[ln] for ln in blocks[0]]
    return [SegmentPair(source.name, p, k, normalise(ln), ln)
            for p, block in enumerate(blocks, start=1) for k, ln in enumerate(block, start=1)]


SIMILARITIES = ("auto", "mt", "embed", "anchors")


@dataclass
class AlignHelp:
    """What guides an alignment: the translation model, sentence embeddings, or neither."""

    engine: Engine | None = None
    embedder: Embedder | None = None
    note: str = ""  # why the similarity is weaker than asked, for the user

    def similarity(self, mt_file: str | Path | None = None) -> str:
        """What scores the links: "mt", "embed" or "anchors"."""
        return "mt" if mt_file is not None or self.engine is not None else (
            "embed" if self.embedder is not None else "anchors")

    def mode(self, mt_file: str | Path | None = None) -> str:
        if mt_file is not None:
            return "mt-file"
        if self.engine is not None:
            return "mt"
        return f"embeddings ({self.embedder.name})" if self.embedder is not None else "length+anchors"


def alignment_help(similarity: str = "auto", model: str | None = None, packages_dir: str | Path | None = None,
                   mt_file: str | Path | None = None, settings: Settings | None = None,
                   cache: VectorCache | None = None) -> AlignHelp:
    """``auto``: the installed model's translation, else multilingual sentence embeddings (the
    embed extra), else length and anchors, with a note saying so; ``mt``: the model (an error
    without one); ``embed``: the embeddings (an error, with the install hint, without the extra);
    ``anchors``: neither. An MT file needs none of them."""
    if similarity not in SIMILARITIES:
        raise InputError(f"unknown similarity {similarity!r}; choose from {', '.join(SIMILARITIES)}")
    if mt_file is not None or similarity == "anchors":
        return AlignHelp()
    if similarity == "embed":
        return AlignHelp(embedder=_embedder(cache))
    try:
        return AlignHelp(engine=load_engine(model, packages_dir, settings))
    except ModelError:
        if model or similarity == "mt":
            raise
    if embed_available():
        return AlignHelp(embedder=_embedder(cache),
                         note="no translation model found: aligning with multilingual sentence embeddings")
    return AlignHelp(note="no translation model found and no sentence embeddings installed: aligning by length "
                          f"and anchors only (for better links: {EMBED_HINT})")


def _embedder(cache: VectorCache | None) -> Embedder:
    try:
        return Embedder(cache=cache)
    except TranslateError as exc:
        raise ModelError(exc.message, hint=exc.hint) from None


def check_pair(de_src: Source, en_src: Source) -> None:
    """Refuse a pair whose German or English side is confidently in another language (two files
    given the wrong way round, say)."""
    order = "align takes the German document first, then its English counterpart"
    check_language(de_src, "de", hint=order)
    check_language(en_src, "en", hint=order)


def align_documents(de_path: str | Path | Source, en_path: str | Path | Source, engine: Engine | None = None,
                    mt_file: str | Path | None = None, presegmented: bool = False,
                    input_format: str = "auto", embedder: Embedder | None = None,
                    original: str = "en", reporter: Reporter | None = None) -> list[SegmentPair]:
    """Align a German document with its English counterpart into records (see translate.align),
    flagged with the source-side detectors and the link detectors.

    Machine-translation help comes from ``mt_file`` (one line per German sentence) or from
    ``engine``; else from ``embedder`` (sentence embeddings); with none, the aligner uses length
    and cheap anchors only. ``original`` says which side was written first: ``"en"`` (the German
    translates the English, as the link detectors that look for what the German lost assume) or
    ``"de"`` (those detectors then stay silent). ``reporter`` shows the work as it goes: the
    German translated block by block, then the alignment's table row by row.
    """
    de_src, en_src = _read(de_path, input_format), _read(en_path, input_format)
    check_pair(de_src, en_src)
    de, en = _sentences(de_src, "de", presegmented), _sentences(en_src, "en", presegmented)
    mt: list[str] | None = None
    if mt_file is not None:
        mt = [ln.strip() for ln in read_document(mt_file).text.splitlines() if ln.strip()]
        if len(mt) != len(de):
            raise InputError(f"{mt_file}: {len(mt)} lines, but the German has {len(de)} sentences",
                             hint="the MT file needs one line per German sentence (use --presegmented)")
    reporter = reporter or Reporter("align")
    rows = len(de) + 1  # the alignment's table, after translating each German sentence with the engine
    work = (len(de) if engine is not None and mt is None else 0)
    reporter.start(1, work + rows)

    def progress(done: int, total: int) -> None:  # sentences: German sentences aligned (first pass)
        reporter.resize(work + total)
        reporter.advance(0, max(0, min(done, len(de)) - reporter.sentences), work + done - reporter.bytes)

    try:
        if mt is None and engine is not None:
            mt = []
            for k in range(0, len(de), BLOCK_SENTENCES):
                block = [r.source for r in de[k:k + BLOCK_SENTENCES]]
                mt += [t.text for t in engine.translate(block, spread=True)]
                reporter.advance(0, 0, len(block))
        links = align([r.source for r in de], [r.source for r in en], mt, embed=embedder, progress=progress)
        reporter.advance(1, 0, 0)
    finally:
        reporter.stop()
    records: list[SegmentPair] = []
    for link in links:
        ds = [de[i] for i in link.de]
        es = [en[j] for j in link.en]
        first = ds[0] if ds else None
        records.append(SegmentPair(
            document=de_src.name, paragraph=first.paragraph if first else 0,
            sentence=first.sentence if first else 0,
            source=" ".join(r.source for r in ds), source_original=" ".join(r.source_original for r in ds),
            src_start=first.src_start if first else 0, src_end=ds[-1].src_end if ds else 0,
            target=" ".join(r.source_original for r in es), align_type=link.kind, align_score=link.score,
            target_paragraph=es[0].paragraph if es else None, target_sentence=es[0].sentence if es else None))
    flag(records, Stage.source, de_src.text)
    flag(records, Stage.translation, aligned="yes")  # numbers kept, length: the English is the translation
    similarity = "mt" if mt is not None else ("embed" if embedder is not None else "anchors")
    flag(records, Stage.link, similarity=similarity, original=original, embedder=embedder)
    return records


def unrelated_pair(records: Sequence[SegmentPair], similarity: str) -> str | None:
    """Why an aligned pair of documents reads as no translation of each other (see
    :func:`translate.align.unrelated`), or None."""
    return unrelated([r.align_score if r.source and r.target else None for r in records], similarity,
                     [r.target for r in records])


def align_provenance(help_: AlignHelp, mt_file: str | Path | None, created: str = "") -> Provenance:
    if help_.engine is not None:
        return help_.engine.provenance(created, mode=help_.mode(mt_file))
    return provenance(created=created, mode=help_.mode(mt_file))


def align_pair(de_path: str | Path | Source, en_path: str | Path | Source, out_dir: str | Path, formats: Sequence[str],
               help_: AlignHelp | None = None, mt_file: str | Path | None = None, presegmented: bool = False,
               options: WriteOptions | None = None, created: str = "", input_format: str = "auto",
               original: str = "en", reporter: Reporter | None = None) -> Written:
    """``translate align DE EN``: align one pair and write ``OUT/NAME.*`` (NAME from the German)."""
    help_ = help_ or AlignHelp()
    de_src, en_src = _read(de_path, input_format), _read(en_path, input_format)
    records = align_documents(de_src, en_src, help_.engine, mt_file, presegmented, input_format, help_.embedder,
                              original, reporter)
    prov = align_provenance(help_, mt_file, created)
    paths = write_files(records, Path(out_dir), de_src.name, formats, prov, options)
    return Written(records, paths, prov)
