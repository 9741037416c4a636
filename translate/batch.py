"""Batch mode: a folder of German articles into a parallel corpus, resumable, in parallel.

Data flow (one process, three kinds of work overlapping)::

    discover ─► prepare thread (read → normalise → segment → flag, bounded queue)
            ─► chunks of ~N sentences from consecutive documents
            ─► translation memory lookup ─► backend (CTranslate2 threads, or Dask workers)
            ─► per-article files ─► ledger commit (units + state, one transaction)
    at the end: merged corpus (TMX, CSV, Moses .de/.en, JSONL) streamed from the ledger

While the backend translates chunk *k*, the main thread writes chunk *k−1* and the prepare
thread segments chunk *k+1*. At most ``parallelism + 1`` chunks are in flight, so memory does
not grow with the size of the folder. Per-article files are written (atomically) before the
ledger commit; a run killed between the two rewrites the same files on resume.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from translate import __version__
from translate.errors import InputError, TranslateError
from translate.normalise import Wrap
from translate.pipeline import apply_translations, prepare, write_outputs
from translate.progress import Reporter
from translate.read import document_name, file_sha256, read_document
from translate.record import SegmentPair
from translate.state import LEDGER_NAME, TM_NAME, FolderLock, Ledger, TranslationMemory
from translate.translator import Engine, Translation
from translate.writers import Meta, atomic_open

CORPUS_STEM = "corpus"
FAILED_NAME = "failed.tsv"


@dataclass(frozen=True)
class BatchOptions:
    formats: tuple[str, ...] = ("tmx", "csv", "moses", "jsonl")
    pattern: str = "*.txt"
    wrap: Wrap = Wrap.auto
    excel: bool = False
    dedup: bool = False
    chunk_sentences: int = 256  # sentences per backend call (and per ledger commit)
    max_bytes: int = 10 * 1024 * 1024  # larger files are recorded as failed

    def job_settings(self) -> dict[str, str]:
        """What must not change between runs on one output folder."""
        return {"formats": ",".join(self.formats), "wrap": self.wrap.value,
                "excel": str(self.excel)}


@dataclass(frozen=True)
class Document:
    relpath: str  # POSIX path relative to the input folder; the units' "document"
    path: Path
    stem: Path  # output path without suffix, relative to the output folder
    size: int


@dataclass
class Prepared:
    doc: Document
    sha256: str = ""  # empty when the file could not be read
    records: list[SegmentPair] = field(default_factory=list)
    error: str = ""


@dataclass
class BatchResult:
    documents: int = 0  # found in the input folder
    skipped: int = 0  # already done by an earlier run, unchanged
    done: int = 0
    failed: int = 0  # documents failed in total (this run and earlier)
    sentences: int = 0  # sentences of documents done in this run
    translated: int = 0  # distinct sentences the model translated in this run
    reused: int = 0  # sentences taken from the translation memory in this run
    seconds: float = 0.0
    paths: list[Path] = field(default_factory=list)
    failed_path: Path | None = None


class Backend(Protocol):
    """Translates lists of sentences asynchronously; futures have ``.result()``."""

    name: str
    parallelism: int
    model: str  # package signature
    settings: str  # settings signature

    def submit(self, sentences: list[str]) -> Any: ...

    def close(self) -> None: ...


class LocalBackend:
    """CTranslate2 in this process: ``workers`` concurrent batches (CTranslate2 inter_threads)."""

    def __init__(self, engine: Engine, workers: int = 1) -> None:
        self.engine = engine
        self.name = f"local:{workers}"
        self.parallelism = workers
        self.model = engine.package.signature()
        self.settings = engine.settings.signature()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="translate")

    def submit(self, sentences: list[str]) -> Any:
        return self._pool.submit(self.engine.translate, sentences)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


# -- discovery -------------------------------------------------------------------------------


def _visible_files(folder: Path, pattern: str, hint: str) -> list[tuple[Path, Path]]:
    """(path, path relative to ``folder``) of the files matching ``pattern``, sorted; hidden
    files and files in hidden folders are left out."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder" if not folder.exists() else f"{folder}: not a folder",
                         hint=hint)
    found = ((path, path.relative_to(folder)) for path in sorted(folder.rglob(pattern)))
    return [(path, rel) for path, rel in found
            if not any(part.startswith(".") for part in rel.parts) and path.is_file()]


