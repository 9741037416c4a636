"""The `translate` command line: options are parsed here, the work is one library call, the
result is printed.

Errors a user can cause are :class:`translate.errors.TranslateError`; they are caught once,
here (:func:`run_guarded`), and printed as one line (``error: …``) with a documented exit code,
never a traceback.
"""

from __future__ import annotations

import inspect
import os
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from translate import __version__
from translate.errors import (
    EXIT_CODES,
    EXIT_FLAGGED,
    EXIT_INTERRUPTED,
    EXIT_MODEL,
    EXIT_PARTIAL,
    EXIT_SYSTEM,
    TranslateError,
)
from translate.extract import DEFAULT_GLOB, INPUT_FORMATS
from translate.normalise import Wrap
from translate.progress import Mode as ProgressMode
from translate.record import SegmentPair, Severity
from translate.writers import FILE_FORMATS, REGISTRY


class _BareHelp:
    """Help that reads as written: a docstring's paragraphs reflowed as paragraphs (typer 0.29 keeps
    the line breaks after the first one and rich wraps each line again, a ragged right edge: "… is
    one line on" / "standard error, …"), and ``--help`` without a type beside it (typer 0.28+
    prints "--help <bool>", as if it took a value; the on/off options get the same blank metavar
    from :func:`_switch`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.help:
            self.help = "\n\n".join(" ".join(p.split()) for p in inspect.cleandoc(self.help).split("\n\n"))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.metavar = ""
        return option


class _Command(_BareHelp, TyperCommand):
    pass


class _Group(_BareHelp, TyperGroup):
    pass


app = typer.Typer(
    cls=_Group,
    help="Offline German→English translation and bilingual alignment.\n\n"
    "Translate German articles sentence by sentence with an Argos Translate model "
    "(CTranslate2, no network), write aligned TMX 1.4b and CSV, flag garbled source "
    "segments, and build parallel corpora from folders.\n\nExit codes: "
    + "; ".join(f"{code} {what}" for code, what in EXIT_CODES.items()) + ".",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(cls=_Group, help="Install, list, verify and remove Argos packages (online or from files).",
                         no_args_is_help=True)
app.add_typer(models_app, name="models")

T = TypeVar("T")


def _err(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def _quiet_broken_pipe() -> None:
    """The reader of our output went away (``… | head``): end quietly, as Unix tools do."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run_guarded(fn: Callable[[], T]) -> T:
    """Run ``fn``; turn project errors, OS errors and Ctrl-C into one line and an exit code.

    A non-zero ``int`` returned by ``fn`` is the exit code (3: some documents failed).
    """
    try:
        result = fn()
    except TranslateError as exc:
        _err(exc.one_line())
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _err("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        _quiet_broken_pipe()
        raise typer.Exit(0) from None
    except sqlite3.Error as exc:  # the ledger or memory on a full disk, a read-only or broken database
        _err(f"database: {' '.join(str(exc).split())}"
             + (" (hint: free some space and run the same command again: it resumes)"
                if "full" in str(exc) else ""))
        raise typer.Exit(EXIT_SYSTEM) from None
    except OSError as exc:  # unwritable output folder, disk full, …: one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        hint = (" (hint: check the folder's permissions; on Windows, close the file if Excel or another "
                "program has it open)") if isinstance(exc, PermissionError) else (
                " (hint: a file stands where a folder must go; --output takes a folder)") if isinstance(
                exc, FileExistsError | NotADirectoryError) else ""
        _err(f"{where}{exc.strerror or exc}{hint}")
        raise typer.Exit(EXIT_SYSTEM) from None
    if isinstance(result, int) and result:
        raise typer.Exit(result)
    return result


def _switch(*names: str, **kwargs: Any) -> Any:  # typer.OptionInfo
    """An on/off option. Its metavar is blank: typer 0.28+ would print a flag's type beside it
    ("--excel <bool>"), as if it took a value."""
    return typer.Option(*names, metavar="", **kwargs)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"translate {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, _switch("--version", callback=_version, is_eager=True,
                                     help="Show the version and exit.")] = False,
) -> None:
    """Offline German→English translation and bilingual alignment."""


class Threshold(str, Enum):
    """A flag severity at which something happens (``check --fail-on``, ``--only-flagged``, ``--exclude-flagged``)."""

    never = "never"
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def severity(self) -> Severity | None:
        return None if self is Threshold.never else Severity[self.value]


class Original(str, Enum):
    """Which side of an aligned pair was written first (``align --original``)."""

    en = "en"
    de = "de"


def _format_help(names: Sequence[str]) -> str:
    return "Comma-separated: " + "; ".join(f"{n} ({REGISTRY[n].description})" for n in names) + "."


ModelOpt = Annotated[str | None, typer.Option(
    "--model", "-m", help="Argos package to use: a .argosmodel file, a package folder, or the name "
    "of an installed package. Default: the newest installed de→en package.")]
