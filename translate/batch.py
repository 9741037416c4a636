"""Batch mode: a folder of German articles into a parallel corpus, resumable, in parallel.

Data flow (one process, three kinds of work overlapping)::

    discover ─► prepare thread (read → normalise → segment → flag, bounded queue)
            ─► chunks of ~N sentences from consecutive documents
            ─► translation memory lookup ─► backend (CTranslate2 threads, or Dask workers)
            ─► per-article files ─► ledger commit (units + state, one transaction)
    at the end: merged corpus (TMX, CSV, Moses .de/.en, JSONL) streamed from the ledger

While the backend translates chunk *k*, the main thread writes chunk *k−1* (its articles'
files on ``WRITERS`` threads) and the prepare thread segments chunk *k+1* (on a GPU machine,
worker processes do: see :func:`_prepared_in_processes`); the model itself
loads while the first chunk is prepared. At most ``parallelism + 1`` chunks are in flight, so
memory does not grow with the size of the folder. Per-article files are written (atomically)
before the ledger commit; a run killed between the two rewrites the same files on resume.
"""

from __future__ import annotations

import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from translate.errors import InputError, TranslateError
from translate.extract import DEFAULT_GLOB
from translate.files import remove_stale_parts, sha256_file
from translate.folders import CORPUS_STEM, visible_files, write_failed
from translate.normalise import Wrap
from translate.package import ArgosPackage
from translate.pipeline import apply_translations, prepare
from translate.progress import Reporter
from translate.provenance import Provenance, parse_created
from translate.read import document_name, read_document
from translate.record import SegmentPair, Severity
from translate.state import LEDGER_NAME, TM_NAME, FolderLock, Ledger, TranslationMemory
from translate.translator import Engine, Settings, Translation, available_cores, settings_for
from translate.translator import provenance as run_provenance
from translate.writers import WriteOptions, write_corpus, write_files

#: threads writing a chunk's per-article files: each file is synced before its rename, and the
#: waits overlap (the last chunk's files are written while the cores are otherwise idle)
WRITERS = 4


@dataclass(frozen=True)
class BatchOptions:
    formats: tuple[str, ...] = ("tmx", "csv", "moses", "jsonl")
    pattern: str = DEFAULT_GLOB  # every supported kind of file
    input_format: str = "auto"  # by extension
    wrap: Wrap = Wrap.auto
    excel: bool = False
    languages: tuple[str, str] = ("de", "en")  # the codes TMX, XLIFF and OmegaT carry (--languages)
    dedup: bool = False
    exclude_flagged: Severity | None = None  # units flagged so or worse stay out of corpus.*
    chunk_sentences: int = 512  # sentences per backend call (and per ledger commit)
    # processes that read, segment and flag documents (None: two on a GPU machine of four cores or
    # more, where this process's own work holds the GPU back; else a thread of this process)
    prepare_processes: int | None = None
    max_bytes: int = 10 * 1024 * 1024  # larger files are recorded as failed
    force: bool = False  # translate documents that do not look German too
    encoding: str = ""  # the code page of files that are not UTF-8 (--encoding); not a job setting: it
    # changes only files that failed or were read as windows-1252

    def job_settings(self) -> dict[str, str]:
        """What must not change between runs on one output folder (besides the provenance)."""
        return {"formats": ",".join(self.formats), "wrap": self.wrap.value,
                "excel": str(self.excel), "input_format": self.input_format, "languages": ",".join(self.languages)}

    @property
    def write_options(self) -> WriteOptions:
        return WriteOptions(excel=self.excel, languages=self.languages)


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
    encoding: str = ""  # "windows-1252" where the file was not UTF-8 (see translate.read.windows_1252)


@dataclass
class BatchResult:
    documents: int = 0  # found in the input folder
    skipped: int = 0  # already done by an earlier run, unchanged
    done: int = 0
    failed: int = 0  # documents failed in total (this run and earlier)
    sentences: int = 0  # sentences of documents done in this run
    flagged: int = 0  # of those, flagged warning or worse (garbled source or a doubtful translation)
    translated: int = 0  # distinct sentences the model translated in this run
    reused: int = 0  # sentences taken from the translation memory in this run
    seconds: float = 0.0
    paths: list[Path] = field(default_factory=list)
    failed_path: Path | None = None
    legacy: list[str] = field(default_factory=list)  # documents done in this run that were read as windows-1252
    excluded: int = 0  # units left out of the merged corpus for their flags (--exclude-flagged)


