"""Hostile input and faults: no traceback, nothing lost, nothing left behind, junk never translated
silently. One test per class of trouble, then property-based tests over arbitrary text and bytes."""

from __future__ import annotations

import csv
import functools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from conftest import FIXTURE_MODEL, SAMPLE, gold_rows
from translate.cli import app
from translate.errors import InputError, TranslateError
from translate.writers import REGISTRY, jsonl, tmx, write_files

runner = CliRunner()
GERMAN = SAMPLE.read_text(encoding="utf-8")


def article(path: Path, out: Path, *extra: str):  # noqa: ANN201
    return runner.invoke(app, ["article", str(path), "-m", str(FIXTURE_MODEL), "-o", str(out), *extra])


def one_line_error(result, code: int) -> str:  # noqa: ANN001
    assert result.exit_code == code, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output, result.output
    return lines[0]


# -- 1. long input -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Der Vertrag regelt " + ", ".join(f"die Pflicht Nummer {i} der Parteien" for i in range(120)) + ".",
    "Und " + " ".join(["dann"] * 900) + " kam er.",  # no punctuation at all
    "Sehr " + "x" * 20_000 + " lang.",  # one word longer than the model takes
])
def test_a_sentence_longer_than_the_model_takes_is_translated_in_pieces(tmp_path: Path, text: str) -> None:
    src = tmp_path / "long.txt"
    src.write_text(GERMAN + "\n\n" + text + "\n", encoding="utf-8")
    result = article(src, tmp_path / "out", "--format", "tmx,jsonl")
    assert result.exit_code == 0, result.output
    units = jsonl.read(tmp_path / "out" / "long.jsonl")
    long_unit = units[-1]
    assert long_unit.pieces > 1 and long_unit.target
    assert "split-for-length" in {f.code for f in long_unit.flags}
    assert [u.target for u in units[:15]] == [g["en_reference"] for g in gold_rows()]  # the rest untouched
    assert tmx.validate(tmp_path / "out" / "long.tmx") == []