PackagesDirOpt = Annotated[Path | None, typer.Option(
    "--packages-dir", envvar="ARGOS_PACKAGES_DIR",
    help="Where Argos packages are installed (default: argostranslate's own folder).")]
DictionaryOpt = Annotated[str | None, typer.Option(
    "--dictionary", envvar="TRANSLATE_DICTIONARY", metavar="FILE",
    help="A German–English dictionary in the Ding format, for the bilingual checks: it tells a name "
         "translated word for word from one left out or said otherwise (default: Debian's trans-de-en, "
         "/usr/share/trans/de-en, where installed; none: no dictionary).")]
WrapOpt = Annotated[Wrap, typer.Option(
    "--wrap", help="How line breaks are read: 'lines' = every line break ends a paragraph; "
    "'paragraphs' = only blank lines and list items do (hard-wrapped text); 'auto' = detect.")]
BeamOpt = Annotated[int, typer.Option("--beam-size", min=1, max=16, help="Beam search width (4, as Argos; "
                                      "1 is the fast mode: greedy decoding, several times faster, a little worse).")]
DeviceOpt = Annotated[str, typer.Option("--device", help="auto: a CUDA GPU when CTranslate2 can use one (it "
                                        "needs CUDA 12's cuBLAS), else the CPU; cpu; cuda (an error when it "
                                        "cannot).")]
ComputeOpt = Annotated[str | None, typer.Option(
    "--compute-type", help="CTranslate2 compute type (default: the package's own weights on the CPU, int8 for "
    "Argos packages; on a GPU int8_float16, or int8_float32 where it has no float16 arithmetic), e.g. int8, "
    "float16, float32.")]
FilesFormatOpt = Annotated[str, typer.Option("--format", "-f", help=_format_help(FILE_FORMATS))]
ExcelOpt = Annotated[bool, _switch("--excel", help="CSV for Excel: BOM, ';' separator, "
                                   "formula-like cells escaped.")]
LanguagesOpt = Annotated[str, typer.Option(
    "--languages", help="The language codes written into TMX, XLIFF, the OmegaT project and the HTML page, "
    "German first: de,en (default); de-DE,en-US or de-CH,en-GB to match a CAT tool's translation memory.")]
InputFormatOpt = Annotated[str, typer.Option(
    "--input-format", help="auto: by extension (.txt; .html/.htm: the article's main text; .md; .docx; .odt); "
    "or txt, html, md, docx, odt for every file.")]
EncodingOpt = Annotated[str, typer.Option(
    "--encoding", help="The code page of input files that are not UTF-8, e.g. cp850 (DOS), mac-roman, "
    "cp1252, iso8859-15. UTF-8 files stay UTF-8 and an HTML page's declared charset wins. Default: "
    "windows-1252 where the text reads as plain German, else refused.")]
ForceOpt = Annotated[bool, _switch("--force", help="Translate a document even when it does not look German "
                                   "(paragraphs in another language are flagged not-german).")]
CreatedOpt = Annotated[str | None, typer.Option(
    "--created", help="Creation time recorded in the files (ISO 8601, e.g. 2026-11-30T12:00:00Z; default: "
    "SOURCE_DATE_EPOCH if set, else now). Fixed, two runs on the same input give byte-identical files.")]


def _use_dictionary(path: str | None) -> None:
    """Make ``--dictionary`` the one the flags read (:mod:`translate.lexicon`), for this process and
    the workers it starts; a file that is missing or no dictionary is one line, exit 1."""
    from translate import lexicon

    if path is not None:
        os.environ[lexicon.ENV] = path
    lexicon.installed()  # read (or its cached index loaded) now, so that a bad file is said first


def _embeddings() -> bool:
    from translate.embed import available

    return available()


def _input_format(value: str) -> str:
    if value not in INPUT_FORMATS:
        raise typer.BadParameter(f"--input-format must be one of {', '.join(INPUT_FORMATS)}")
    return value


def _encoding(value: str) -> str:
    """Python's name for the code page given with --encoding ("" for auto)."""
    if value in ("", "auto"):
        return ""
    from translate.read import text_codec

    try:
        return text_codec(value)
    except ValueError as exc:
        raise typer.BadParameter(f"--encoding: {exc}") from None


_LANGUAGE_CODE = re.compile(r"(?P<lang>[a-z]{2})(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|[0-9]{3}))?",
                            re.IGNORECASE)


