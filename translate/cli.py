"""The `translate` command line: a thin typer layer over the library.

Errors a user can cause are :class:`translate.errors.TranslateError`; they are caught once,
here, and printed as one line (``error: …``) with a documented exit code, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from translate import __version__
from translate.errors import EXIT_SYSTEM, TranslateError
from translate.normalise import Wrap
from translate.progress import Mode as ProgressMode

app = typer.Typer(
    help="Offline German→English translation and bilingual alignment.\n\n"
    "Translate German articles sentence by sentence with an Argos Translate model "
    "(CTranslate2, no network), write aligned TMX 1.4b and CSV, flag garbled source "
    "segments, and build parallel corpora from folders.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(help="Install, list, verify and remove Argos packages (online or from files).",
                         no_args_is_help=True)
app.add_typer(models_app, name="models")

T = TypeVar("T")


def _err(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def run_guarded(fn: Callable[[], T]) -> T:
    """Run ``fn``; turn project errors (and Ctrl-C) into one line and an exit code.

    A non-zero ``int`` returned by ``fn`` is the exit code (3: some documents failed).
    """
    try:
        result = fn()
    except TranslateError as exc:
        _err(exc.one_line())
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _err("interrupted")
        raise typer.Exit(130) from None
    except OSError as exc:  # unwritable output folder, disk full, …: one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        hint = (" (hint: check the folder's permissions; on Windows, close the file if Excel or another "
                "program has it open)") if isinstance(exc, PermissionError) else ""
        _err(f"{where}{exc.strerror or exc}{hint}")
        raise typer.Exit(EXIT_SYSTEM) from None
    if isinstance(result, int) and result:
        raise typer.Exit(result)
    return result


def _version(value: bool) -> None:
    if value:
        typer.echo(f"translate {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Offline German→English translation and bilingual alignment."""


ModelOpt = Annotated[str | None, typer.Option(
    "--model", "-m", help="Argos package to use: a .argosmodel file, a package folder, or the name "
    "of an installed package. Default: the newest installed de→en package.")]
PackagesDirOpt = Annotated[Path | None, typer.Option(
    "--packages-dir", envvar="ARGOS_PACKAGES_DIR",
    help="Where Argos packages are installed (default: argostranslate's own folder).")]
WrapOpt = Annotated[Wrap, typer.Option(
    "--wrap", help="How line breaks are read: 'lines' = every line break ends a paragraph; "
    "'paragraphs' = only blank lines do (hard-wrapped text); 'auto' = detect.")]
BeamOpt = Annotated[int, typer.Option("--beam-size", min=1, max=16, help="Beam search width.")]


class SegFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


class CheckFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"
    tsv = "tsv"


def _formats(value: str, allowed: tuple[str, ...]) -> list[str]:
    fmts = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in fmts if f not in allowed]
    if bad or not fmts:
        raise typer.BadParameter(f"unknown format {', '.join(bad) or value!r}; choose from {', '.join(allowed)}")
    return fmts


def _wrote(paths: list[Path], failed: Path | None, what: str) -> int:
    """List the files written; point at the failure list. Exit code 3 when there is one."""
    from translate.errors import EXIT_PARTIAL

    for p in paths:
        typer.echo(f"wrote {p}")
    if failed:
        typer.echo(f"{what}: {failed}", err=True)
        return EXIT_PARTIAL
    return 0


def load_engine(model: str | None, packages_dir: Path | None, beam_size: int = 4):  # noqa: ANN201
    from translate.package import find_package
    from translate.translator import Engine, Settings

    return Engine(find_package(model, directory=packages_dir), Settings(beam_size=beam_size))


@app.command()
def article(
    file: Annotated[Path, typer.Argument(help="German article (UTF-8 plain text).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("out"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: tmx,csv,jsonl,moses.")] = "tmx,csv",
    excel: Annotated[bool, typer.Option("--excel", help="CSV for Excel: BOM, ';' separator, "
                                        "formula-like cells escaped.")] = False,
    model: ModelOpt = None,
    packages_dir: PackagesDirOpt = None,
    wrap: WrapOpt = Wrap.auto,
    beam_size: BeamOpt = 4,
) -> None:
    """Translate one German article: writes OUTPUT/NAME.tmx and OUTPUT/NAME.csv, one unit per sentence."""
    from translate.pipeline import translate_article
    from translate.writers import FORMATS

    formats = _formats(fmt, FORMATS)

    def go() -> None:
        engine = load_engine(model, packages_dir, beam_size)
        result = translate_article(file, engine, output, formats, wrap, excel)
        flagged = sum(r.flagged() for r in result.records)
        typer.echo(f"{len(result.records)} sentences translated with {engine.package.name}; "
                   f"{flagged} flagged")
        for p in result.paths:
            typer.echo(f"wrote {p}")

    run_guarded(go)