def test_long_input_in_a_batch_is_done_not_lost(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Das ist ein Test.\n", encoding="utf-8")
    (src / "b.txt").write_text("Und " + " ".join(["dann"] * 900) + " kam er.\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "out"), "-m", str(FIXTURE_MODEL),
                                 "--progress", "none", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    units = jsonl.read(tmp_path / "out" / "corpus.jsonl")
    assert [u.document for u in units] == ["a.txt", "b.txt"] and units[1].pieces > 1


# -- 2. encodings and characters -----------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_read_as_text(tmp_path: Path, encoding: str) -> None:
    src = tmp_path / "wide.txt"
    src.write_bytes(GERMAN.encode(encoding))
    result = article(src, tmp_path / "out", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [u.target for u in jsonl.read(tmp_path / "out" / "wide.jsonl")] == [g["en_reference"] for g in gold_rows()]


def test_binary_input_is_refused(tmp_path: Path) -> None:
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert "not valid UTF-8" in one_line_error(article(png, tmp_path / "out"), 1)
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"\x00\x01\x02\x03" * 500)
    assert "binary" in one_line_error(article(nul, tmp_path / "out"), 1)
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_that_never_ends_is_read_up_to_the_limit() -> None:
    """A device has no size to check first: it is read up to the limit, not until memory runs out."""
    from translate.read import read_document

    with pytest.raises(InputError, match="too large"):
        read_document("/dev/zero", max_bytes=1 << 20)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_folder_entries_that_are_no_files_are_named_not_waited_on(tmp_path: Path) -> None:
    """A pipe in a folder would block a read for ever, a broken link has nothing to read: batch,
    align --batch and check FOLDER name each with its reason and go on."""
    de, en = tmp_path / "de", tmp_path / "en"
    de.mkdir()
    en.mkdir()
    (de / "a.txt").write_text(GERMAN, encoding="utf-8")
    (en / "a.txt").write_text("This is a short English text about the weather.\n", encoding="utf-8")
    os.mkfifo(de / "pipe.txt")
    (de / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    reasons = {"pipe.txt": "not a regular file", "gone.txt": "a broken symbolic link"}

    batch = runner.invoke(app, ["batch", str(de), "-o", str(tmp_path / "b"), "-m", str(FIXTURE_MODEL)])
    assert batch.exit_code == 3, batch.output
    failed = dict(line.split("\t") for line in (tmp_path / "b" / "failed.tsv").read_text().splitlines()[1:])
    assert failed.keys() == reasons.keys()
    assert all(failed[name].startswith(f"{name}: {why}") for name, why in reasons.items()), failed
    checked = runner.invoke(app, ["check", str(de)])
    assert checked.exit_code == 3 and "== a.txt" in checked.stdout
    assert all(f"{name}: {why}" in checked.stderr for name, why in reasons.items())
    aligned = runner.invoke(app, ["align", "--batch", str(de), str(en), "-o", str(tmp_path / "a"), "--no-mt"])
    assert aligned.exit_code == 3, aligned.output
    failed_pairs = (tmp_path / "a" / "failed.tsv").read_text()
    assert all(why in failed_pairs for why in reasons.values())


UNSAFE = ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\u202e", "\u2066", "\u200f", "\u200b"]


def test_control_and_bidi_characters_reach_no_output(tmp_path: Path) -> None:
    dirty = GERMAN.replace("Huawei", "Hua\x07wei\x1b[31m", 1).replace("AT&T", "AT\x00&T\u202e", 1)
    dirty = dirty.replace("Telefone", "Tele\u2066fone\u200f\x9b", 1)
    src = tmp_path / "dirty.txt"
    src.write_text(dirty, encoding="utf-8")
    result = article(src, tmp_path / "out", "--format", "tmx,csv,jsonl,moses")
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "out").iterdir():
        text = path.read_text(encoding="utf-8")
        assert not any(ch in text for ch in UNSAFE), path.name
    for command in (["segment", str(src)], ["segment", str(src), "-f", "jsonl"], ["check", str(src)],
                    ["check", str(src), "-f", "tsv"]):
        out = runner.invoke(app, command)
        assert out.exit_code == 0 and not any(ch in out.output for ch in UNSAFE), command


# -- 3. wrong language -----------------------------------------------------------------------------

OTHER = {
    "French": "Le gouvernement a annoncé mardi une nouvelle réforme des retraites. Les syndicats ont appelé à "
              "une grève générale la semaine prochaine, et les transports seront perturbés dans tout le pays.",
    "Dutch": "De regering heeft dinsdag een nieuwe hervorming van de pensioenen aangekondigd. De vakbonden "
             "roepen op tot een algemene staking volgende week en het openbaar vervoer wordt verstoord.",
    "Italian": "Il governo ha annunciato martedì una nuova riforma delle pensioni. I sindacati hanno indetto "
               "uno sciopero generale per la prossima settimana e i trasporti saranno bloccati.",
    "English": "The government announced a new pension reform on Tuesday. The unions have called for a general "
               "strike next week, and transport will be disrupted across the whole country.",
}


@pytest.mark.parametrize("language", sorted(OTHER))
def test_a_document_in_another_language_is_refused_unless_forced(tmp_path: Path, language: str) -> None:
    src = tmp_path / "other.txt"
    src.write_text(OTHER[language] + "\n", encoding="utf-8")
    line = one_line_error(article(src, tmp_path / "out"), 1)
    assert f"looks {language}" in line and "--force" in line
    assert one_line_error(runner.invoke(app, ["check", str(src)]), 1)
    assert article(src, tmp_path / "forced", "--force").exit_code == 0


def test_a_paragraph_in_another_language_is_flagged(tmp_path: Path) -> None:
    src = tmp_path / "mixed.txt"
    src.write_text(GERMAN + "\n\n" + OTHER["French"] + "\n", encoding="utf-8")
    out = runner.invoke(app, ["check", str(src), "-f", "jsonl"])
    rows = [json.loads(ln) for ln in out.stdout.splitlines()]
    assert all("not-german" in {f["code"] for f in r["flags"]} for r in rows[15:])
    assert not any("not-german" in {f["code"] for f in r["flags"]} for r in rows[:15])


# -- 4. a full disk --------------------------------------------------------------------------------

def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


def test_a_full_disk_stops_in_one_line_and_a_later_run_resumes(tmp_path: Path) -> None:
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    from make_articles import make_articles

    src = tmp_path / "in"
    make_articles(src, 40, 3, distinct=True)
    args = ["-m", str(FIXTURE_MODEL), "--progress", "none", "--chunk", "16", "--created", "2026-11-30"]
    reference = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "ref"), *args])
    assert reference.exit_code == 0, reference.output
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "400k"):
        pytest.skip("cannot mount a small tmpfs here (needs root): the full-disk test runs in CI")
    try:
        out = disk / "out"
        for _ in range(2):  # the run that fills the disk, then one while it is still full
            full = runner.invoke(app, ["batch", str(src), "-o", str(out), *args])
            line = one_line_error(full, 6)
            assert "full" in line or "No space" in line, line
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        resumed = runner.invoke(app, ["batch", str(src), "-o", str(out), *args])
        assert resumed.exit_code == 0, resumed.output
        for name in ("corpus.tmx", "corpus.csv", "corpus.de", "corpus.en", "corpus.jsonl"):
            assert (out / name).read_bytes() == (tmp_path / "ref" / name).read_bytes(), name
        assert not list(out.rglob("*.part"))
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