def _languages(value: str) -> tuple[str, str]:
    """``--languages``: two language tags, German and English, with a script or region or not
    ("de-DE,en-GB"), written as BCP 47 has them ("de-Latn-CH": language lower, script title,
    region upper case)."""
    codes = [c.strip() for c in value.split(",")]
    tags = []
    for code, lang in zip(codes, ("de", "en")):
        m = _LANGUAGE_CODE.fullmatch(code)
        if not m or m["lang"].lower() != lang:
            break
        tags.append("-".join(filter(None, (lang, (m["script"] or "").title(), (m["region"] or "").upper()))))
    if len(codes) != 2 or len(tags) != 2:
        raise typer.BadParameter(f"--languages takes a German and an English language code, as de-DE,en-GB, "
                                 f"not {value!r}")
    return tags[0], tags[1]


def _formats(value: str, allowed: Sequence[str], aliases: dict[str, str] | None = None) -> list[str]:
    """The formats named in ``value`` (comma-separated), by their writers' names (``aliases``: the
    names a user types for some of them: ``text`` for ``report``)."""
    aliases = aliases or {}
    fmts = [aliases.get(f, f) for f in (f.strip().lower() for f in value.split(",")) if f]
    bad = [f for f in fmts if f not in allowed]
    if bad or not fmts:
        typed = {v: k for k, v in aliases.items()}
        raise typer.BadParameter(f"unknown format {', '.join(map(repr, bad)) or repr(value)}; choose from "
                                 f"{', '.join(typed.get(a, a) for a in allowed)}")
    return fmts


def _format(value: str, allowed: Sequence[str], aliases: dict[str, str]) -> str:
    """The one format of a command that writes to standard output."""
    fmts = _formats(value, allowed, aliases)
    if len(fmts) > 1:
        raise typer.BadParameter(f"one format at a time on standard output, not {value!r}")
    return fmts[0]


def _unrelated_note(records: list[SegmentPair], similarity: str, de: Path, en: Path) -> None:
    """A warning on stderr when the aligned documents read as no translation of each other."""
    from translate.pipeline import unrelated_pair

    if why := unrelated_pair(records, similarity):
        typer.echo(f"warning: {de} and {en} look unrelated: {why}; check that one translates the other", err=True)