def discover(root: Path, out: Path, pattern: str = "*.txt") -> tuple[list[Document], list[tuple[Document, str]]]:
    """Files under ``root`` matching ``pattern``, sorted; and those refused for their names.

    Hidden files and folders and anything inside the output folder are skipped. Two inputs
    whose outputs would have the same name (``a.txt`` and ``a.de.txt``), or an input whose
    outputs would overwrite the merged corpus, are refused.
    """
    out_resolved = out.resolve()
    docs: list[Document] = []
    refused: list[tuple[Document, str]] = []
    owners: dict[Path, str] = {}
    for path, rel in _visible_files(root, pattern, hint="use `translate article` for a single file"):
        if path.resolve().is_relative_to(out_resolved):
            continue
        doc = Document(rel.as_posix(), path, rel.parent / document_name(rel), path.stat().st_size)
        if doc.stem in owners:
            refused.append((doc, f"its output files would overwrite those of {owners[doc.stem]}"))
        elif doc.stem == Path(CORPUS_STEM):
            refused.append((doc, "its output files would overwrite the merged corpus (rename the file)"))
        else:
            owners[doc.stem] = doc.relpath
            docs.append(doc)
    if not docs and not refused:
        raise InputError(f"{root}: no files matching {pattern!r}", hint="check the folder, or set --glob")
    return docs, refused


# -- preparing documents (runs in a background thread) ----------------------------------------


def _prepare(doc: Document, options: BatchOptions) -> Prepared:
    prep = Prepared(doc)
    try:
        source = read_document(doc.path, name=doc.relpath, max_bytes=options.max_bytes)
        prep.sha256 = source.sha256  # read once: the same bytes are hashed and decoded
        prep.records = prepare(source, options.wrap)
    except TranslateError as exc:
        prep.error = exc.one_line().replace(str(doc.path), doc.relpath)
    except OSError as exc:
        prep.error = f"{doc.relpath}: cannot read ({exc.strerror or exc})"
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
        prep.error = f"{doc.relpath}: internal error while preparing ({type(exc).__name__}: {exc})"
    return prep


def _prepared(docs: Iterable[Document], options: BatchOptions, depth: int = 64) -> Generator[Prepared, None, None]:
    """Prepare documents in a background thread, ``depth`` ahead of the consumer."""
    q: queue.Queue[Prepared | None] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def work() -> None:
        for doc in docs:
            item = _prepare(doc, options)
            while not stop.is_set():
                try:
                    q.put(item, timeout=0.2)
                    break
                except queue.Full:
                    continue
            if stop.is_set():
                return
        q.put(None)

    thread = threading.Thread(target=work, name="translate-prepare", daemon=True)
    thread.start()
    try:
        while (item := q.get()) is not None:
            yield item
    finally:
        stop.set()


# -- the job ---------------------------------------------------------------------------------


@dataclass
class _Chunk:
    index: int
    docs: list[Prepared] = field(default_factory=list)  # documents to do (done ones only count)
    sentences: int = 0
    hits: dict[str, Translation] = field(default_factory=dict)  # from the memory
    missing: list[str] = field(default_factory=list)  # sent to the backend
    deferred: list[str] = field(default_factory=list)  # sent with an earlier chunk still in flight
    future: Any = None


def write_failed(out: Path, failures: Sequence[tuple[str, str]]) -> Path | None:
    """``OUT/failed.tsv`` (document, reason) when something failed; removes a stale one otherwise."""
    path = out / FAILED_NAME
    if not failures:
        path.unlink(missing_ok=True)
        return None
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("document\treason\n")
        for name, reason in failures:
            fh.write(f"{name}\t{' '.join(reason.split())}\n")
    return path


class _Units:
    """Re-iterable view of the ledger's units (each writer streams it once)."""

    def __init__(self, ledger: Ledger, dedup: bool) -> None:
        self.ledger, self.dedup = ledger, dedup

    def __iter__(self) -> Iterator[SegmentPair]:
        return self.ledger.units(self.dedup)