# -- 5. leftovers ----------------------------------------------------------------------------------

def test_stale_temporaries_are_removed_on_resume_and_a_bad_input_creates_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Das ist ein Test.\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    stale = [out / ".corpus.tmx.abc123.part", out / "sub" / ".a.csv.xyz.part"]
    for p in stale:
        p.write_text("half a file", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(src), "-o", str(out), "-m", str(FIXTURE_MODEL), "--progress", "none"])
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in stale)
    missing = runner.invoke(app, ["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "o2"), "-m",
                                  str(FIXTURE_MODEL)])
    assert "no such folder" in one_line_error(missing, 1)
    assert not (tmp_path / "o2").exists()


# -- 6. exit codes ---------------------------------------------------------------------------------

def test_usage_errors_are_2_and_no_model_is_7(tmp_path: Path) -> None:
    assert runner.invoke(app, ["article", str(SAMPLE), "--no-such-option"]).exit_code == 2
    assert runner.invoke(app, ["article"]).exit_code == 2
    assert runner.invoke(app, ["article", str(SAMPLE), "--format", "docx"]).exit_code == 2
    for command in ("check", "segment"):  # one stream, one format; the names a user types
        two = runner.invoke(app, [command, str(SAMPLE), "--format", "jsonl,tsv"])
        assert two.exit_code == 2 and "one format at a time" in two.output  # a traceback exits 1
        assert "choose from text, jsonl" in runner.invoke(app, [command, str(SAMPLE), "-f", "xml"]).output
    assert "translate models install" in one_line_error(runner.invoke(app, ["article", str(SAMPLE), "-o",
                                                                            str(tmp_path)]), 7)
    dash = tmp_path / "-x.txt"
    dash.write_text(GERMAN, encoding="utf-8")
    assert runner.invoke(app, ["check", "--", str(dash)]).exit_code == 0


# -- 8. streaming a long document ---------------------------------------------------------------

def test_blocks_give_the_same_records_and_flags_as_one_pass() -> None:
    from translate.pipeline import iter_prepared
    from translate.read import Source

    text = "\n\n".join([GERMAN] * 4)
    whole = [r for b in iter_prepared(Source("d", text), size=10_000) for r in b]
    small = [r for b in iter_prepared(Source("d", text), size=3) for r in b]
    assert [r.as_dict() for r in small] == [r.as_dict() for r in whole]
    assert len(whole) == 60 and sum(r.flagged() for r in whole) == 12


def test_the_spool_writes_a_long_document_like_a_short_one(tmp_path: Path, engine) -> None:  # noqa: ANN001
    from translate.pipeline import Spool, prepare, translate_records
    from translate.provenance import Provenance
    from translate.read import Source

    records = translate_records(prepare(Source("d", GERMAN)), engine)
    spool = Spool(tmp_path / "spool", in_memory=4)
    spool.extend(records)
    assert list(tmp_path.joinpath("spool").iterdir()) == []  # an anonymous file: nothing to leave behind
    prov = Provenance("t", created="20260101T000000Z")
    a = write_files(spool, tmp_path / "a", "d", ["tmx", "csv", "jsonl"], prov)
    b = write_files(records, tmp_path / "b", "d", ["tmx", "csv", "jsonl"], prov)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    spool.close()