def _n(count: int, noun: str) -> str:
    """"1 sentence", "2 sentences": a count and its noun, for the summaries."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _wrote(paths: list[Path], failed: Path | None = None, what: str = "") -> int:
    """List the files written; point at the failure list. Exit code 3 when there is one."""
    for p in paths:
        typer.echo(f"wrote {p}")
    if failed:
        typer.echo(f"{what}: {failed}", err=True)
        return EXIT_PARTIAL
    return 0


def _settings(beam_size: int = 4, device: str = "auto", compute_type: str | None = None):  # noqa: ANN202
    from translate.translator import settings_for

    return settings_for(device, compute_type, beam_size)


def _read(path: Path, input_format: str, encoding: str = ""):  # noqa: ANN202 - a Source (read.py imported lazily)
    """The document, and a note on stderr where it was not UTF-8 but read as windows-1252 (no
    note where the user named the code page)."""
    from translate.read import read_document

    source = read_document(path, input_format=input_format, encoding=encoding)
    if source.encoding and not encoding:
        typer.echo(f"note: {path} is not UTF-8; read as {source.encoding}", err=True)
    return source


def _legacy_note(names: Sequence[str]) -> None:
    """Say which files of a folder job were not UTF-8 and read as windows-1252 (the first five)."""
    if names:
        more = f" and {len(names) - 5} more" if len(names) > 5 else ""
        typer.echo(f"note: {len(names)} not UTF-8, read as windows-1252: {', '.join(names[:5])}{more}", err=True)


def _bar(label: str, report_on_stdout: bool = False):  # noqa: ANN202 - a Reporter (progress.py imported lazily)
    """A progress bar on stderr when it is a terminal (``report_on_stdout``: only while the
    report goes elsewhere, as the two would mix on one terminal), else none."""
    from translate.progress import reporter

    shown = sys.stderr.isatty() and not (report_on_stdout and sys.stdout.isatty())
    return reporter(ProgressMode.rich if shown else ProgressMode.none, label)


def _device_note(device: str) -> None:
    """Say so when ``auto`` falls back to the CPU although a GPU is there."""
    from translate.translator import device_note

    note = device_note(device)
    if note:
        typer.echo(note, err=True)


@app.command(cls=_Command)
def article(
    file: Annotated[Path, typer.Argument(help="German article: plain text (UTF-8), HTML, Markdown, DOCX or "
                                                   "ODT (by extension; see --input-format); - reads standard "
                                                   "input (written as OUTPUT/stdin.*).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("out"),
    fmt: FilesFormatOpt = "tmx,csv",
    excel: ExcelOpt = False,
    languages: LanguagesOpt = "de,en",
    model: ModelOpt = None,
    packages_dir: PackagesDirOpt = None,
    wrap: WrapOpt = Wrap.auto,
    beam_size: BeamOpt = 4,
    device: DeviceOpt = "auto",
    compute_type: ComputeOpt = None,
    created: CreatedOpt = None,
    force: ForceOpt = False,
    input_format: InputFormatOpt = "auto",
    encoding: EncodingOpt = "auto",
) -> None:
    """Translate one German article: writes OUTPUT/NAME.tmx and OUTPUT/NAME.csv, one unit per sentence."""
    formats, langs = _formats(fmt, FILE_FORMATS), _languages(languages)
    fmt_in, codec = _input_format(input_format), _encoding(encoding)

    def go() -> int:
        from translate.pipeline import load_engine, translate_article
        from translate.writers import WriteOptions

        source = _read(file, fmt_in, codec)  # a bad input is said before a missing model
        engine = load_engine(model, packages_dir, _settings(beam_size, device, compute_type))
        _device_note(device)
        result = translate_article(source, engine, output, formats, wrap, WriteOptions(excel=excel, languages=langs),
                                   created or "", force, _bar("article"), fmt_in)
        typer.echo(f"{_n(result.sentences, 'sentence')} translated with {engine.package.name}; "
                   f"{result.flagged} flagged")
        return _wrote(result.paths)

    run_guarded(go)


def _to_stdout(records: Iterable[SegmentPair], fmt: str, documents: bool = False) -> None:
    """Records to standard output, as they come (no provenance header on a stream; ``documents``:
    several documents in one stream)."""
    from translate.provenance import Provenance
    from translate.writers import WriteOptions, write_stream

    write_stream(records, fmt, sys.stdout.buffer, Provenance(__version__),
                 WriteOptions(header=False, documents=documents))


@app.command(cls=_Command)
def segment(
    file: Annotated[Path, typer.Argument(help="German (or, with --lang en, English) text file; - reads "
                                         "standard input.")],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="text: one sentence a line, a blank line between paragraphs; "
        "jsonl: one object a sentence (paragraph, sentence, text, start/end offsets in the original); "
        "csv; tsv.")] = "text",
    wrap: WrapOpt = Wrap.auto,
    lang: Annotated[str, typer.Option("--lang", help="Language of the text: de or en.")] = "de",
    input_format: InputFormatOpt = "auto",
    encoding: EncodingOpt = "auto",
) -> None:
    """Split a text into sentences (no model needed)."""
    name = _format(fmt, ("sentences", "jsonl", "csv", "tsv"), {"text": "sentences"})
    fmt_in, codec = _input_format(input_format), _encoding(encoding)
    if lang not in ("de", "en"):
        raise typer.BadParameter("--lang must be de or en")

    def go() -> None:
        from translate.pipeline import segment_source

        _to_stdout(segment_source(_read(file, fmt_in, codec), wrap, lang), name)

    run_guarded(go)


class _Tally:
    """What ``check`` saw: sentences by their worst flag, documents read and not; its summary line
    on stderr and its exit code (``fail_on``: a severity that makes it 8). ``only``: the report
    keeps only the sentences flagged so or worse (the summary counts them all)."""

    def __init__(self, fail_on: Severity | None, only: Severity | None = None) -> None:
        self.fail_on, self.only = fail_on, only
        self.worst: Counter[Severity] = Counter()
        self.sentences = 0
        self.english_only = 0  # English sentences that no German one renders (check --english)
        self.english_worst: Severity | None = None  # their worst flag
        self.documents: set[str] = set()  # of a folder, read
        self.failed: list[str] = []  # of a folder, not checked

    def count(self, records: Iterable[SegmentPair]) -> Iterator[SegmentPair]:
        for r in records:
            if not r.source:  # the English of a 0-1 link (check --english): no German sentence
                self.english_only += 1
                if r.worst and (self.english_worst is None or r.worst > self.english_worst):
                    self.english_worst = r.worst  # an omission: --fail-on counts it
            else:
                self.sentences += 1
                if r.worst:
                    self.worst[r.worst] += 1
            if self.only is None or r.flagged(self.only):
                yield r

    def summary(self, folder: bool = False) -> int:
        kinds = ", ".join(_n(n, s.name) for s, n in sorted(self.worst.items(), reverse=True))
        total = len(self.documents) + len(self.failed)
        docs = (_n(total, "document")
                + (f" ({len(self.failed)} not checked)" if self.failed else "") + ", ") if folder else ""
        missing = f"; {_n(self.english_only, 'English sentence')} without German" if self.english_only else ""
        typer.echo(f"{docs}{_n(self.sentences, 'sentence')}, {sum(self.worst.values())} flagged"
                   + (f" (worst: {kinds})" if kinds else "") + missing, err=True)
        if self.failed:
            return EXIT_PARTIAL
        if self.fail_on is not None and any(s >= self.fail_on for s in [*self.worst, self.english_worst] if s):
            return EXIT_FLAGGED
        return 0


@app.command(cls=_Command)
def check(
    file: Annotated[Path, typer.Argument(help="German article to check; - reads standard input; a folder: "
                                         "every article in it (see --glob), each under its path.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text: each sentence with its flags and "
                                     "reasons; jsonl: every field; tsv: paragraph, sentence, text, codes, "
                                     "severity, reasons (for a folder, the document first); csv.")] = "text",
    pattern: Annotated[str, typer.Option("--glob", help="For a folder: which files to check (globs separated "
                                         "by commas).")] = DEFAULT_GLOB,
    model: Annotated[str | None, typer.Option("--model", "-m", help="Also translate and add the "
                                              "translation-based flags (needs a model).")] = None,
    packages_dir: PackagesDirOpt = None,
    wrap: WrapOpt = Wrap.auto,
    device: DeviceOpt = "auto",
    compute_type: ComputeOpt = None,
    force: ForceOpt = False,
    input_format: InputFormatOpt = "auto",
    encoding: EncodingOpt = "auto",
    english: Annotated[Path | None, typer.Option("--english", help="The English original of the article (for "
                                                  "a folder: the folder of originals, paired by name as align "
                                                  "--batch pairs them): align the two first and add the "
                                                  "bilingual checks (names translated word for word, numbers, "
                                                  "untranslated or omitted text).")] = None,
    fail_on: Annotated[Threshold, typer.Option("--fail-on", help=f"Exit with code {EXIT_FLAGGED} when a sentence "
                                            "has a flag of this severity or worse (for scripts that keep "
                                            "only clean articles).")] = Threshold.never,
    only_flagged: Annotated[Threshold, typer.Option(
        "--only-flagged", help="Report only the sentences with a flag of this severity or worse (the summary "
        "still counts every sentence).")] = Threshold.never,
    dictionary: DictionaryOpt = None,
) -> None:
    """Flag garbled source segments, with reasons. Needs no model (--model adds translation checks).

    A summary goes to standard error: how many sentences, how many flagged, by worst severity.
    Given a folder, every article in it is checked (a file that cannot be read is one line on
    standard error, the others go on; exit code 3 then); with --english, against the English
    original (for a folder, the folder of originals).
    """
    name = _format(fmt, ("report", "jsonl", "tsv", "csv"), {"text": "report"})
    fmt_in, codec = _input_format(input_format), _encoding(encoding)
    tally = _Tally(fail_on.severity, only_flagged.severity)

    def refused(document: str, why: str) -> None:  # a file of a folder not checked: the others go on
        tally.failed.append(document)
        _err(why)

    def report_folder(records: Iterable[SegmentPair], legacy: list[str]) -> int:
        """A folder's records to stdout, each document under its name; the notes and the summary."""
        def named(records: Iterable[SegmentPair]) -> Iterator[SegmentPair]:
            for r in records:
                tally.documents.add(r.document)
                yield r

        _to_stdout(tally.count(named(records)), name, documents=True)
        _legacy_note(legacy)  # as every folder job says it: once, at the end
        return tally.summary(folder=True)

    def check_pairs() -> int:
        """A folder of German articles against the folder of their English originals."""
        from translate.align_batch import check_folder_pairs
        from translate.pipeline import alignment_help

        help_ = alignment_help("auto", model, packages_dir, settings=_settings(4, device, compute_type))
        if help_.note:
            typer.echo(help_.note, err=True)

        def unrelated(document: str, why: str) -> None:
            typer.echo(f"warning: {document}: the two files look unrelated: {why}", err=True)

        legacy: list[str] = []
        return report_folder(check_folder_pairs(file, english, help_, pattern, fmt_in, codec, refused, unrelated,
                                                _bar("check", report_on_stdout=True), legacy), legacy)

    def go() -> int:
        from translate.pipeline import align_documents, alignment_help, check_document, check_folder, load_engine

        if english is not None and english.is_dir() != (str(file) != "-" and file.is_dir()):
            raise typer.BadParameter("--english takes an article's original, or for a folder of articles the "
                                     "folder of their originals")
        if english is not None:
            _use_dictionary(dictionary)
        if english is not None and english.is_dir():
            return check_pairs()
        if str(file) != "-" and file.is_dir():
            engine = load_engine(model, packages_dir, _settings(4, device, compute_type)) if model else None
            if model:
                _device_note(device)

            legacy: list[str] = []
            return report_folder(check_folder(file, pattern, wrap, engine, force, fmt_in, codec, refused,
                                              _bar("check", report_on_stdout=True), legacy), legacy)
        source = _read(file, fmt_in, codec)  # a bad input is said before a missing model
        if model:
            _device_note(device)
        if english is not None:
            en_source = _read(english, fmt_in, codec)
            help_ = alignment_help("auto", model, packages_dir, settings=_settings(4, device, compute_type))
            records = align_documents(source, en_source, help_.engine, None, False, fmt_in, help_.embedder,
                                      reporter=_bar("align"))
            _to_stdout(tally.count(records), name)  # the bar on stderr is gone before the report starts
            _unrelated_note(records, help_.similarity(), file, english)
            return tally.summary()
        engine = load_engine(model, packages_dir, _settings(4, device, compute_type)) if model else None
        _to_stdout(tally.count(check_document(source, wrap, engine, force, fmt_in)), name)
        return tally.summary()

    run_guarded(go)