class Backend(Protocol):
    """Translates lists of sentences asynchronously; futures have ``.result()``."""

    name: str
    parallelism: int
    device: str  # "cpu" or "cuda": where it translates
    provenance: Provenance  # the model and settings it translates with (no creation time)

    def submit(self, sentences: list[str]) -> Any: ...

    def close(self) -> None: ...


class LocalBackend:
    """CTranslate2 in this process: ``workers`` concurrent batches (CTranslate2 inter_threads).

    ``engine`` may still be loading (a future, see :func:`make_backend`): the model then loads
    while the job reads and segments its first documents, and the first :meth:`submit` waits for
    it (raising the load's error, a :class:`ModelError`, in the caller's thread).
    """

    def __init__(self, engine: Engine | Future[Engine], workers: int = 1,
                 provenance: Provenance | None = None, device: str = "cpu") -> None:
        self._engine = engine
        self.name = f"local:{workers}"
        self.parallelism = workers
        self.device = device
        if provenance is None:
            provenance = engine.provenance() if isinstance(engine, Engine) else engine.result().provenance()
        self.provenance = provenance
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="translate")

    @property
    def engine(self) -> Engine:
        return self._engine if isinstance(self._engine, Engine) else self._engine.result()

    def submit(self, sentences: list[str]) -> Any:
        return self._pool.submit(self.engine.translate, sentences)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if not isinstance(self._engine, Engine):
            self._engine.exception()  # a load still running ends first


def _load_engine(package: ArgosPackage, settings: Settings) -> Future[Engine]:
    """Load the model in a thread (CTranslate2 releases the GIL while it reads the weights)."""
    loading: Future[Engine] = Future()

    def load() -> None:
        try:
            loading.set_result(Engine(package, settings))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the engine
            loading.set_exception(exc)

    threading.Thread(target=load, name="translate-load", daemon=True).start()
    return loading


def make_backend(package: ArgosPackage, beam_size: int = 4, workers: int = 0, threads: int = 0,
                 dask: str | None = None, dask_timeout: float = 30.0, device: str = "auto",
                 compute_type: str | None = None) -> Backend:
    """The backend for a batch: ``workers`` batches at once (0: one per core; four on a GPU), each
    with ``threads`` CTranslate2 threads (0: cores / workers); on a Dask cluster when ``dask`` is
    a scheduler address or ``"local"`` (each worker process translates with one thread). A local
    backend's model loads in the background."""
    if dask:
        from translate.cluster import DaskBackend

        settings = settings_for(device, compute_type, beam_size, workers=1, threads=threads or 1)
        return DaskBackend(dask, package, settings, workers or available_cores(), timeout=dask_timeout)
    settings = settings_for(device, compute_type, beam_size, workers, threads)
    return LocalBackend(_load_engine(package, settings), settings.inter_threads,
                        run_provenance(package, settings), settings.device)


# -- discovery -------------------------------------------------------------------------------


#: what to say when ``batch`` is given something that is no folder
FOLDER_HINT = "use `translate article` for a single file"


def discover(root: Path, out: Path, pattern: str = DEFAULT_GLOB) -> tuple[list[Document], list[tuple[Document, str]]]:
    """Files under ``root`` matching ``pattern``, sorted; and those refused for their names, or
    for being no file to read (a broken link, a pipe).

    Hidden files and folders and anything inside the output folder are skipped. Two inputs
    whose outputs would have the same name (``a.txt`` and ``a.de.txt``), or an input whose
    outputs would overwrite the merged corpus, are refused.
    """
    out_resolved = out.resolve()
    docs: list[Document] = []
    refused: list[tuple[Document, str]] = []
    owners: dict[Path, str] = {}
    unreadable: list[tuple[Path, Path, str]] = []
    files = visible_files(root, pattern, hint=FOLDER_HINT, unreadable=unreadable)
    for path, rel, why in unreadable:
        refused.append((Document(rel.as_posix(), path, rel.parent / document_name(rel), 0), why))
    for path, rel in files:
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
        source = read_document(doc.path, name=doc.relpath, max_bytes=options.max_bytes,
                               input_format=options.input_format, encoding=options.encoding)
        prep.sha256 = source.sha256  # read once: the same bytes are hashed and decoded
        prep.encoding = source.encoding
        prep.records = prepare(source, options.wrap, check_language=not options.force)
    except TranslateError as exc:
        prep.error = exc.one_line().replace(str(doc.path), doc.relpath)
    except OSError as exc:
        prep.error = f"{doc.relpath}: cannot read ({exc.strerror or exc})"
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
        prep.error = f"{doc.relpath}: internal error while preparing ({type(exc).__name__}: {exc})"
    return prep