# -- property-based: arbitrary text and bytes -----------------------------------------------------

@functools.cache
def _xliff_schema() -> etree.XMLSchema:
    from conftest import ROOT

    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(ROOT / "tests" / "data" / "xliff" / "xliff-core-1.2-strict.xsd"), parser))


TEXT = st.text(st.characters(codec="utf-8"), max_size=400) | st.lists(
    st.sampled_from(["Der", "Hund", ",", ".", " ", "\n", "\n\n", "z. B.", "„", "“", "Dr.", "1.", "?", "…",
                     "\u00a0", "\u202e", "\x00", "\x1b", "\r\n", "\t", "Straße", "AT&T", ";", " - "]),
    max_size=80).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_our_error(data: bytes) -> None:
    from translate.read import decode_as

    for fallback in ("", "cp850", "iso8859-1", "utf-16"):  # --encoding auto, or a code page named
        try:
            text, _ = decode_as(data, "x", fallback)
        except TranslateError:
            continue
        assert isinstance(text, str)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_any_text_goes_through_every_stage_and_every_writer(tmp_path: Path, text: str) -> None:
    from translate.flag import Stage, flag
    from translate.normalise import paragraphs
    from translate.pipeline import segment_source
    from translate.provenance import Provenance
    from translate.read import Source

    paragraphs(text)
    records = segment_source(Source("d", text))
    for r in records:
        assert r.source and r.src_start <= r.src_end
        r.target = r.source[::-1]
        r.confidence = 0.5
    flag(records, Stage.source, text)
    flag(records, Stage.translation)
    out = tmp_path / f"w{abs(hash(text)) % 10**9}"
    paths = write_files(records, out, "d", sorted(REGISTRY), Provenance("t", created="20260101T000000Z"))
    by_suffix = {p.suffix: p for p in paths}
    for xml in (".tmx", ".xlf", ".html"):  # XML parses back (the HTML page too, as HTML)
        parser = etree.HTMLParser() if xml == ".html" else etree.XMLParser(no_network=True, resolve_entities=False)
        etree.parse(str(by_suffix[xml]), parser)
    assert tmx.validate(by_suffix[".tmx"]) == []
    assert _xliff_schema().validate(etree.parse(str(by_suffix[".xlf"]))), _xliff_schema().error_log
    assert len(tmx.read(by_suffix[".tmx"])) == sum(bool(r.source and r.target) for r in records)
    with by_suffix[".csv"].open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(records)
    assert len(jsonl.read(by_suffix[".jsonl"])) == len(records)
    import openpyxl

    sheet = openpyxl.load_workbook(by_suffix[".xlsx"], read_only=True)["Segments"]
    assert sum(1 for _ in sheet.iter_rows()) == len(records) + 1
    for p in paths:
        if p.suffix != ".xlsx":
            body = p.read_text(encoding="utf-8")
            assert not any(ch in body for ch in UNSAFE), p.name
    shutil.rmtree(out)


MARKUP = st.lists(st.sampled_from(
    ["---\n", "+++\n", "title: ", "Titel", "[^1]", "[^1]: ", "<sup>", "</sup>", "<sup><a href='#n'>1</a></sup>",
     "<br>", "<figure>", "<figcaption>", "</figcaption>", "</figure>", "<p>", "</p>", "<blockquote>", "# ",
     "- ", "1. ", "| a | b |\n| --- | --- |\n", "Der Hund bellt.", "Die Katze schläft", "\n", "\n\n", ":", "\"",
     "<meta charset='latin1'>", "<h2>", "</h2>", "<span class='mw-editsection'>[x]</span>", "m<sup>2</sup>",
     "<img alt='Ein Bild' src='a.png'>", "<img src='b.png' alt=''>", "![Ein Bild](a.png)", "![](b.png 'Titel')",
     "![IMG_1.jpg](c.jpg)"]),
    max_size=60).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKUP, st.sampled_from(["md", "html"]))
def test_any_markup_gives_blocks_or_our_error(text: str, fmt: str) -> None:
    from translate.extract import blocks_of
    from translate.read import decode

    try:
        blocks = blocks_of(fmt, text.encode("utf-8"), decode, f"x.{fmt}")
    except TranslateError:
        return
    assert all(b.text and b.text == b.text.strip() and b.locator for b in blocks)