@app.command(cls=_Command)
def align(
    de_file: Annotated[Path, typer.Argument(help="German document (with --batch: folder of them).")],
    en_file: Annotated[Path, typer.Argument(help="Its English counterpart, original or translation (see "
                                            "--original; with --batch: folder).")],
    batch_mode: Annotated[bool, _switch("--batch", help="Align every pair of two folders, matched by "
                                        "relative path and name (a/x.de.txt ↔ a/x.en.txt, or the same "
                                        "name in both): per-pair files plus corpus.*")] = False,
    pattern: Annotated[str, typer.Option("--glob", help="With --batch: which files to take (globs separated by "
                                         "commas).")] = DEFAULT_GLOB,
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("out"),
    fmt: FilesFormatOpt = "tmx,csv",
    presegmented: Annotated[bool, _switch(
        "--presegmented", help="Each input line is one sentence; blank lines, if any, separate paragraphs.")] = False,
    mt_file: Annotated[Path | None, typer.Option("--mt-file", help="A machine translation of the German, "
                                                 "one line per German sentence (implies help from MT).")] = None,
    use_mt: Annotated[bool, _switch("--mt/--no-mt", help="Translate the German with the installed "
                                    "model to guide the alignment (default: if a model is found).")] = True,
    similarity: Annotated[str, typer.Option("--similarity", help="What guides the alignment: auto (the model's "
                                            "translation if a model is installed, else multilingual sentence "
                                            "embeddings if the embed extra is, else anchors); mt; embed; "
                                            "anchors (length, numbers, names, cognates).")] = "auto",
    keep_unaligned: Annotated[bool, _switch("--keep-unaligned", help="Keep 1-0/0-1 links in TMX too.")] = False,
    exclude_flagged: Annotated[Threshold, typer.Option(
        "--exclude-flagged", help="With --batch: leave links flagged at this severity or worse out of the merged "
        "corpus (corpus.*); the per-pair files keep them, flags and all, for review.")] = Threshold.never,
    dedup: Annotated[bool, _switch("--dedup", help="With --batch: drop exact duplicate links (the same German "
                                   "and English) from the merged corpus; the first is kept.")] = False,
    original: Annotated[Original, typer.Option("--original", help="Which side was written first. en: the German "
                                               "translates the English, and links are also flagged for what the "
                                               "German lost (names translated word for word, sentences left out); "
                                               "de: the English translates the German, those flags are off.")
                        ] = Original.en,
    excel: ExcelOpt = False,
    languages: LanguagesOpt = "de,en",
    model: ModelOpt = None,
    packages_dir: PackagesDirOpt = None,
    device: DeviceOpt = "auto",
    compute_type: ComputeOpt = None,
    created: CreatedOpt = None,
    input_format: InputFormatOpt = "auto",
    encoding: EncodingOpt = "auto",
    dictionary: DictionaryOpt = None,
) -> None:
    """Align a German document with its English counterpart sentence by sentence (1-1, 1-2, 2-1, 1-0, 0-1, 2-2)."""
    formats, langs = _formats(fmt, FILE_FORMATS), _languages(languages)
    fmt_in, codec = _input_format(input_format), _encoding(encoding)
    if batch_mode and mt_file is not None:
        raise typer.BadParameter("--mt-file aligns one pair; with --batch the model translates each pair")
    if not batch_mode and (exclude_flagged is not Threshold.never or dedup):
        raise typer.BadParameter("--exclude-flagged and --dedup filter the merged corpus of --batch; one pair's "
                                 "files keep every link with its flags")

    def go() -> int:
        from translate.align_batch import FOLDERS_HINT, embedding_cache
        from translate.pipeline import align_pair, alignment_help, check_pair
        from translate.writers import WriteOptions

        if batch_mode:  # a bad input is said before a missing model
            from translate.folders import require_folder

            for folder in (de_file, en_file):
                require_folder(folder, FOLDERS_HINT)
        else:
            pair = [_read(f, fmt_in, codec) for f in (de_file, en_file)]
            check_pair(*pair)  # before any note on how the pair will be aligned
        if original is Original.en:  # the checks of what the German lost
            _use_dictionary(dictionary)
        chosen = "embed" if similarity == "auto" and not use_mt and _embeddings() else similarity
        if chosen == "auto" and not use_mt:
            chosen = "anchors"
        help_ = alignment_help(chosen, model, packages_dir, mt_file, _settings(4, device, compute_type),
                               embedding_cache(output) if batch_mode else None)
        if help_.note:
            typer.echo(help_.note, err=True)
        if help_.engine is not None:
            _device_note(device)
        options = WriteOptions(excel=excel, keep_unaligned=keep_unaligned, languages=langs)
        if batch_mode:
            from translate.align_batch import align_folders
            from translate.progress import reporter

            res = align_folders(de_file, en_file, output, help_, formats, presegmented, options, pattern,
                                reporter(ProgressMode.auto, "align"), created or "", fmt_in, original.value, codec,
                                exclude_flagged.severity, dedup)
            typer.echo(f"{_n(res.pairs, 'pair')} aligned into {_n(res.records, 'link')}: "
                       + ", ".join(f"{k} {v}" for k, v in res.links.items()))
            if exclude_flagged is not Threshold.never:
                typer.echo(f"{_n(res.excluded, 'link')} flagged {exclude_flagged.value} or worse left out of the "
                           "merged corpus (kept in the per-pair files)")
            if dedup:
                typer.echo(f"{_n(res.duplicates, 'duplicate link')} left out of the merged corpus")
            _legacy_note(res.legacy)
            return _wrote(res.paths, res.failed_path, f"{len(res.failed)} files unpaired or failed, with reasons")
        result = align_pair(*pair, output, formats, help_, mt_file, presegmented, options,
                            created or "", fmt_in, original.value, _bar("align"))
        code = _wrote(result.paths)
        kinds = Counter(r.align_type for r in result.records)
        typer.echo("links: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        _unrelated_note(list(result.records), help_.similarity(mt_file), de_file, en_file)
        return code

    run_guarded(go)


@app.command(cls=_Command)
def batch(
    input_dir: Annotated[Path, typer.Argument(help="Folder of German articles (searched recursively).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder: per-article files in the "
                                         "input's layout, corpus.*, ledger.sqlite, tm.sqlite.")] = Path("corpus"),
    fmt: Annotated[str, typer.Option("--format", "-f", help=_format_help(FILE_FORMATS) + " Per article and "
                                     "for the merged corpus.")] = "tmx,csv,moses,jsonl",
    pattern: Annotated[str, typer.Option("--glob", help="Which files to take (globs separated by commas; default: "
                                         "every supported kind).")] = DEFAULT_GLOB,
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, help="Translation batches run at once "
                                         "(local: CTranslate2 inter_threads; --dask local: worker processes). "
                                         "0: one per core, four on a GPU.")] = 0,
    threads: Annotated[int, typer.Option("--threads", min=0, help="CTranslate2 threads per batch "
                                         "(0: cores / workers).")] = 0,
    chunk: Annotated[int, typer.Option("--chunk", min=1, help="Sentences per translation call and per "
                                       "ledger commit.")] = 512,
    dedup: Annotated[bool, _switch("--dedup", help="Drop exact duplicate pairs from the merged "
                                   "corpus (the first occurrence is kept).")] = False,
    exclude_flagged: Annotated[Threshold, typer.Option(
        "--exclude-flagged", help="Leave units flagged at this severity or worse out of the merged corpus "
        "(corpus.*: training data without garbled source); the per-article files keep them, flags and all, "
        "for review.")] = Threshold.never,
    tm: Annotated[Path | None, typer.Option("--tm", help="Translation memory (SQLite) to reuse and fill; "
                                            "default OUTPUT/tm.sqlite.")] = None,
    dask: Annotated[str | None, typer.Option("--dask", help="Translate on a Dask cluster: scheduler "
                                             "address (tcp://host:8786) or 'local'.")] = None,
    dask_timeout: Annotated[float, typer.Option("--dask-timeout", min=1, help="Seconds to wait for the "
                                                "Dask scheduler before giving up.")] = 30.0,
    progress: Annotated[ProgressMode, typer.Option("--progress", help="auto: a bar on a terminal, "
                                                   "log lines otherwise.")] = ProgressMode.auto,
    quiet: Annotated[bool, _switch("--quiet", "-q", help="No progress, only the summary.")] = False,
    restart: Annotated[bool, _switch("--restart", help="Forget the ledger of OUTPUT and start over "
                                     "(the translation memory is kept).")] = False,
    max_size: Annotated[float, typer.Option("--max-size", min=0.001, help="Articles larger than this "
                                            "many MB are recorded as failed.")] = 10.0,
    excel: ExcelOpt = False,
    languages: LanguagesOpt = "de,en",
    model: ModelOpt = None,
    packages_dir: PackagesDirOpt = None,
    wrap: WrapOpt = Wrap.auto,
    beam_size: BeamOpt = 4,
    device: DeviceOpt = "auto",
    compute_type: ComputeOpt = None,
    created: CreatedOpt = None,
    force: ForceOpt = False,
    input_format: InputFormatOpt = "auto",
    encoding: EncodingOpt = "auto",
) -> None:
    """Translate a folder of articles into a parallel corpus: parallel, resumable, one machine or Dask.

    Run the same command again after a crash or Ctrl-C: documents already done are skipped and the
    merged corpus comes out as from an uninterrupted run. Exit code 3 when some documents failed
    (listed with reasons in OUTPUT/failed.tsv).
    """
    formats, langs = tuple(_formats(fmt, FILE_FORMATS)), _languages(languages)
    fmt_in, codec = _input_format(input_format), _encoding(encoding)

    def go() -> int:
        from translate.batch import FOLDER_HINT, BatchOptions, run_batch
        from translate.folders import require_folder
        from translate.package import find_package
        from translate.progress import reporter

        require_folder(input_dir, FOLDER_HINT)  # a bad input is said before a missing model
        options = BatchOptions(formats=formats, pattern=pattern, wrap=wrap, excel=excel, languages=langs, dedup=dedup,
                               exclude_flagged=exclude_flagged.severity,
                               chunk_sentences=chunk, max_bytes=int(max_size * 1024 * 1024), force=force,
                               input_format=fmt_in, encoding=codec)
        package = find_package(model, directory=packages_dir)
        _device_note(device)
        res = run_batch(input_dir, output, package, options, beam_size=beam_size, workers=workers,
                        threads=threads, dask=dask, dask_timeout=dask_timeout, tm_path=tm,
                        reporter=reporter(ProgressMode.none if quiet else progress), restart=restart,
                        created=created or "", device=device, compute_type=compute_type)
        typer.echo(f"{_n(res.documents, 'document')}: {res.done} done in this run, {res.skipped} done before, "
                   f"{res.failed} failed; {_n(res.sentences, 'sentence')} ({res.translated} by the model, "
                   f"{res.reused} from the memory, {res.flagged} flagged) in {res.seconds:.1f} s")
        _legacy_note(res.legacy)
        if options.exclude_flagged:
            typer.echo(f"{_n(res.excluded, 'unit')} flagged {options.exclude_flagged.name} or worse left out of the "
                       "merged corpus (kept in the per-article files)")
        return _wrote(res.paths, res.failed_path, "failed documents and reasons")

    run_guarded(go)