@app.command()
def segment(
    file: Annotated[Path, typer.Argument(help="German (or, with --lang en, English) text file.")],
    fmt: Annotated[SegFormat, typer.Option(
        "--format", "-f", help="text: one sentence a line, a blank line between paragraphs; "
        "jsonl: one object a sentence.")] = SegFormat.text,
    wrap: WrapOpt = Wrap.auto,
    lang: Annotated[str, typer.Option("--lang", help="Language of the text: de or en.")] = "de",
) -> None:
    """Split a text into sentences (no model needed)."""
    from translate.pipeline import segment_source
    from translate.read import read_document

    if lang not in ("de", "en"):
        raise typer.BadParameter("--lang must be de or en")

    def go() -> None:
        records = segment_source(read_document(file), wrap, lang)
        last = None
        for r in records:
            if fmt is SegFormat.jsonl:
                typer.echo(json.dumps({"paragraph": r.paragraph, "sentence": r.sentence, "text": r.source,
                                       "start": r.src_start, "end": r.src_end}, ensure_ascii=False))
            else:
                if last is not None and r.paragraph != last:
                    typer.echo("")
                typer.echo(r.source)
            last = r.paragraph

    run_guarded(go)


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="German article to check.")],
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="text, jsonl or tsv.")] = CheckFormat.text,
    model: Annotated[str | None, typer.Option("--model", "-m", help="Also translate and add the "
                                              "translation-based flags (needs a model).")] = None,
    packages_dir: PackagesDirOpt = None,
    wrap: WrapOpt = Wrap.auto,
) -> None:
    """Flag garbled source segments, with reasons. Needs no model (--model adds translation checks)."""
    from translate.pipeline import prepare, translate_records
    from translate.read import read_document

    def go() -> None:
        records = prepare(read_document(file), wrap)
        if model:
            records = translate_records(records, load_engine(model, packages_dir))
        for r in records:
            codes = ",".join(f.code for f in r.flags)
            if fmt is CheckFormat.jsonl:
                typer.echo(json.dumps({"paragraph": r.paragraph, "sentence": r.sentence, "text": r.source,
                                       "target": r.target or None,
                                       "flags": [f.as_dict() for f in r.flags]}, ensure_ascii=False))
            elif fmt is CheckFormat.tsv:
                typer.echo("\t".join([str(r.paragraph), str(r.sentence), r.source, codes,
                                      r.worst.name if r.worst else "",
                                      " | ".join(f.message for f in r.flags)]))
            else:
                mark = {None: " ", 1: "·", 2: "!", 3: "✗"}[int(r.worst) if r.worst else None]
                typer.echo(f"{mark} {r.paragraph}.{r.sentence}  {r.source}")
                for f in r.flags:
                    typer.echo(f"      [{f.severity.name}] {f.code}: {f.message}")

    run_guarded(go)