class Job:
    """One run of ``translate batch`` on an input folder and an output folder."""

    def __init__(self, root: Path, out: Path, backend: Backend, options: BatchOptions | None = None,
                 tm_path: Path | None = None, reporter: Reporter | None = None) -> None:
        self.root, self.out = Path(root), Path(out)
        self.backend = backend
        self.options = options or BatchOptions()
        self.tm_path = tm_path or self.out / TM_NAME
        self.reporter = reporter or Reporter()
        self.result = BatchResult()
        self.created = ""
        self.job_id = ""

    def meta(self, **extra: str) -> Meta:
        return Meta(tool_version=__version__, model=self.backend.model, settings=self.backend.settings,
                    created=self.created, extra=extra)

    def run(self, restart: bool = False) -> BatchResult:
        started = time.monotonic()
        with FolderLock(self.out):
            ledger = Ledger(self.out / LEDGER_NAME)
            tm = TranslationMemory(self.tm_path, self.backend.model, self.backend.settings)
            try:
                if restart:
                    ledger.reset()
                settings = {"model": self.backend.model, "settings": self.backend.settings,
                            **self.options.job_settings()}
                job = ledger.check_job(settings)
                self.created, self.job_id = job["created"], job["id"]
                ledger.start_run(self.backend.name)
                self._process(ledger, tm)
                self._write_corpus(ledger)
                ledger.finish_run()
            finally:
                tm.close()
                ledger.close()
        self.result.seconds = time.monotonic() - started
        return self.result

    def _process(self, ledger: Ledger, tm: TranslationMemory) -> None:
        """Translate the documents not done yet, chunk by chunk (see :class:`TranslationMemory`).

        Chunks are cut over *all* documents in path order, done ones counted with their
        sentence numbers from the ledger, so that a resumed run cuts the same chunks.
        """
        docs, refused = discover(self.root, self.out, self.options.pattern)
        res = self.result
        res.documents = len(docs) + len(refused)
        ledger.mark_gone([d.relpath for d in docs] + [d.relpath for d, _ in refused])
        states = ledger.states()
        if refused:
            ledger.commit([], [(d.relpath, "", d.size, f"{d.relpath}: {why}") for d, why in refused])
        done_before: dict[str, int] = {}
        for d in docs:
            st = states.get(d.relpath)
            if st is not None and st.state == "done" and st.sha256 == file_sha256(d.path):
                done_before[d.relpath] = st.sentences
        res.skipped = len(done_before)
        todo = [d for d in docs if d.relpath not in done_before]
        self.reporter.start(len(todo), sum(d.size for d in todo))
        inflight: deque[_Chunk] = deque()
        prepared = _prepared(todo, self.options)
        chunk = _Chunk(0)
        try:
            for doc in docs:
                if doc.relpath in done_before:
                    chunk.sentences += done_before[doc.relpath]
                else:
                    prep = next(prepared)
                    chunk.docs.append(prep)
                    chunk.sentences += len(prep.records)
                if chunk.sentences >= self.options.chunk_sentences:
                    self._dispatch(chunk, tm, inflight, ledger)
                    chunk = _Chunk(chunk.index + 1)
            self._dispatch(chunk, tm, inflight, ledger)
            while inflight:
                self._complete(inflight.popleft(), ledger, tm)
        finally:
            prepared.close()
            self.reporter.stop()
        res.failed = len(ledger.failures())

    def _dispatch(self, chunk: _Chunk, tm: TranslationMemory, inflight: deque[_Chunk], ledger: Ledger) -> None:
        """Send what the memory does not know to the backend; keep at most parallelism+1 in flight."""
        if not chunk.docs:
            return
        sources = list(dict.fromkeys(r.source for p in chunk.docs for r in p.records))
        chunk.hits = tm.lookup(sources, self.job_id, chunk.index)
        earlier = {s for c in inflight for s in c.missing}  # translated by an earlier chunk, result pending
        chunk.deferred = [s for s in sources if s not in chunk.hits and s in earlier]
        chunk.missing = [s for s in sources if s not in chunk.hits and s not in earlier]
        if chunk.missing:
            chunk.future = self.backend.submit(chunk.missing)
        inflight.append(chunk)
        while len(inflight) > self.backend.parallelism:
            self._complete(inflight.popleft(), ledger, tm)

    def _complete(self, chunk: _Chunk, ledger: Ledger, tm: TranslationMemory) -> None:
        new: dict[str, Translation] = {}
        error = ""
        if chunk.future is not None:
            try:
                new = dict(zip(chunk.missing, chunk.future.result(), strict=True))
            except TranslateError as exc:
                error = exc.one_line()
            except Exception as exc:  # noqa: BLE001 - a failed backend call fails its documents only
                error = f"translation failed ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
            if new:
                tm.store(new.items(), self.job_id, chunk.index)
        known = {**chunk.hits, **new, **tm.lookup(chunk.deferred, self.job_id, chunk.index)}
        done, failed = [], []
        sentences = reused = 0
        for prep in chunk.docs:
            doc = prep.doc
            why = prep.error or (f"{doc.relpath}: {error}" if error else "")
            if not why and any(r.source not in known for r in prep.records):
                why = f"{doc.relpath}: translation failed in an earlier chunk"
            if why:
                failed.append((doc.relpath, prep.sha256, doc.size, why))
                continue
            records = apply_translations(prep.records, [known[r.source] for r in prep.records])
            self._write_article(doc, records)
            done.append((doc.relpath, prep.sha256, doc.size, records))
            sentences += len(records)
            reused += sum(r.source in chunk.hits for r in prep.records)
        ledger.commit(done, failed)
        translated = len(new)
        ledger.count(documents_done=len(done), documents_failed=len(failed), sentences=sentences,
                     translated=translated, reused=reused)
        res = self.result
        res.done += len(done)
        res.sentences += sentences
        res.translated += translated
        res.reused += reused
        self.reporter.advance(len(chunk.docs), sentences, sum(p.doc.size for p in chunk.docs), len(failed))

    def _write_article(self, doc: Document, records: list[SegmentPair]) -> None:
        target = self.out / doc.stem
        write_outputs(records, target.parent, target.name, self.options.formats,
                      self.meta(document=doc.relpath), excel=self.options.excel)

    def _write_corpus(self, ledger: Ledger) -> None:
        res = self.result
        meta = self.meta(documents=str(res.skipped + res.done), dedup=str(self.options.dedup))
        res.paths = write_outputs(_Units(ledger, self.options.dedup), self.out, CORPUS_STEM,
                                  self.options.formats, meta, excel=self.options.excel)
        res.failed_path = write_failed(self.out, ledger.failures())