def _prepared(docs: Iterable[Document], options: BatchOptions, depth: int = 64,
              processes: int = 0) -> Generator[Prepared, None, None]:
    """Prepare documents in a background thread, ``depth`` ahead of the consumer; in
    ``processes`` worker processes when more than one."""
    if processes > 1:
        yield from _prepared_in_processes(docs, options, depth, processes)
        return
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


def _quiet_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the job's to handle, once


def _prepared_in_processes(docs: Iterable[Document], options: BatchOptions, depth: int,
                           processes: int) -> Generator[Prepared, None, None]:
    """Prepare documents in worker processes, in order, at most ``depth`` ahead of the consumer.

    For a GPU, which translates faster than one Python process reads, segments and flags: the
    prepared records come back pickled, which costs this process far less than preparing them.
    The workers are spawned (this process holds threads: the model loads in one). Should a
    worker die (killed, out of memory), the documents left are prepared in this process."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_quiet_worker)
    pending: deque[tuple[Document, Future[Prepared] | None]] = deque()  # None: to prepare here
    broken = False

    def submit(doc: Document) -> None:
        nonlocal broken
        future = None
        if not broken:
            try:
                future = pool.submit(_prepare, doc, options)
            except BrokenProcessPool:
                broken = True
        pending.append((doc, future))

    todo = iter(docs)
    try:
        for doc in todo:
            submit(doc)
            if len(pending) >= depth:
                break
        while pending:
            doc, future = pending.popleft()
            try:
                item = future.result() if future is not None else _prepare(doc, options)
            except BrokenProcessPool:
                broken = True
                item = _prepare(doc, options)
            if (nxt := next(todo, None)) is not None:
                submit(nxt)
            yield item
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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


class _Units:
    """Re-iterable view of the ledger's units (each writer streams it once), without those
    flagged ``exclude`` or worse (counted in :attr:`excluded` once a pass is through)."""

    def __init__(self, ledger: Ledger, dedup: bool, exclude: Severity | None = None) -> None:
        self.ledger, self.dedup, self.exclude = ledger, dedup, exclude
        self.excluded = 0

    def __iter__(self) -> Iterator[SegmentPair]:
        excluded = 0
        for unit in self.ledger.units(self.dedup, self.exclude):
            if self.exclude is not None and unit.flagged(self.exclude):
                excluded += 1
                continue
            yield unit
        self.excluded = excluded


class Job:
    """One run of ``translate batch`` on an input folder and an output folder."""

    def __init__(self, root: Path, out: Path, backend: Backend, options: BatchOptions | None = None,
                 tm_path: Path | None = None, reporter: Reporter | None = None, created: str = "") -> None:
        self.root, self.out = Path(root), Path(out)
        self.backend = backend
        self.options = options or BatchOptions()
        self.tm_path = tm_path or self.out / TM_NAME
        self.reporter = reporter or Reporter()
        self.result = BatchResult()
        self.created = parse_created(created) if created else ""  # else the ledger's first run
        self.job_id = ""
        self._writer: ThreadPoolExecutor | None = None  # the article writers of the run in progress

    def provenance(self, **extra: str) -> Provenance:
        return replace(self.backend.provenance, created=self.created).with_extra(**extra)

    def run(self, restart: bool = False) -> BatchResult:
        started = time.monotonic()
        found = discover(self.root, self.out, self.options.pattern)  # nothing is created for a bad input
        with FolderLock(self.out):
            remove_stale_parts(self.out)  # temporaries of a run that was killed
            ledger = Ledger(self.out / LEDGER_NAME)
            prov = self.backend.provenance
            tm = TranslationMemory(self.tm_path, prov.model, prov.settings)
            try:
                if restart:
                    ledger.reset()
                job = ledger.check_job({**prov.job_key(), **self.options.job_settings()}, self.created)
                self.created, self.job_id = job["created"], job["id"]
                ledger.start_run(self.backend.name)
                with ThreadPoolExecutor(WRITERS, thread_name_prefix="translate-write") as self._writer:
                    self._process(ledger, tm, *found)
                self._write_corpus(ledger)
                ledger.finish_run()
            finally:
                tm.close()
                ledger.close()
        self.result.seconds = time.monotonic() - started
        return self.result

    def _process(self, ledger: Ledger, tm: TranslationMemory, docs: list[Document],
                 refused: list[tuple[Document, str]]) -> None:
        """Translate the documents not done yet, chunk by chunk (see :class:`TranslationMemory`).

        Chunks are cut over *all* documents in path order, done ones counted with their
        sentence numbers from the ledger, so that a resumed run cuts the same chunks.
        """
        res = self.result
        res.documents = len(docs) + len(refused)
        ledger.mark_gone([d.relpath for d in docs] + [d.relpath for d, _ in refused])
        states = ledger.states()
        if refused:
            ledger.commit([], [(d.relpath, "", d.size, f"{d.relpath}: {why}") for d, why in refused])
        done_before: dict[str, int] = {}
        for d in docs:
            st = states.get(d.relpath)
            if st is not None and st.state == "done" and st.sha256 == sha256_file(d.path):
                done_before[d.relpath] = st.sentences
        res.skipped = len(done_before)
        todo = [d for d in docs if d.relpath not in done_before]
        self.reporter.start(len(todo), sum(d.size for d in todo))
        inflight: deque[_Chunk] = deque()
        prepared = _prepared(todo, self.options, processes=self._prepare_processes())
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

    def _prepare_processes(self) -> int:
        """The options' count, or by default two when this machine's GPU translates and it has
        four cores or more: there this process's own work (reading, segmenting, flagging, writing)
        is as long as the translation (``scripts/bench_gpu.py``), and preparing is the larger part
        of it."""
        if self.options.prepare_processes is not None:
            return self.options.prepare_processes
        gpu = isinstance(self.backend, LocalBackend) and self.backend.device == "cuda"
        return 2 if gpu and available_cores() >= 4 else 0

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
        writes: list[Future[None]] = []
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
            assert self._writer is not None, "articles are written only inside run()"
            writes.append(self._writer.submit(self._write_article, doc, records))
            done.append((doc.relpath, prep.sha256, doc.size, records))
            if prep.encoding and not self.options.encoding:
                self.result.legacy.append(doc.relpath)
            sentences += len(records)
            self.result.flagged += sum(r.flagged() for r in records)
            reused += sum(r.source in chunk.hits for r in prep.records)
        for write in writes:  # all written (and synced) before the commit; the first error stops the job
            write.result()
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
        write_files(records, target.parent, target.name, self.options.formats,
                    self.provenance(document=doc.relpath), self.options.write_options)

    def _write_corpus(self, ledger: Ledger) -> None:
        res = self.result
        extra = {"exclude_flagged": self.options.exclude_flagged.name} if self.options.exclude_flagged else {}
        prov = self.provenance(documents=str(res.skipped + res.done), dedup=str(self.options.dedup), **extra)
        units = _Units(ledger, self.options.dedup, self.options.exclude_flagged)
        res.paths = write_corpus(units, self.out, CORPUS_STEM, self.options.formats, prov,
                                 self.options.write_options)
        res.excluded = units.excluded
        res.failed_path = write_failed(self.out, ledger.failures())


def run_batch(root: Path, out: Path, package: ArgosPackage, options: BatchOptions | None = None, *,
              beam_size: int = 4, workers: int = 0, threads: int = 0, dask: str | None = None,
              dask_timeout: float = 30.0, tm_path: Path | None = None, reporter: Reporter | None = None,
              restart: bool = False, created: str = "", device: str = "auto",
              compute_type: str | None = None) -> BatchResult:
    """``translate batch``: choose the backend (:func:`make_backend`), run the job, close the backend."""
    backend = make_backend(package, beam_size, workers, threads, dask, dask_timeout, device, compute_type)
    try:
        return Job(root, out, backend, options, tm_path, reporter, created).run(restart=restart)
    finally:
        backend.close()
