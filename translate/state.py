"""Persistent state of batch jobs, in SQLite: the job ledger and the translation memory.

The **ledger** (``OUT/ledger.sqlite``) records each document of a job: its checksum, its state
(``done``, ``failed`` with a reason, ``gone`` when it left the input folder) and, for done
documents, its units as JSON. A document's units and its ``done`` state are committed in one
transaction after its per-article files are written, so a process killed at any point (SIGKILL
included) leaves every document either wholly done or not started. The merged corpus is always
written from the ledger, in document order, which makes a resumed job's corpus identical to an
uninterrupted one. Each run adds a row to ``runs`` with its counters (sentences translated by
the model, sentences reused from the memory).

The **translation memory** (``OUT/tm.sqlite`` or ``--tm PATH``, shareable between jobs) maps
(model signature, settings signature, German sentence) to the translation, its confidence and
score. A sentence translated once by the same model with the same settings is never translated
again.

The output folder is locked (an OS file lock, via filelock) for the duration of a run; a second
run on the same folder is refused (the lock dies with its process, so a killed run leaves no
stale lock).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import filelock

from translate.errors import EXIT_LOCKED, InputError, TranslateError
from translate.provenance import now
from translate.record import SegmentPair, Severity
from translate.translator import Translation

LEDGER_NAME = "ledger.sqlite"
TM_NAME = "tm.sqlite"
LOCK_NAME = ".translate-batch.lock"

_LEDGER_SCHEMA = """
CREATE TABLE IF NOT EXISTS job (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    relpath TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'failed', 'gone')),
    reason TEXT NOT NULL DEFAULT '',
    sentences INTEGER NOT NULL DEFAULT 0,
    run INTEGER NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS units (
    relpath TEXT NOT NULL,
    seq INTEGER NOT NULL,
    pair TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (relpath, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS units_pair ON units (pair);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    documents_done INTEGER NOT NULL DEFAULT 0,
    documents_failed INTEGER NOT NULL DEFAULT 0,
    sentences INTEGER NOT NULL DEFAULT 0,
    translated INTEGER NOT NULL DEFAULT 0,
    reused INTEGER NOT NULL DEFAULT 0,
    backend TEXT NOT NULL DEFAULT ''
);
"""

_TM_SCHEMA = """
CREATE TABLE IF NOT EXISTS tm (
    model TEXT NOT NULL,
    settings TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    confidence REAL NOT NULL,
    score REAL NOT NULL,
    pieces INTEGER NOT NULL DEFAULT 1,
    job TEXT NOT NULL,
    chunk INTEGER NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (model, settings, source)
) WITHOUT ROWID;
"""


def dedup_key(r: SegmentPair) -> str:
    """Identity of a unit for ``--dedup``: the exact German and English text."""
    return hashlib.blake2b(f"{r.source}\x00{r.target}".encode(), digest_size=12).hexdigest()


def _connect(path: Path) -> sqlite3.Connection:
    try:
        con = sqlite3.connect(path, timeout=30, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.OperationalError:
        raise  # a full disk, a read-only folder: the system's refusal, not bad input (exit 6)
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{path}: not a usable SQLite database ({exc})",
                         hint="remove it, or use another output folder") from None
    return con


@contextlib.contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already (disk full)
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _write_pid(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, str(os.getpid()).encode())


class FolderLock:
    """An exclusive, non-blocking OS lock on ``OUT/.translate-batch.lock`` (``filelock``: ``flock``
    on Unix, ``msvcrt.locking`` on Windows). The OS drops it when the process dies, so a killed
    run never leaves a stale lock; the file holds the holder's pid for the error message."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._lock: filelock.FileLock | None = None

    def acquire(self) -> FolderLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(self.path, timeout=0, fallback_to_soft=False, on_acquired=_write_pid)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise TranslateError(f"{self.path.parent}: another `translate batch` is writing to this folder "
                                 f"(pid {self._holder()})", hint="wait for it to finish, or use another output folder",
                                 exit_code=EXIT_LOCKED) from None
        self._lock = lock
        return self

    def _holder(self) -> str:
        try:  # Windows may refuse to read a locked file
            return self.path.read_text(encoding="ascii", errors="replace").strip() or "unknown"
        except OSError:
            return "unknown"

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


@dataclass(frozen=True)
class DocState:
    sha256: str
    state: str
    sentences: int


class Ledger:
    """The job ledger of one output folder (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = _connect(path)
        self.con.executescript(_LEDGER_SCHEMA)
        self.run_id = 0

    def close(self) -> None:
        self.con.close()

    # -- the job ----------------------------------------------------------------
    def job(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT key, value FROM job"))

    def check_job(self, settings: dict[str, str], created: str = "") -> dict[str, str]:
        """Record the job's settings and creation time (default now) on first use; refuse to mix
        different settings later."""
        stored = self.job()
        if not stored:
            with transaction(self.con):
                self.con.executemany("INSERT INTO job VALUES (?, ?)",
                                     [*settings.items(), ("created", created or now()), ("id", uuid.uuid4().hex)])
            return self.job()
        for key, value in settings.items():
            if stored.get(key, value) != value:
                raise InputError(
                    f"{self.path.parent}: this folder holds a job made with {key} {stored[key]!r}, "
                    f"not {value!r}", hint="use another output folder, or --restart to start it over")
        return stored

    def reset(self) -> None:
        with transaction(self.con):
            for table in ("job", "documents", "units"):
                self.con.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    # -- runs -------------------------------------------------------------------
    def start_run(self, backend: str) -> int:
        cur = self.con.execute("INSERT INTO runs (started, backend) VALUES (?, ?)", (now(), backend))
        self.run_id = int(cur.lastrowid or 0)
        return self.run_id

    def count(self, **deltas: int) -> None:
        sets = ", ".join(f"{k} = {k} + ?" for k in deltas)
        self.con.execute(f"UPDATE runs SET {sets} WHERE id = ?", (*deltas.values(), self.run_id))  # noqa: S608

    def finish_run(self) -> None:
        self.con.execute("UPDATE runs SET finished = ? WHERE id = ?", (now(), self.run_id))

    # -- documents --------------------------------------------------------------
    def states(self) -> dict[str, DocState]:
        return {p: DocState(sha, st, n) for p, sha, st, n in self.con.execute(
            "SELECT relpath, sha256, state, sentences FROM documents")}

    def mark_gone(self, present: Iterable[str]) -> int:
        keep = set(present)
        gone = [p for p, st in self.states().items() if p not in keep and st.state != "gone"]
        with transaction(self.con):
            self.con.executemany("UPDATE documents SET state = 'gone', updated = ? WHERE relpath = ?",
                                 [(now(), p) for p in gone])
        return len(gone)

    def commit(self, done: Sequence[tuple[str, str, int, list[SegmentPair]]],
               failed: Sequence[tuple[str, str, int, str]]) -> None:
        """One transaction: ``done`` = (relpath, sha256, size, records), ``failed`` = (…, reason)."""
        stamp = now()
        with transaction(self.con):
            for relpath, sha, size, records in done:
                self.con.execute("DELETE FROM units WHERE relpath = ?", (relpath,))
                self.con.executemany(
                    "INSERT INTO units VALUES (?, ?, ?, ?)",
                    [(relpath, k, dedup_key(r), json.dumps(r.as_dict(), ensure_ascii=False))
                     for k, r in enumerate(records)])
                self.con.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, 'done', '', ?, ?, ?)",
                                 (relpath, sha, size, len(records), self.run_id, stamp))
            for relpath, sha, size, reason in failed:
                self.con.execute("DELETE FROM units WHERE relpath = ?", (relpath,))
                self.con.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, 'failed', ?, 0, ?, ?)",
                                 (relpath, sha, size, reason, self.run_id, stamp))

    def failures(self) -> list[tuple[str, str]]:
        return list(self.con.execute(
            "SELECT relpath, reason FROM documents WHERE state = 'failed' ORDER BY relpath"))

    def units(self, dedup: bool = False, exclude: Severity | None = None) -> Iterator[SegmentPair]:
        """Every unit of every done document, in corpus order (by path, then position).

        ``dedup`` keeps the first copy of each pair; with ``exclude`` the first copy among those
        not flagged ``exclude`` or worse, so that a pair flagged where it first comes (a flag
        that depends on its paragraph: ``continuation``) is kept where it comes clean. The
        units so flagged are yielded all the same: the caller leaves them out and counts them."""
        if dedup:
            names = [s.name for s in Severity if exclude is not None and s >= exclude]
            held = ("EXISTS (SELECT 1 FROM json_each(u.record, '$.flags') "
                    f"WHERE json_extract(value, '$.severity') IN ({', '.join('?' * len(names))}))"
                    if names else "0")
            sql = f"""SELECT record FROM (
                         SELECT u.record, u.relpath, u.seq, {held} AS held,
                                ROW_NUMBER() OVER (PARTITION BY u.pair, {held} ORDER BY u.relpath, u.seq) AS n
                         FROM units u JOIN documents d USING (relpath) WHERE d.state = 'done')
                     WHERE n = 1 OR held ORDER BY relpath, seq"""
            args: tuple[str, ...] = tuple(names) * 2
        else:
            sql = """SELECT u.record FROM units u JOIN documents d USING (relpath)
                     WHERE d.state = 'done' ORDER BY u.relpath, u.seq"""
            args = ()
        con = sqlite3.connect(self.path)  # a second reader: iterating must not hold up commits
        try:
            for (record,) in con.execute(sql, args):
                yield SegmentPair.from_dict(json.loads(record))
        finally:
            con.close()


class EmbeddingCache:
    """Sentence vectors by (embedding model, text), so that a re-run embeds nothing twice
    (``align --batch``: ``OUT/embeddings.sqlite``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con: sqlite3.Connection | None = None

    @property
    def con(self) -> sqlite3.Connection:
        """Opened on first use: nothing is created for a job that never embeds."""
        if self._con is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = _connect(self.path)
            self._con.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key TEXT NOT NULL, "
                              "vector BLOB NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID")
        return self._con

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()

    def get(self, model: str, texts: Sequence[str]) -> dict[str, Any]:
        import numpy as np

        keys = {self._key(t): t for t in texts}
        found: dict[str, Any] = {}
        items = list(keys)
        for i in range(0, len(items), 500):
            part = items[i:i + 500]
            marks = ",".join("?" * len(part))
            for key, blob in self.con.execute(
                    f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",  # noqa: S608
                    (model, *part)):
                found[keys[key]] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    def put(self, model: str, vectors: dict[str, Any]) -> None:
        import numpy as np

        with transaction(self.con):
            self.con.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?, ?)",
                                 [(model, self._key(t), np.asarray(v, dtype=np.float32).tobytes())
                                  for t, v in vectors.items()])

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