# -- models -------------------------------------------------------------------


@models_app.command("list", cls=_Command)
def models_list(packages_dir: PackagesDirOpt = None) -> None:
    """Installed packages: name, languages, version, size, path (argospm's too)."""
    from translate.package import installed_packages
    from translate.package import packages_dir as pdir

    pkgs = installed_packages(packages_dir)
    if not pkgs:
        typer.echo(f"no packages installed in {pdir(packages_dir)}; install German→English with "
                   "`translate models install de en` (online) or `translate models install FILE.argosmodel`")
        return
    for p in pkgs:
        typer.echo(f"{p.name}\t{p.from_code}→{p.to_code}\t{p.version}\t"
                   f"{p.size_bytes() / 1e6:.1f} MB\t{p.path}")


@models_app.command("install", cls=_Command)
def models_install(
    what: Annotated[list[str], typer.Argument(help="A .argosmodel file or an unpacked package folder "
                                              "(offline), or FROM TO language codes (e.g. 'de en') or a "
                                              "package name from the index (online).")],
    packages_dir: PackagesDirOpt = None,
    index: Annotated[str | None, typer.Option("--index", envvar="ARGOS_PACKAGE_INDEX",
                                              help="Package index URL (default: Argos's own).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Connect/read timeout in seconds.")] = 30.0,
    retries: Annotated[int, typer.Option("--retries", help="Download attempts before giving up.")] = 3,
) -> None:
    """Install a package from a file or folder (offline) or from the Argos index (online)."""
    def go() -> None:
        from translate import models

        pkg = models.install(what, packages_dir, index=index, timeout=timeout, retries=retries,
                             progress=sys.stderr.isatty())
        typer.echo(f"installed {pkg.name} ({pkg.from_code}→{pkg.to_code} {pkg.version}) in {pkg.path}")
        if (pkg.from_code, pkg.to_code) != ("de", "en"):
            typer.echo(f"note: translate uses German→English packages; this one translates {pkg.from_code}→"
                       f"{pkg.to_code} (install German→English with `translate models install de en`)", err=True)

    run_guarded(go)


@models_app.command("verify", cls=_Command)
def models_verify(
    name: Annotated[str | None, typer.Argument(help="Installed package name (default: all).")] = None,
    packages_dir: PackagesDirOpt = None,
) -> None:
    """Re-check installed packages: files, metadata, loads, translates one sentence."""
    def go() -> int:
        from translate import models

        results = models.verify(name, packages_dir)
        for pkg_name, problem in results:
            typer.echo(f"{pkg_name}\t{'OK' if problem is None else 'BROKEN: ' + problem}")
        return EXIT_MODEL if any(problem is not None for _, problem in results) else 0

    run_guarded(go)


@models_app.command("remove", cls=_Command)
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