@app.command()
def align(
    de_file: Annotated[Path, typer.Argument(help="German document (with --batch: folder of them).")],
    en_file: Annotated[Path, typer.Argument(help="Its English translation (with --batch: folder).")],
    batch_mode: Annotated[bool, typer.Option("--batch", help="Align every pair of two folders, matched by "
                                             "relative path and name (a/x.de.txt ↔ a/x.en.txt, or the same "
                                             "name in both): per-pair files plus corpus.*")] = False,
    pattern: Annotated[str, typer.Option("--glob", help="With --batch: which files to take.")] = "*.txt",
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("out"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: tmx,csv,jsonl,moses.")] = "tmx,csv",
    presegmented: Annotated[bool, typer.Option("--presegmented", help="Each input line is one sentence.")] = False,
    mt_file: Annotated[Path | None, typer.Option("--mt-file", help="A machine translation of the German, "
                                                 "one line per German sentence (implies help from MT).")] = None,
    use_mt: Annotated[bool, typer.Option("--mt/--no-mt", help="Translate the German with the installed "
                                         "model to guide the alignment (default: if a model is found).")] = True,
    keep_unaligned: Annotated[bool, typer.Option("--keep-unaligned", help="Keep 1-0/0-1 links in TMX too.")] = False,
    excel: Annotated[bool, typer.Option("--excel", help="CSV for Excel.")] = False,
    model: ModelOpt = None,
    packages_dir: PackagesDirOpt = None,
) -> None:
    """Align a German document with its English translation sentence by sentence (1-1, 1-2, 2-1, 1-0, 0-1, 2-2)."""
    from translate.errors import ModelError
    from translate.pipeline import align_documents, meta_for, write_outputs
    from translate.read import document_name
    from translate.writers import FORMATS

    formats = _formats(fmt, FORMATS)

    if batch_mode and mt_file is not None:
        raise typer.BadParameter("--mt-file aligns one pair; with --batch the model translates each pair")

    def go() -> int:
        engine = None
        if mt_file is None and use_mt:
            try:
                engine = load_engine(model, packages_dir)
            except ModelError:
                if model:
                    raise
                typer.echo("no translation model found: aligning by length and anchors only", err=True)
        meta = meta_for(engine, mode="mt-file" if mt_file else ("mt" if engine else "length+anchors"))
        if batch_mode:
            from translate.batch import align_folders
            from translate.progress import reporter

            res = align_folders(de_file, en_file, output, engine, formats, meta, presegmented, excel,
                                keep_unaligned, pattern, reporter(ProgressMode.auto, "align"))
            typer.echo(f"{res.pairs} pairs aligned into {res.records} links: "
                       + ", ".join(f"{k} {v}" for k, v in res.links.items()))
            return _wrote(res.paths, res.failed_path, f"{len(res.failed)} files unpaired or failed, with reasons")
        records = align_documents(de_file, en_file, engine, mt_file, presegmented)
        stem = document_name(de_file)
        for p in write_outputs(records, output, stem, formats, meta, excel=excel, keep_unaligned=keep_unaligned):
            typer.echo(f"wrote {p}")
        kinds = Counter(r.align_type for r in records)
        typer.echo("links: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        return 0

    run_guarded(go)


@app.command()
def batch(
    input_dir: Annotated[Path, typer.Argument(help="Folder of German articles (searched recursively).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder: per-article files in the "
                                         "input's layout, corpus.*, ledger.sqlite, tm.sqlite.")] = Path("corpus"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: tmx,csv,moses,jsonl "
                                     "(per article and for the merged corpus).")] = "tmx,csv,moses,jsonl",
    pattern: Annotated[str, typer.Option("--glob", help="Which files to take.")] = "*.txt",
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, help="Translation batches run at once "
                                         "(local: CTranslate2 inter_threads; --dask local: worker processes). "
                                         "0: one per core.")] = 0,
    threads: Annotated[int, typer.Option("--threads", min=0, help="CTranslate2 threads per batch "
                                         "(0: cores / workers).")] = 0,
    chunk: Annotated[int, typer.Option("--chunk", min=1, help="Sentences per translation call and per "
                                       "ledger commit.")] = 256,
    dedup: Annotated[bool, typer.Option("--dedup", help="Drop exact duplicate pairs from the merged "
                                        "corpus (the first occurrence is kept).")] = False,
    tm: Annotated[Path | None, typer.Option("--tm", help="Translation memory (SQLite) to reuse and fill; "
                                            "default OUTPUT/tm.sqlite.")] = None,
    dask: Annotated[str | None, typer.Option("--dask", help="Translate on a Dask cluster: scheduler "
                                             "address (tcp://host:8786) or 'local'.")] = None,
    dask_timeout: Annotated[float, typer.Option("--dask-timeout", min=1, help="Seconds to wait for the "
                                                "Dask scheduler before giving up.")] = 30.0,
    progress: Annotated[ProgressMode, typer.Option("--progress", help="auto: a bar on a terminal, "
                                                   "log lines otherwise.")] = ProgressMode.auto,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, only the summary.")] = False,
    restart: Annotated[bool, typer.Option("--restart", help="Forget the ledger of OUTPUT and start over "
                                          "(the translation memory is kept).")] = False,
    max_size: Annotated[float, typer.Option("--max-size", min=0.001, help="Articles larger than this "
                                            "many MB are recorded as failed.")] = 10.0,
    excel: Annotated[bool, typer.Option("--excel", help="CSV for Excel.")] = False,
    model: ModelOpt = None,
    packages_dir: PackagesDirOpt = None,
    wrap: WrapOpt = Wrap.auto,
    beam_size: BeamOpt = 4,
) -> None:
    """Translate a folder of articles into a parallel corpus: parallel, resumable, one machine or Dask.

    Run the same command again after a crash or Ctrl-C: documents already done are skipped and the
    merged corpus comes out as from an uninterrupted run. Exit code 3 when some documents failed
    (listed with reasons in OUTPUT/failed.tsv).
    """
    from translate.batch import BatchOptions, Job, LocalBackend
    from translate.package import find_package
    from translate.progress import reporter
    from translate.translator import Engine, Settings, available_cores
    from translate.writers import FORMATS

    formats = tuple(_formats(fmt, FORMATS))
    options = BatchOptions(formats=formats, pattern=pattern, wrap=wrap, excel=excel, dedup=dedup,
                           chunk_sentences=chunk, max_bytes=int(max_size * 1024 * 1024))

    def go() -> int:
        cores = available_cores()
        n = workers or cores
        package = find_package(model, directory=packages_dir)
        if dask:
            from translate.cluster import DaskBackend

            backend = DaskBackend(dask, package, Settings(beam_size=beam_size, intra_threads=threads or 1), n,
                                  timeout=dask_timeout)
        else:
            settings = Settings(beam_size=beam_size, inter_threads=n, intra_threads=threads or max(1, cores // n))
            backend = LocalBackend(Engine(package, settings), n)
        try:
            job = Job(input_dir, output, backend, options, tm, reporter(ProgressMode.none if quiet else progress))
            res = job.run(restart=restart)
        finally:
            backend.close()
        plural = "" if res.documents == 1 else "s"
        typer.echo(f"{res.documents} document{plural}: {res.done} done in this run, {res.skipped} done before, "
                   f"{res.failed} failed; {res.sentences} sentences ({res.translated} by the model, "
                   f"{res.reused} from the memory) in {res.seconds:.1f} s")
        return _wrote(res.paths, res.failed_path, "failed documents and reasons")

    run_guarded(go)


# -- models -------------------------------------------------------------------


@models_app.command("list")
def models_list(packages_dir: PackagesDirOpt = None) -> None:
    """Installed packages: name, languages, version, size, path (argospm's too)."""
    from translate.package import installed_packages
    from translate.package import packages_dir as pdir

    pkgs = installed_packages(packages_dir)
    if not pkgs:
        typer.echo(f"no packages installed in {pdir(packages_dir)}")
        return
    for p in pkgs:
        typer.echo(f"{p.name}\t{p.from_code}→{p.to_code}\t{p.version}\t"
                   f"{p.size_bytes() / 1e6:.1f} MB\t{p.path}")


@models_app.command("install")
def models_install(
    what: Annotated[list[str], typer.Argument(help="A .argosmodel file, or FROM TO language codes "
                                              "(e.g. 'de en'), or a package name from the index.")],
    packages_dir: PackagesDirOpt = None,
    index: Annotated[str | None, typer.Option("--index", envvar="ARGOS_PACKAGE_INDEX",
                                              help="Package index URL (default: Argos's own).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Connect/read timeout in seconds.")] = 30.0,
    retries: Annotated[int, typer.Option("--retries", help="Download attempts before giving up.")] = 3,
) -> None:
    """Install a package from a file (offline) or from the Argos index (online)."""
    from translate import models

    def go() -> None:
        if len(what) == 1 and Path(what[0]).suffix == ".argosmodel" or Path(what[0]).is_file():
            pkg = models.install_file(what[0], packages_dir)
        else:
            pkg = models.install_from_index(what, packages_dir, index=index, timeout=timeout,
                                            retries=retries, progress=sys.stderr.isatty())
        typer.echo(f"installed {pkg.name} ({pkg.from_code}→{pkg.to_code} {pkg.version}) in {pkg.path}")

    run_guarded(go)


@models_app.command("verify")
def models_verify(
    name: Annotated[str | None, typer.Argument(help="Installed package name (default: all).")] = None,
    packages_dir: PackagesDirOpt = None,
) -> None:
    """Re-check installed packages: files, metadata, loads, translates one sentence."""
    from translate import models

    def go() -> None:
        results = models.verify(name, packages_dir)
        bad = 0
        for pkg_name, problem in results:
            typer.echo(f"{pkg_name}\t{'OK' if problem is None else 'BROKEN: ' + problem}")
            bad += problem is not None
        if bad:
            raise typer.Exit(2)

    run_guarded(go)


@models_app.command("remove")
def models_remove(
    name: Annotated[str, typer.Argument(help="Installed package name (see `translate models list`).")],
    packages_dir: PackagesDirOpt = None,
) -> None:
    """Remove an installed package."""
    from translate import models

    run_guarded(lambda: typer.echo(f"removed {models.remove(name, packages_dir)}"))


def entry() -> None:
    app()


if __name__ == "__main__":
    entry()