# -- aligning folders of document pairs --------------------------------------------------------

_LANG_MARK = re.compile(r"(?i)[._-](de|deu|ger|en|eng)$")


def pair_key(rel: Path) -> str:
    """``a/x.de.txt``, ``a/x_en.txt`` and ``a/x.txt`` all pair as ``a/x``."""
    name = rel.name.rsplit(".", 1)[0] if "." in rel.name else rel.name
    return (rel.parent / _LANG_MARK.sub("", name)).as_posix()


def pair_folders(de_dir: Path, en_dir: Path, pattern: str = "*.txt",
                 ) -> tuple[list[tuple[str, Path, Path]], list[tuple[str, str]]]:
    """Match German and English files by relative path and name, language marks aside.

    Returns the pairs (key, German file, English file), sorted, and the unmatched files with
    the reason.
    """
    sides: list[dict[str, Path]] = []
    unmatched: list[tuple[str, str]] = []
    for folder, lang in ((de_dir, "German"), (en_dir, "English")):
        files: dict[str, Path] = {}
        for path, rel in _visible_files(folder, pattern, hint="--batch takes two folders: German and English"):
            key = pair_key(rel)
            if key in files:
                unmatched.append((str(path), f"two {lang} files pair as {key!r} (also {files[key]})"))
            else:
                files[key] = path
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


def align_folders(de_dir: Path, en_dir: Path, out: Path, engine: Engine | None, formats: Iterable[str],
                  meta: Meta, presegmented: bool = False, excel: bool = False, keep_unaligned: bool = False,
                  pattern: str = "*.txt", reporter: Reporter | None = None) -> AlignBatchResult:
    """``translate align --batch``: align every matched pair, per-pair files plus a merged corpus."""
    from collections import Counter

    from translate.pipeline import align_documents

    pairs, unmatched = pair_folders(Path(de_dir), Path(en_dir), pattern)
    res = AlignBatchResult(pairs=len(pairs), failed=list(unmatched))
    reporter = reporter or Reporter()
    reporter.start(len(pairs), sum(de.stat().st_size for _, de, _ in pairs))
    formats = list(formats)
    corpus: list[SegmentPair] = []
    kinds: Counter[str] = Counter()
    try:
        for key, de, en in pairs:
            try:
                records = align_documents(de, en, engine, None, presegmented)
            except TranslateError as exc:
                res.failed.append((key, exc.one_line()))
                reporter.advance(1, 0, de.stat().st_size, failed=1)
                continue
            for r in records:
                r.document = key
            target = out / key
            write_outputs(records, target.parent, target.name, formats, meta, excel=excel,
                          keep_unaligned=keep_unaligned)
            corpus += records
            kinds.update(r.align_type for r in records)
            reporter.advance(1, len(records), de.stat().st_size)
    finally:
        reporter.stop()
    res.records, res.links = len(corpus), dict(sorted(kinds.items()))
    res.paths = write_outputs(corpus, out, CORPUS_STEM, formats, meta, excel=excel, keep_unaligned=keep_unaligned)
    res.failed_path = write_failed(out, res.failed)
    return res
