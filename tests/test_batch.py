"""Batch mode end to end: a generated folder of 50 articles (plus four bad ones) into a corpus.

Most runs are the CLI in this process (typer's runner, the real library underneath, the
fixture model); the kill test and the Dask test start real processes, the first to SIGKILL one
and the second for worker processes, and one test runs the installed command as a user does.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_MODEL, ROOT
from translate.writers import jsonl, tmx

N_GOOD = 50
BAD = {"bad-cp850.txt": "not valid UTF-8", "bad-empty.txt": "empty",
       "bad-english.txt": "does not look German", "bad-enormous.txt": "too large"}


def _env(base: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(ARGOS_PACKAGES_DIR=str(base / "packages"), XDG_CACHE_HOME=str(base / "cache"),
               XDG_DATA_HOME=str(base / "data"), PYTHONUNBUFFERED="1")
    return env


def _cmd(src: Path, out: Path, *extra: str) -> list[str]:
    # the same --chunk everywhere: runs that cut the same chunks give bit-identical corpora
    return [sys.executable, "-m", "translate.cli", "batch", str(src), "-o", str(out), "-m", str(FIXTURE_MODEL),
            "--max-size", "1", "--progress", "plain", "--chunk", "16", *extra]


def run_batch(base: Path, src: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``translate batch`` in this process (typer's runner); the result looks like a subprocess's."""
    from typer.testing import CliRunner

    from translate.cli import app

    args = _cmd(src, out, *extra)[3:]
    env = {k: v for k, v in _env(base).items() if k in ("ARGOS_PACKAGES_DIR", "XDG_CACHE_HOME", "XDG_DATA_HOME")}
    result = CliRunner().invoke(app, args, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def run_batch_process(base: Path, src: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``translate batch`` in a process of its own, as a user runs it."""
    return subprocess.run(_cmd(src, out, *extra), env=_env(base), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("batch")


@pytest.fixture(scope="module")
def articles(work: Path) -> Path:
    src = work / "articles"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_articles.py"), str(src), "-n", str(N_GOOD),
                    "--seed", "5", "--distinct", "--bad"], check=True, capture_output=True)
    return src


@pytest.fixture(scope="module")
def reference(work: Path, articles: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One uninterrupted run: the corpus every other run is compared with."""
    out = work / "reference"
    return out, run_batch(work, articles, out)


def units(out: Path) -> list[dict[str, object]]:
    return [r.as_dict() for r in jsonl.read(out / "corpus.jsonl")]


def ledger(out: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(out / "ledger.sqlite")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def same_corpus(a: Path, b: Path) -> None:
    """Byte-identical corpus files (TMX and JSONL apart from the job's creation time)."""
    for name in ("corpus.csv", "corpus.de", "corpus.en"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert units(a) == units(b)
    assert [u.as_dict() for u in tmx.read(a / "corpus.tmx")] == [u.as_dict() for u in tmx.read(b / "corpus.tmx")]


def test_batch_builds_corpus_and_records_failures(reference, articles: Path) -> None:
    out, proc = reference
    assert proc.returncode == 3, proc.stderr  # some documents failed
    assert "4 failed" in proc.stdout
    failed = (out / "failed.tsv").read_text(encoding="utf-8").splitlines()
    assert failed[0] == "document\treason"
    reasons = dict(line.split("\t", 1) for line in failed[1:])
    assert set(reasons) == set(BAD)
    for name, why in BAD.items():
        assert why in reasons[name]
    assert "Traceback" not in proc.stderr
    # plain progress lines for logs (stderr is not a terminal here)
    assert "batch: 54/54 documents (4 failed)" in proc.stderr

    corpus = units(out)
    good = sorted(p.relative_to(articles).as_posix() for p in articles.rglob("article-*.txt"))
    assert len(good) == N_GOOD
    assert sorted({u["document"] for u in corpus}) == good  # every unit names its document
    # merged corpus = the per-article files, in path order; layout kept (sub-folders, .de.txt → .tmx)
    per_article = []
    for rel in good:
        stem = rel.removesuffix(".txt").removesuffix(".de")
        assert (out / f"{stem}.tmx").is_file() and (out / f"{stem}.csv").is_file()
        per_article += [r.as_dict() for r in jsonl.read(out / f"{stem}.jsonl")]
    assert per_article == corpus
    assert tmx.validate(out / "corpus.tmx") == []
    assert len(tmx.read(out / "corpus.tmx")) == len(corpus)
    de = (out / "corpus.de").read_text(encoding="utf-8").splitlines()
    en = (out / "corpus.en").read_text(encoding="utf-8").splitlines()
    assert len(de) == len(en) == len(corpus)
    assert all(u["target"] for u in corpus)
    states = dict(ledger(out, "SELECT state, COUNT(*) FROM documents GROUP BY state"))
    assert states == {"done": N_GOOD, "failed": len(BAD)}


def test_batch_units_match_single_article_runs(reference, articles: Path, engine, tmp_path: Path) -> None:
    from translate.pipeline import translate_article

    out, _ = reference
    for rel in ("article-00003.txt", "article-00005.de.txt", "section-1/article-00004.txt"):
        single = translate_article(articles / rel, engine, tmp_path, formats=("jsonl",)).records
        stem = rel.removesuffix(".txt").removesuffix(".de")
        batch = jsonl.read(out / f"{stem}.jsonl")

        def key(r):  # noqa: ANN001, ANN202 - the document name differs (stem vs relative path)
            return (r.paragraph, r.sentence, r.source, r.source_original, r.target, [f.code for f in r.flags])

        assert [key(r) for r in batch] == [key(r) for r in single]
        assert {r.document for r in batch} == {rel}
        # CTranslate2's scores move in the 4th decimal with the batch a sentence shares
        assert [r.confidence for r in batch] == pytest.approx([r.confidence for r in single], abs=2e-3)


def test_kill_and_resume_gives_identical_corpus(reference, articles: Path, work: Path) -> None:
    ref_out, _ = reference
    # a random kill point each run; TRANSLATE_KILL_SEED=N repeats the one a failure printed
    seed = int(os.environ.get("TRANSLATE_KILL_SEED") or random.randrange(1 << 30))
    print(f"kill seed: {seed} (rerun with TRANSLATE_KILL_SEED={seed})")
    rng = random.Random(seed)
    out = work / f"killed-{seed}"
    kill_after = rng.randint(1, N_GOOD - 10)  # documents done before the kill
    proc = subprocess.Popen(_cmd(articles, out, "--workers", "1"), env=_env(work),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = 0
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if (out / "ledger.sqlite").exists():
            with contextlib.suppress(sqlite3.OperationalError):  # schema not created yet
                done = ledger(out, "SELECT COUNT(*) FROM documents WHERE state = 'done'")[0][0]
        if done >= kill_after:
            time.sleep(rng.random() * 0.05)  # anywhere: translating, writing files, committing
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"seed {seed}: the run ended before it could be killed"
    assert not (out / "corpus.jsonl").exists(), f"seed {seed}"
    finished_before = ledger(out, "SELECT COUNT(*) FROM documents WHERE state = 'done'")[0][0]
    assert finished_before < N_GOOD, f"seed {seed}"

    resumed = run_batch(work, articles, out)
    assert resumed.returncode == 3, resumed.stderr
    assert f"{finished_before} done before" in resumed.stdout, f"seed {seed}"
    same_corpus(ref_out, out)
    # no unit lost or doubled in the ledger either
    count = ledger(out, "SELECT COUNT(*) FROM units")[0][0]
    assert count == len(units(ref_out))


def test_translation_memory_reused_by_a_second_job(reference, articles: Path, work: Path) -> None:
    ref_out, _ = reference
    out = work / "second"
    proc = run_batch(work, articles, out, "--tm", str(ref_out / "tm.sqlite"))
    assert proc.returncode == 3, proc.stderr
    (run,) = ledger(out, "SELECT translated, reused, sentences FROM runs")
    translated, reused, sentences = run
    assert translated == 0  # nothing new for the model
    assert reused == sentences == len(units(ref_out))
    same_corpus(ref_out, out)


def test_rerun_skips_done_documents_and_redoes_changed_ones(reference, articles: Path, work: Path) -> None:
    import shutil

    ref_out, _ = reference
    out = work / "rerun"
    shutil.copytree(ref_out, out)
    src = work / "articles-changed"
    shutil.copytree(articles, src)
    changed = src / "article-00001.txt"
    changed.write_text("Das ist ein Test.\n\nGuten Morgen.\n", encoding="utf-8")
    proc = run_batch(work, src, out)
    assert proc.returncode == 3, proc.stderr
    assert f"1 done in this run, {N_GOOD - 1} done before" in proc.stdout
    new_units = [u for u in units(out) if u["document"] == "article-00001.txt"]
    assert [u["target"] for u in new_units] == ["This is a test.", "Good morning."]
    others = [u for u in units(out) if u["document"] != "article-00001.txt"]
    assert others == [u for u in units(ref_out) if u["document"] != "article-00001.txt"]


def test_dedup_drops_exact_duplicate_pairs(work: Path, tmp_path: Path) -> None:
    src = tmp_path / "dups"
    src.mkdir()
    (src / "a.txt").write_text("Das ist ein Test. Guten Morgen.\n", encoding="utf-8")
    (src / "b.txt").write_text("Guten Morgen. Das Konzert war ausverkauft.\n", encoding="utf-8")
    plain = run_batch(work, src, tmp_path / "plain")
    dedup = run_batch(work, src, tmp_path / "dedup", "--dedup")
    assert plain.returncode == dedup.returncode == 0, plain.stderr + dedup.stderr
    assert (tmp_path / "plain" / "corpus.de").read_text(encoding="utf-8").count("Guten Morgen.") == 2
    de = (tmp_path / "dedup" / "corpus.de").read_text(encoding="utf-8").splitlines()
    assert de == ["Das ist ein Test.", "Guten Morgen.", "Das Konzert war ausverkauft."]
    assert len(jsonl.read(tmp_path / "dedup" / "b.jsonl")) == 2  # per-article files keep everything


def test_dedup_keeps_the_clean_copy_of_a_pair_left_out_where_it_is_flagged(work: Path, tmp_path: Path) -> None:
    """``continuation`` depends on the paragraph before: "Guten Morgen." after a broken-off one is
    flagged in a.txt, clean in b.txt; the corpus keeps b's copy, not neither."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Die Firma wächst schnell. Als Vermögen\n\nGuten Morgen.\n", encoding="utf-8")
    (src / "b.txt").write_text("Guten Morgen. Das Konzert war ausverkauft.\n", encoding="utf-8")
    result = run_batch(work, src, tmp_path / "out", "--dedup", "--exclude-flagged", "warning", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert [u.flagged() for u in jsonl.read(tmp_path / "out" / "a.jsonl")] == [False, True, True]
    corpus = jsonl.read(tmp_path / "out" / "corpus.jsonl")
    assert [(u.document, u.source) for u in corpus] == [
        ("a.txt", "Die Firma wächst schnell."), ("b.txt", "Guten Morgen."), ("b.txt", "Das Konzert war ausverkauft.")]


def test_exclude_flagged_keeps_garbled_units_out_of_the_corpus_only(work: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "sample.txt").write_bytes((ROOT / "corpora" / "huawei-att.de.txt").read_bytes())
    result = run_batch(work, src, tmp_path / "out", "--exclude-flagged", "warning", "--format", "jsonl,moses,tmx")
    assert result.returncode == 0, result.stderr
    assert "15 sentences (15 by the model, 0 from the memory, 3 flagged)" in result.stdout
    assert "3 units flagged warning or worse left out of the merged corpus" in result.stdout
    corpus = jsonl.read(tmp_path / "out" / "corpus.jsonl")
    assert len(corpus) == 12 and not any(u.flagged() for u in corpus)
    assert len((tmp_path / "out" / "corpus.de").read_text(encoding="utf-8").splitlines()) == 12
    assert len(tmx.read(tmp_path / "out" / "corpus.tmx")) == 12
    article = jsonl.read(tmp_path / "out" / "sample.jsonl")
    assert len(article) == 15 and sum(u.flagged() for u in article) == 3  # kept for review
    again = run_batch(work, src, tmp_path / "out", "--format", "jsonl,moses,tmx")  # not a setting of the job
    assert again.returncode == 0 and len(jsonl.read(tmp_path / "out" / "corpus.jsonl")) == 15


def test_second_run_on_a_busy_folder_is_refused(work: Path, articles: Path, tmp_path: Path) -> None:
    from translate.state import FolderLock

    out = tmp_path / "busy"
    with FolderLock(out):
        proc = run_batch_process(work, articles, out)
    assert proc.returncode == 4
    assert proc.stderr.startswith("error: ") and "another `translate batch`" in proc.stderr
    assert f"(pid {os.getpid()})" in proc.stderr  # the holder names itself
    assert "Traceback" not in proc.stderr
    assert not (out / "ledger.sqlite").exists()
    # once the holder lets go, a run proceeds (exit 3: the folder's four bad files)
    assert run_batch(work, articles, out).returncode == 3
    assert (out / "ledger.sqlite").exists()


def test_changed_settings_on_an_existing_job_are_refused(reference, articles: Path, work: Path) -> None:
    ref_out, _ = reference
    proc = run_batch(work, articles, ref_out, "--beam-size", "2")
    assert proc.returncode == 1
    assert "settings" in proc.stderr and "--restart" in proc.stderr
    # the files written so far carry the job's language codes: new ones would not match them
    proc = run_batch(work, articles, ref_out, "--languages", "de-DE,en-US")
    assert proc.returncode == 1 and "languages 'de,en'" in proc.stderr, proc.stderr


def test_a_compute_type_this_machine_lacks_stops_before_anything_is_written(work: Path, tmp_path: Path) -> None:
    """The model loads in the background; a compute type it cannot run is refused before that."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Das ist ein Test.\n", encoding="utf-8")
    for bad in ("bogus", "float16"):  # unknown; known but not on this CPU (CTranslate2 has no fp16 on CPU)
        proc = run_batch(work, src, tmp_path / "out", "--compute-type", bad)
        assert proc.returncode == 7, proc.stderr
        assert proc.stderr.strip().splitlines() == [proc.stderr.strip()] and f"--compute-type {bad}" in proc.stderr
        assert not (tmp_path / "out").exists()


def test_bad_input_folder(work: Path, tmp_path: Path) -> None:
    missing = run_batch(work, tmp_path / "nope", tmp_path / "o")
    assert missing.returncode == 1 and "no such folder" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = run_batch(work, tmp_path / "empty", tmp_path / "o")
    assert empty.returncode == 1 and "no files matching" in empty.stderr


def _engines_loaded() -> int:
    from translate import cluster

    return len(cluster._ENGINES)


def _tasks_run(dask_worker) -> int:  # noqa: ANN001 - distributed passes the worker
    return len({entry[0] for entry in dask_worker.state.log if "translate_on_worker" in str(entry[0])})


def test_dask_local_cluster_gives_the_same_corpus(reference, articles: Path, work: Path) -> None:
    distributed = pytest.importorskip("distributed")
    ref_out, _ = reference
    out = work / "dask"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        proc = run_batch_process(work, articles, out, "--dask", cluster.scheduler_address)
        workers = len(cluster.scheduler_info["workers"])
        with distributed.Client(cluster) as client:  # each worker process loaded the model once
            loaded = client.run(_engines_loaded)
            tasks = sum(client.run(_tasks_run).values())
    assert proc.returncode == 3, proc.stderr
    assert workers == 2
    assert sorted(loaded.values()) == [1, 1] and tasks > 2, (loaded, tasks)
    (backend,) = ledger(out, "SELECT backend FROM runs")[0]
    assert backend.startswith("dask:tcp://127.0.0.1:")
    same_corpus(ref_out, out)
    job = json.dumps(dict(ledger(out, "SELECT key, value FROM job")))
    assert "fixture" in job  # the model signature checked against the workers'


def test_unreachable_dask_scheduler_fails_in_one_line_within_the_timeout(work: Path, articles: Path,
                                                                        tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = run_batch(work, articles, tmp_path / "out", "--dask", f"tcp://127.0.0.1:{port}", "--dask-timeout", "2")
    assert proc.returncode == 5
    assert proc.stderr.startswith("error: cannot reach the Dask scheduler") and "Traceback" not in proc.stderr
    assert "after 2 s" in proc.stderr  # distributed's own message: the timeout was passed on


def test_rich_progress_shows_documents_sentences_rate_and_eta(work: Path, tmp_path: Path) -> None:
    src = tmp_path / "two"
    src.mkdir()
    (src / "a.txt").write_text("Das ist ein Test. Guten Morgen.\n", encoding="utf-8")
    proc = run_batch(work, src, tmp_path / "out", "--progress", "rich")  # the last --progress wins
    assert proc.returncode == 0, proc.stderr
    assert "1/1 documents" in proc.stderr and "2 sentences" in proc.stderr
    assert "sent/s" in proc.stderr and "ETA" in proc.stderr
    quiet = run_batch(work, src, tmp_path / "quiet", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_preparing_in_worker_processes_gives_the_same_corpus(reference, articles: Path, engine,
                                                             tmp_path: Path) -> None:
    """On a GPU the documents are read, segmented and flagged in worker processes (the job's own
    process is the bottleneck there): the corpus and the failures are those of a thread."""
    from translate.batch import BatchOptions, Job, LocalBackend

    ref_out, _ = reference
    out = tmp_path / "out"
    backend = LocalBackend(engine, 2)
    try:
        options = BatchOptions(chunk_sentences=16, max_bytes=1024 * 1024, prepare_processes=2)
        res = Job(articles, out, backend, options).run()
    finally:
        backend.close()
    assert (res.done, res.failed) == (N_GOOD, len(BAD))
    same_corpus(ref_out, out)
    assert (out / "failed.tsv").read_bytes() == (ref_out / "failed.tsv").read_bytes()


def test_documents_are_prepared_in_processes_only_for_a_local_gpu(engine, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    from translate import batch
    from translate.batch import BatchOptions, Job, LocalBackend

    monkeypatch.setattr(batch, "available_cores", lambda: 8)
    chosen = {}
    for device in ("cpu", "cuda"):
        backend = LocalBackend(engine, 1, device=device)
        chosen[device] = Job(tmp_path, tmp_path / "out", backend)._prepare_processes()
        backend.close()
    assert chosen == {"cpu": 0, "cuda": 2}
    backend = LocalBackend(engine, 1, device="cuda")
    assert Job(tmp_path, tmp_path / "o", backend, BatchOptions(prepare_processes=0))._prepare_processes() == 0
    monkeypatch.setattr(batch, "available_cores", lambda: 2)  # too few cores to spare
    assert Job(tmp_path, tmp_path / "o", backend)._prepare_processes() == 0
    backend.close()


def test_a_preparing_process_that_dies_leaves_its_documents_to_the_job(articles: Path) -> None:
    import multiprocessing

    from translate.batch import BatchOptions, Document, _prepare, _prepared_in_processes

    paths = sorted(articles.rglob("article-*.txt"))[:12]
    docs = [Document(p.relative_to(articles).as_posix(), p, Path(p.stem), p.stat().st_size) for p in paths]
    options = BatchOptions()
    prepared = _prepared_in_processes(docs, options, depth=4, processes=2)
    got = [next(prepared)]
    for child in multiprocessing.active_children():  # killed, as the kernel's OOM killer would
        os.kill(child.pid, signal.SIGKILL)
    got += list(prepared)
    assert [p.doc for p in got] == docs and not any(p.error for p in got)
    assert [[r.as_dict() for r in p.records] for p in got] == [
        [r.as_dict() for r in _prepare(d, options).records] for d in docs]


def test_a_failing_translation_call_fails_only_its_documents(engine, tmp_path: Path) -> None:
    """The backend breaks (a worker dies) for one chunk: its documents fail with the reason."""
    from concurrent.futures import Future

    from translate.batch import BatchOptions, Job, LocalBackend

    class Breaks(LocalBackend):
        def submit(self, sentences: list[str]) -> Future:
            if "Guten Morgen." in sentences:
                broken: Future = Future()
                broken.set_exception(RuntimeError("worker lost"))
                return broken
            return super().submit(sentences)

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Das ist ein Test.\n", encoding="utf-8")
    (src / "b.txt").write_text("Guten Morgen.\n", encoding="utf-8")
    (src / "c.txt").write_text("Das Konzert war ausverkauft.\n", encoding="utf-8")
    backend = Breaks(engine, 1)
    try:
        res = Job(src, tmp_path / "out", backend, BatchOptions(chunk_sentences=1)).run()
    finally:
        backend.close()
    assert (res.done, res.failed) == (2, 1)
    failed = (tmp_path / "out" / "failed.tsv").read_text(encoding="utf-8").splitlines()
    assert failed[1] == "b.txt\tb.txt: translation failed (RuntimeError: worker lost)"
    assert (tmp_path / "out" / "corpus.de").read_text(encoding="utf-8").splitlines() == [
        "Das ist ein Test.", "Das Konzert war ausverkauft."]


def test_documents_removed_from_the_folder_leave_the_corpus(work: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Das ist ein Test.\n", encoding="utf-8")
    (src / "b.txt").write_text("Guten Morgen.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_batch(work, src, out).returncode == 0
    (src / "b.txt").unlink()
    again = run_batch(work, src, out)
    assert again.returncode == 0, again.stderr
    assert "1 document: 0 done in this run, 1 done before" in again.stdout
    assert (out / "corpus.de").read_text(encoding="utf-8") == "Das ist ein Test.\n"
    assert dict(ledger(out, "SELECT relpath, state FROM documents")) == {"a.txt": "done", "b.txt": "gone"}
