"""End to end: `translate article` on the sample article with the fixture package."""

from __future__ import annotations

import csv
import platform
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from conftest import FIXTURE_MODEL, SAMPLE, gold_rows
from translate.cli import app
from translate.writers import jsonl, tmx

runner = CliRunner()

_SOCKET_EVENTS: list[str] = []
_WATCH = {"on": False}


def _audit(event: str, args: tuple) -> None:
    if _WATCH["on"] and event.startswith(("socket.", "urllib.", "http.")):
        _SOCKET_EVENTS.append(event)


sys.addaudithook(_audit)


def run_article(out: Path, *extra: str):
    return runner.invoke(app, ["article", str(SAMPLE), "--model", str(FIXTURE_MODEL), "-o", str(out), *extra])


def test_article_writes_valid_tmx_and_csv_with_the_gold_pairs(tmp_path: Path) -> None:
    _SOCKET_EVENTS.clear()
    _WATCH["on"] = True
    try:
        result = run_article(tmp_path)
    finally:
        _WATCH["on"] = False
    assert result.exit_code == 0, result.output
    assert _SOCKET_EVENTS == [], f"network used while translating: {_SOCKET_EVENTS}"

    gold = gold_rows()
    tmx_path = tmp_path / "huawei-att.tmx"
    assert tmx.validate(tmx_path) == []
    units = tmx.read(tmx_path)
    assert [(u.paragraph, u.sentence) for u in units] == [(int(g["paragraph"]), int(g["sentence"])) for g in gold]
    assert [u.target for u in units] == [g["en_reference"] for g in gold]
    # the German is the document's own text: the no-break space after "Information" is kept
    assert [u.source.replace("\u00a0", " ") for u in units] == [g["de"] for g in gold]
    assert "Information\u00a0berichtet" in units[5].source
    assert all(0.0 < (u.confidence or 0) <= 1.0 for u in units)

    with (tmp_path / "huawei-att.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["en"] for r in rows] == [g["en_reference"] for g in gold]
    assert [r["de"].replace("\u00a0", " ") for r in rows] == [g["de"] for g in gold]


def test_tmx_header_records_signature(tmp_path: Path) -> None:
    assert run_article(tmp_path).exit_code == 0
    root = etree.parse(str(tmp_path / "huawei-att.tmx")).getroot()
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr), attr
    assert header.get("srclang") == "de"
    props = {p.get("type"): p.text for p in header.findall("prop")}
    assert props["x-model"].startswith("translate-de_en-fixture-1_0@1.0+sha256:")
    assert "beam=4" in props["x-settings"]