class TranslationMemory:
    """Translations by (model signature, settings signature, German sentence).

    Each entry remembers the job and the chunk that translated it. A job looks up only entries
    of other jobs and of its own *earlier* chunks: then what goes to the model for chunk *k*
    is a function of the documents alone, not of how far an interrupted run got, and a
    resumed job reproduces the uninterrupted one bit for bit. (CTranslate2's scores depend
    slightly on which sentences share a batch, so the same batches must be formed again.)
    """

    def __init__(self, path: Path, model: str, settings: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.model = model
        self.settings = settings
        self.con = _connect(path)
        self.con.executescript(_TM_SCHEMA)
        if "pieces" not in {row[1] for row in self.con.execute("PRAGMA table_info(tm)")}:  # a memory from 0.1
            self.con.execute("ALTER TABLE tm ADD COLUMN pieces INTEGER NOT NULL DEFAULT 1")

    def close(self) -> None:
        self.con.close()

    def lookup(self, sources: Iterable[str], job: str = "", before_chunk: int = 0) -> dict[str, Translation]:
        """Known translations of ``sources`` (for ``job``: only from chunks before ``before_chunk``)."""
        found: dict[str, Translation] = {}
        unique = list(dict.fromkeys(sources))
        for i in range(0, len(unique), 500):
            part = unique[i:i + 500]
            marks = ",".join("?" * len(part))
            for src, tgt, conf, score, pieces in self.con.execute(
                    f"SELECT source, target, confidence, score, pieces FROM tm WHERE model = ? "  # noqa: S608
                    f"AND settings = ? AND (job != ? OR chunk < ?) AND source IN ({marks})",
                    (self.model, self.settings, job, before_chunk, *part)):
                found[src] = Translation(tgt, conf, score, pieces)
        return found

    def store(self, pairs: Iterable[tuple[str, Translation]], job: str = "", chunk: int = 0) -> None:
        stamp = now()
        with transaction(self.con):
            self.con.executemany(
                "INSERT OR IGNORE INTO tm (model, settings, source, target, confidence, score, pieces, job, chunk, "
                "created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(self.model, self.settings, s, t.text, t.confidence, t.score, t.pieces, job, chunk, stamp)
                 for s, t in pairs])