def test_excel_csv(tmp_path: Path) -> None:
    assert run_article(tmp_path, "--excel", "--format", "csv").exit_code == 0
    data = (tmp_path / "huawei-att.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.splitlines()[0].decode("utf-8-sig").startswith("document;paragraph;sentence;de;en")
    assert not (tmp_path / "huawei-att.tmx").exists()


def test_no_partial_files_left(tmp_path: Path) -> None:
    assert run_article(tmp_path, "--format", "tmx,csv,jsonl,moses").exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["huawei-att.csv", "huawei-att.de", "huawei-att.en", "huawei-att.jsonl", "huawei-att.tmx"]
    assert len((tmp_path / "huawei-att.de").read_text(encoding="utf-8").splitlines()) == 15


# -- errors: one line, non-zero exit, no traceback ------------------------------


def _one_line_error(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def test_no_model_installed_says_how_to_install(tmp_path: Path) -> None:
    result = runner.invoke(app, ["article", str(SAMPLE), "-o", str(tmp_path)])
    line = _one_line_error(result, 7)
    assert "translate models install" in line and "--model" in line


def test_a_bad_input_is_said_before_a_missing_model(tmp_path: Path) -> None:
    """No model installed here: the user's typo is the first thing to hear about."""
    result = runner.invoke(app, ["article", str(tmp_path / "nope.txt"), "-o", str(tmp_path)])
    assert "no such file" in _one_line_error(result, 1)
    result = runner.invoke(app, ["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert "no such folder" in _one_line_error(result, 1)
    assert not (tmp_path / "out").exists()
    for args in (["check", str(tmp_path / "nope.txt"), "--model", "no-such-model"],
                 ["check", str(SAMPLE), "--english", str(tmp_path / "nope.en.txt")],
                 ["align", str(SAMPLE), str(tmp_path / "nope.en.txt"), "-o", str(tmp_path / "out")]):
        assert "nope" in _one_line_error(runner.invoke(app, args), 1), args
    result = runner.invoke(app, ["align", "--batch", str(tmp_path), str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert "no such folder" in _one_line_error(result, 1)


def test_an_output_folder_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    for out in ("out", "out/sub"):
        result = runner.invoke(app, ["article", str(SAMPLE), "-m", str(FIXTURE_MODEL), "-o", str(tmp_path / out)])
        assert result.exit_code == 6 and "--output takes a folder" in _one_line_error(result, 6), out
    assert (tmp_path / "out").read_text(encoding="utf-8") == "not a folder"


def test_standard_input_is_read_for_a_dash(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    piped = runner.invoke(app, ["check", "-", "-f", "tsv"], input=text.encode("utf-8"))
    named = runner.invoke(app, ["check", str(SAMPLE), "-f", "tsv"])
    assert piped.exit_code == 0 and piped.stdout == named.stdout and len(piped.stdout.splitlines()) == 15
    result = runner.invoke(app, ["article", "-", "-m", str(FIXTURE_MODEL), "-o", str(tmp_path), "-f", "jsonl"],
                           input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert [u.source for u in jsonl.read(tmp_path / "stdin.jsonl")] == [r["de"] for r in gold_rows()]
    assert "empty" in _one_line_error(runner.invoke(app, ["segment", "-"], input=b""), 1)


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["article", str(tmp_path / "nope.txt"), "--model", str(FIXTURE_MODEL)])
    assert "no such file" in _one_line_error(result, 1)


def test_undecodable_file(tmp_path: Path) -> None:
    bad = tmp_path / "cp850.txt"  # DOS's code page: "Größe" is b"Gr\x94\xe1e", which windows-1252 reads "Gr”áe"
    bad.write_bytes("Die Größe und das Maß".encode("cp850"))
    result = runner.invoke(app, ["article", str(bad), "--model", str(FIXTURE_MODEL), "-o", str(tmp_path)])
    assert "not valid UTF-8" in _one_line_error(result, 1)
    broken = tmp_path / "broken.txt"  # UTF-8 with one byte of Latin-1 in it: broken, not another code page
    broken.write_bytes("Die Größe und das ".encode() + "Maß".encode("latin-1"))
    result = runner.invoke(app, ["article", str(broken), "--model", str(FIXTURE_MODEL), "-o", str(tmp_path)])
    assert "not valid UTF-8" in _one_line_error(result, 1)


def test_a_windows_1252_file_is_read_and_said_so(tmp_path: Path) -> None:
    legacy = tmp_path / "alt.txt"  # what a German Windows editor saves: umlauts, ß and „quotes“ in windows-1252
    text = "„Größe“ – Die Straßenbahn fährt heute nicht, teilte die Stadt am Montag mit. Das betrifft viele."
    legacy.write_bytes(text.encode("cp1252"))
    result = runner.invoke(app, ["check", str(legacy), "-f", "tsv"])
    assert result.exit_code == 0, result.output
    assert "is not UTF-8; read as windows-1252" in result.stderr
    assert "„Größe“ – Die Straßenbahn fährt heute nicht" in result.stdout


def test_a_file_in_another_code_page_is_read_in_the_one_named(tmp_path: Path) -> None:
    mac = tmp_path / "mac.txt"  # an old Mac's text: "ä" is 0x8a, which windows-1252 reads "Š"
    mac.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("mac-roman"))
    refused = runner.invoke(app, ["article", str(mac), "--model", str(FIXTURE_MODEL), "-o", str(tmp_path / "a")])
    assert "not valid UTF-8" in _one_line_error(refused, 1) and "--encoding" in refused.output
    args = ["--model", str(FIXTURE_MODEL), "--format", "jsonl", "--created", "2026-01-01T00:00:00Z"]
    named = runner.invoke(app, ["article", str(mac), "--encoding", "MacRoman", "-o", str(tmp_path / "b"), *args])
    assert named.exit_code == 0, named.output
    assert "note:" not in named.stderr  # the user named it: nothing to say
    utf8 = runner.invoke(app, ["article", str(SAMPLE), "-o", str(tmp_path / "c"), *args])
    assert utf8.exit_code == 0, utf8.output
    fields = ("source", "source_original", "target", "flags", "paragraph", "sentence")
    units = [[{k: u.as_dict()[k] for k in fields} for u in jsonl.read(p)]
             for p in (tmp_path / "b" / "mac.jsonl", tmp_path / "c" / "huawei-att.jsonl")]
    assert units[0] == units[1] and len(units[0]) == 15
    for bad in ("klingon", "base64"):
        result = runner.invoke(app, ["check", str(mac), "--encoding", bad])
        assert result.exit_code == 2 and bad in result.output


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    result = runner.invoke(app, ["article", str(empty), "--model", str(FIXTURE_MODEL), "-o", str(tmp_path)])
    assert "empty" in _one_line_error(result, 1)


def test_english_text_is_refused(tmp_path: Path) -> None:
    en = tmp_path / "en.txt"
    en.write_text("The company said that it was going to work with the carrier on a deal for the "
                  "new phones, and that this is the first time it has done so.", encoding="utf-8")
    result = runner.invoke(app, ["article", str(en), "--model", str(FIXTURE_MODEL), "-o", str(tmp_path)])
    assert "does not look German" in _one_line_error(result, 1)


def test_short_german_with_words_shared_with_english_is_accepted() -> None:
    from translate.language import check_german
    from translate.read import Source

    # "in" and "was" are German words too; a short German text without other markers passes
    check_german(Source("x", "Huawei verkauft Telefone 1131.\n\nMeine Schwester arbeitet in München 1132."))
    check_german(Source("y", "Was kostet das Ticket nach Berlin in der Woche? Zwölf Euro, Tendenz steigend."))


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_article(blocker / "out")
    assert str(blocker) in _one_line_error(result, 6)


def test_corrupt_model(tmp_path: Path) -> None:
    broken = tmp_path / "broken.argosmodel"
    broken.write_bytes(FIXTURE_MODEL.read_bytes()[:5000])
    result = runner.invoke(app, ["article", str(SAMPLE), "--model", str(broken), "-o", str(tmp_path)])
    _one_line_error(result, 7)


def test_bom_and_utf16_inputs_translate_the_same(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    outs = []
    for name in ("bom.txt", "u16.txt"):
        result = runner.invoke(app, ["article", str(tmp_path / name), "--model", str(FIXTURE_MODEL),
                                     "-o", str(tmp_path / "out"), "--format", "jsonl"])
        assert result.exit_code == 0, result.output
        outs.append([r.target for r in jsonl.read(tmp_path / "out" / f"{Path(name).stem}.jsonl")])
    assert outs[0] == outs[1] == [g["en_reference"] for g in gold_rows()]


def test_two_runs_with_a_fixed_creation_date_are_byte_identical(tmp_path: Path) -> None:
    outs = []
    for run in ("a", "b"):
        result = run_article(tmp_path / run, "--format", "tmx,csv,jsonl", "--created", "2026-11-30T12:00:00Z")
        assert result.exit_code == 0, result.output
        outs.append({p.name: p.read_bytes() for p in (tmp_path / run).iterdir()})
    assert outs[0] == outs[1] and len(outs[0]) == 3
    assert b'creationdate="20261130T120000Z"' in outs[0]["huawei-att.tmx"]
    assert b'"created": "20261130T120000Z"' in outs[0]["huawei-att.jsonl"]
    assert b'type="x-rules"' in outs[0]["huawei-att.tmx"]
    bad = run_article(tmp_path / "c", "--created", "last tuesday")
    assert "not a date" in _one_line_error(bad, 1)


def _help(*command: str) -> str:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.translate({ord(c): " " for c in "│╭╮╰╯─"}).split())  # rich's boxes out


def test_help_explains_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    top = _help()
    for code in ("0 success", "1 bad input", "2 usage error", "6 the system refused", "7 no usable model"):
        assert code in top  # the exit codes
    # each command's own help names its own options and what they do
    expected = {
        ("article",): ["--output", "--format", "tmx (TMX 1.4b", "moses (Moses", "--created", "--beam-size", "--excel"],
        ("segment",): ["--format", "one sentence a line", "--lang", "--wrap"],
        ("check",): ["--format", "each sentence with its flags", "--model", "--fail-on", "--encoding"],
        ("align",): ["--batch", "--presegmented", "--mt-file", "--keep-unaligned", "--no-mt"],
        ("batch",): ["--workers", "--dask", "--restart", "--dedup", "--tm", "merged corpus"],
        ("models", "install"): [".argosmodel", "package folder", "--index", "--retries"],
        ("models", "verify"): ["translates one sentence"],
        ("models", "remove"): ["Remove an installed package"],
        ("models", "list"): ["Installed packages"],
    }
    for command, phrases in expected.items():
        text = _help(*command)
        for phrase in phrases:
            assert phrase in text, (command, phrase)
    # an on/off option shows no value beside it (typer 0.28+ would print "--excel <bool>")
    assert "--excel CSV for Excel" in _help("article")
    assert "--keep-unaligned Keep 1-0/0-1" in _help("align") and "--mt --no-mt Translate" in _help("align")
    assert "--quiet -q No progress" in _help("batch")
    for command in ((), ("article",), ("models",), ("models", "list")):  # nor does --help ("--help <bool>")
        assert "--help Show this message" in _help(*command), command
    # a docstring's paragraph is one paragraph on a wide terminal, not its source lines one per line
    monkeypatch.setattr("typer.rich_utils.MAX_WIDTH", 300)  # a wide terminal (typer reads TERMINAL_WIDTH once)
    wide = runner.invoke(app, ["check", "--help"]).output
    assert "a file that cannot be read is one line on standard error, the others go on" in wide


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    import subprocess

    big = tmp_path / "big.txt"  # far more than a pipe buffer holds
    big.write_text((SAMPLE.read_text(encoding="utf-8") + "\n\n") * 300, encoding="utf-8")
    proc = subprocess.run(f'set -o pipefail; "{sys.executable}" -m translate.cli segment "{big}" | head -1',
                          shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == gold_rows()[0]["de"]
    assert proc.stderr == "" and proc.returncode == 0


def test_device_cuda_without_a_gpu_is_one_line(tmp_path: Path) -> None:
    import pytest

    from translate.translator import cuda_devices

    if cuda_devices() > 0:
        pytest.skip("this machine has a CUDA GPU")
    line = _one_line_error(run_article(tmp_path, "--device", "cuda"), 7)
    assert "no CUDA GPU" in line and "--device cpu" in line
    assert not list(tmp_path.iterdir())  # nothing written
    # every other command that translates says the same
    model = ["-m", str(FIXTURE_MODEL), "--device", "cuda"]
    english = SAMPLE.with_name("huawei-att.en.txt")
    for args in (["batch", str(SAMPLE.parent), "-o", str(tmp_path / "b"), "--glob", SAMPLE.name, *model],
                 ["check", str(SAMPLE), *model],
                 ["align", str(SAMPLE), str(english), "-o", str(tmp_path / "a"), *model]):
        line = _one_line_error(runner.invoke(app, args), 7)
        assert "no CUDA GPU" in line, args
    assert not list(tmp_path.iterdir())


def test_a_gpu_without_cuda_12s_cublas_is_said_before_any_work(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """CTranslate2's wheels open CUDA 12's cuBLAS at their first translation on a GPU; on a machine
    that sees a GPU but has only CUDA 13's libraries, ``--device cuda`` is refused in one line and
    ``auto`` translates on the CPU with a note, instead of failing at the first sentence."""
    from translate import translator

    monkeypatch.setattr(translator, "cuda_devices", lambda: 1)
    monkeypatch.setattr(translator, "CUBLAS", "libcublas.so.0-not-here")
    line = _one_line_error(run_article(tmp_path / "cuda", "--device", "cuda"), 7)
    assert "libcublas.so.0-not-here" in line and "--device cpu" in line
    result = run_article(tmp_path / "auto", "--device", "auto", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "translating on the CPU" in result.stderr and (tmp_path / "auto" / "huawei-att.csv").is_file()
    assert result.stderr.count("translating on the CPU") == 1
    batch = runner.invoke(app, ["batch", str(SAMPLE.parent), "-o", str(tmp_path / "b"), "--glob", SAMPLE.name,
                                "-m", str(FIXTURE_MODEL), "--progress", "none"])
    assert batch.exit_code == 0 and batch.stderr.count("translating on the CPU") == 1
    check = runner.invoke(app, ["check", str(SAMPLE)])  # no model: nothing to say about devices
    assert check.exit_code == 0 and "CPU" not in check.stderr


def test_ctranslate2_failing_mid_translation_is_one_line(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A GPU that runs out of memory, or a library CTranslate2 opens only at its first call, fails
    inside ``translate_batch``: one line and exit 7, nothing written; in a batch, the documents of
    that call fail with the same line and the run goes on."""
    import ctranslate2

    class Failing:  # the engine only ever calls translate_batch on its translator
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            pass

        def translate_batch(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            raise RuntimeError("Library libcublas.so.12 is not found or cannot be loaded")

    monkeypatch.setattr(ctranslate2, "Translator", Failing)
    line = _one_line_error(run_article(tmp_path / "a"), 7)
    assert "failed to translate on cpu: Library libcublas.so.12 is not found" in line
    assert not (tmp_path / "a").exists() or not any((tmp_path / "a").iterdir())
    batch = runner.invoke(app, ["batch", str(SAMPLE.parent), "-o", str(tmp_path / "b"), "--glob", SAMPLE.name,
                                "-m", str(FIXTURE_MODEL), "--progress", "none"])
    assert batch.exit_code == 3 and "Traceback" not in batch.output
    assert "libcublas.so.12" in (tmp_path / "b" / "failed.tsv").read_text(encoding="utf-8")


def test_the_installed_ctranslate2_opens_the_cublas_we_probe() -> None:
    """If a CTranslate2 release moves to another CUDA, the probe must follow it."""
    import ctranslate2
    import pytest

    from translate.translator import CUBLAS

    libs = Path(ctranslate2.__file__).resolve().parent.parent / "ctranslate2.libs"
    found = sorted(libs.glob("libctranslate2*.so*"))
    if not found:
        pytest.skip("no Linux wheel of CTranslate2 here")
    assert CUBLAS.encode() in found[0].read_bytes()


def test_the_gpu_compute_type_is_the_fastest_the_gpu_runs(monkeypatch) -> None:  # noqa: ANN001
    """int8 weights with float16 arithmetic where the GPU has it (compute capability 7.0 on),
    float32 arithmetic on an older one, rather than a model that fails to load by default."""
    import ctranslate2

    from translate import translator

    monkeypatch.setattr(translator, "cuda_problem", lambda: None)  # a GPU CTranslate2 can use
    for supported, expected in (({"float32", "int8", "int8_float32", "int8_float16", "float16"}, "int8_float16"),
                                ({"float32", "int8", "int8_float32"}, "int8_float32"),  # a Pascal
                                ({"float32"}, "float32")):
        monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda device, s=supported: s)
        settings = translator.settings_for("cuda")
        assert (settings.device, settings.compute_type) == ("cuda", expected)
        assert "compute=" + expected in settings.signature()
    assert translator.settings_for("cuda", "float32").compute_type == "float32"  # asked for: kept


def test_cpu_batches_hold_32_hypotheses_with_amx_and_32_sentences_without(monkeypatch) -> None:  # noqa: ANN001
    """Measured (``scripts/bench_batch_size.py``): on an Intel Xeon with AMX batches of 8
    sentences ran 1.4 times as fast as 32 at beam 4; on hosts without AMX 32 were the fastest."""
    from translate import translator

    if platform.machine() == "x86_64" and Path("/proc/cpuinfo").is_file():  # Linux lists the flags there
        assert "sse2" in translator.cpu_flags()
    monkeypatch.setattr(translator, "cpu_flags", lambda: {"avx512f", "amx_tile", "amx_int8"})
    assert [translator.settings_for("cpu", beam_size=b).max_batch_size for b in (1, 2, 4, 8)] == [32, 16, 8, 4]
    monkeypatch.setattr(translator, "cpu_flags", lambda: {"avx2", "avx512f"})
    assert [translator.settings_for("cpu", beam_size=b).max_batch_size for b in (1, 4)] == [32, 32]
    monkeypatch.setattr(translator, "cpu_flags", set)  # flags not told: the measured default without AMX
    assert translator.settings_for("cpu").max_batch_size == 32


def test_cublas_from_nvidias_pip_wheel_is_found_without_a_search_path(tmp_path: Path) -> None:
    """``pip install nvidia-cublas-cu12`` puts cuBLAS in site-packages/nvidia/cublas/lib, where no
    search path reaches: the probe loads it (its cublasLt first) so that CTranslate2's own open by
    the library's name finds it. Stand-in libraries with cuBLAS's names, built here, show it."""
    import shutil

    import pytest

    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        pytest.skip("no C compiler to build stand-in libraries")
    lib = tmp_path / "site" / "nvidia" / "cublas" / "lib"
    lib.mkdir(parents=True)
    (tmp_path / "lt.c").write_text("int cublasLtCreate(void) { return 0; }\n")
    (tmp_path / "cublas.c").write_text(
        "int cublasLtCreate(void);\nint cublasCreate_v2(void) { return cublasLtCreate(); }\n")
    subprocess.run([cc, "-shared", "-fPIC", "-Wl,-soname,libcublasLt.so.12", "-o", str(lib / "libcublasLt.so.12"),
                    str(tmp_path / "lt.c")], check=True)
    subprocess.run([cc, "-shared", "-fPIC", "-Wl,-soname,libcublas.so.12", "-o", str(lib / "libcublas.so.12"),
                    str(tmp_path / "cublas.c"), "-L", str(lib), "-l:libcublasLt.so.12"], check=True)
    probe = (
        "import ctypes, sys\n"
        f"sys.path.append({str(tmp_path / 'site')!r})\n"
        "from translate.translator import CUBLAS, _library_loads\n"
        "try:\n    ctypes.CDLL(CUBLAS); print('on the search path already')\nexcept OSError:\n    pass\n"
        "print(_library_loads(CUBLAS))\n"
        "print(ctypes.CDLL(CUBLAS).cublasCreate_v2())\n"  # opened by its name, as CTranslate2 opens it
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    if "on the search path already" in proc.stdout:
        pytest.skip("this machine has CUDA 12's cuBLAS on its search path")
    assert proc.stdout.split() == ["True", "0"], proc.stderr


def test_a_short_article_is_spread_over_every_replica() -> None:
    """A 25-sentence article in batches of 32 would run on one of two replicas: `article` cuts it
    in two of 13 (1.22–1.26 times as fast for articles of 10 to 40 news sentences on two cores,
    scripts/bench_translate.py --short); calls that fill every replica keep the settings' size."""
    from dataclasses import replace

    from translate.package import open_package
    from translate.translator import Engine, Settings

    engine = Engine(open_package(FIXTURE_MODEL), Settings(inter_threads=2, intra_threads=1))
    assert [engine.batch_size(n) for n in (1, 10, 25, 63, 64, 500)] == [1, 5, 13, 32, 32, 32]
    four = Engine(open_package(FIXTURE_MODEL), Settings(inter_threads=4, intra_threads=1, max_batch_size=128))
    assert [four.batch_size(n) for n in (25, 100, 512, 2000)] == [7, 25, 128, 128]  # as on a GPU
    engine.settings = replace(engine.settings, batch_type="tokens", max_batch_size=4096)
    assert engine.batch_size(25) == 4096  # token budgets are left as they are


def test_device_cpu_and_auto_translate_the_same(tmp_path: Path) -> None:
    outs = []
    for device in ("cpu", "auto"):
        result = run_article(tmp_path / device, "--device", device, "--format", "csv", "--created", "2026-01-01")
        assert result.exit_code == 0, result.output
        outs.append((tmp_path / device / "huawei-att.csv").read_bytes())
    assert outs[0] == outs[1]
    result = run_article(tmp_path / "bad", "--compute-type", "bogus")
    assert "compute" in _one_line_error(result, 7)


_HEAP_OR_MAP = """
import ctypes, sys
from translate.translator import keep_freed_memory

class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                               "fsmblks", "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Info
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
kept = sys.argv[1] == "keep" and keep_freed_memory()
before = libc.mallinfo2().hblks
block = libc.malloc(16 << 20)  # a batch's decoding state is of this order
print(kept, libc.mallinfo2().hblks - before)
"""


def test_the_engine_keeps_decoding_buffers_on_the_heap() -> None:
    """On glibc a 16 MB block is mapped on its own (and its pages faulted in afresh at every
    batch) unless the engine's malloc settings keep it on the heap."""
    import subprocess
    import sys

    import pytest

    if not sys.platform.startswith("linux"):
        pytest.skip("glibc's malloc only")
    runs = {how: subprocess.run([sys.executable, "-c", _HEAP_OR_MAP, how], capture_output=True, text=True)
            for how in ("default", "keep")}
    if runs["default"].returncode != 0:
        pytest.skip(f"no glibc mallinfo2 here: {runs['default'].stderr.strip().splitlines()[-1:]}")
    assert runs["default"].stdout.split() == ["False", "1"]  # mapped on its own
    assert runs["keep"].stdout.split() == ["True", "0"]  # on the heap
