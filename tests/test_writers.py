"""Writers only format: one contract over every registered format, then each format's own rules."""

from __future__ import annotations

import csv
import io
import json
from html import unescape
from pathlib import Path

import pytest
from lxml import etree

from translate.provenance import Provenance
from translate.record import Flag, SegmentPair, Severity
from translate.writers import REGISTRY, WriteOptions, jsonl, paths, tmx, units, write_files, write_stream

PROV = Provenance(tool_version="test", model="m@1+sha256:abc", model_sha256="abc" * 20, settings="beam=4",
                  rules="r1", created="20261130T120000Z")


def records() -> list[SegmentPair]:
    return [
        SegmentPair("doc", 1, 1, "A & B <c> \"d\"", "A & B <c>\u00a0\"d\"", target="x\x00y\x1f & <z>",
                    confidence=0.5, flags=[Flag("continuation", Severity.warning, "a < b & c", 0, 3)]),
        SegmentPair("doc", 1, 2, "=SUMME(A1)", target="+1", align_type="1-2", align_score=0.9),
        SegmentPair("doc", 2, 1, "Zeile, mit \"Komma\"\nund Umbruch", target="line, with \"comma\""),
        SegmentPair("doc", 3, 1, "nur Deutsch", align_type="1-0"),
        SegmentPair("doc", 0, 0, "", target="English only", align_type="0-1"),
    ]


def _text_of(path: Path) -> str:
    """The text a person sees in a written file (cells of a workbook, a page without its tags)."""
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        return " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c)
    raw = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".html":
        from lxml import html

        return html.fromstring(raw).text_content()
    return unescape(raw)


def _kept(name: str, opts: WriteOptions) -> list[SegmentPair]:
    return list(units(records(), REGISTRY[name], opts))


# -- the contract: every registered format ---------------------------------------------------

@pytest.mark.parametrize("name", sorted(REGISTRY))
@pytest.mark.parametrize("keep", [True, False])
def test_every_format_writes_its_files_with_every_kept_record(tmp_path: Path, name: str, keep: bool) -> None:
    fmt = REGISTRY[name]
    opts = WriteOptions(keep_unaligned=keep)
    written = write_files(records(), tmp_path, "out", [name], PROV, opts)
    assert written == paths(fmt, tmp_path, "out") and all(p.is_file() for p in written)
    assert not list(tmp_path.glob(".*.part")), "no temporary file is left behind"
    body = " ".join(_text_of(p) for p in written)
    kept = _kept(name, opts)
    if fmt.drops_one_sided == "always" or (fmt.drops_one_sided == "unaligned" and not keep):
        assert all(r.source and r.target for r in kept) and len(kept) == 3
    else:
        assert len(kept) == 5
    german = "source_original" if "source_original" in fmt.fields else "source"
    for r in kept:
        text = getattr(r, german)
        assert " ".join(text.split())[:10] in " ".join(body.split()), (name, text)
    assert "nur Deutsch" not in body or any(r.source == "nur Deutsch" for r in kept)


@pytest.mark.parametrize("name", sorted(n for n, f in REGISTRY.items() if f.stream))
def test_stream_formats_write_the_same_bytes_to_a_stream(tmp_path: Path, name: str) -> None:
    opts = WriteOptions(header=False)
    (path,) = write_files(records(), tmp_path, "out", [name], PROV, opts)
    buf = io.BytesIO()
    write_stream(records(), name, buf, PROV, opts)
    assert buf.getvalue() == path.read_bytes()


def test_a_failing_writer_leaves_no_file(tmp_path: Path) -> None:
    bad = records()
    bad[1] = "not a record"  # type: ignore[call-overload]
    for name in REGISTRY:
        with pytest.raises(AttributeError):
            write_files(bad, tmp_path, "out", [name], PROV)
    assert list(tmp_path.iterdir()) == []


# -- each format's own rules ----------------------------------------------------------------

def test_tmx_round_trip_and_dtd(tmp_path: Path) -> None:
    (path,) = write_files(records()[:3], tmp_path, "t", ["tmx"], PROV)
    assert tmx.validate(path) == []
    back = tmx.read(path)
    assert back[0].source == "A & B <c>\u00a0\"d\""
    assert back[0].target == "xy & <z>"  # XML-forbidden characters removed
    assert back[0].flags == [Flag("continuation", Severity.warning, "a < b & c", 0, 3)]
    assert back[1].align_type == "1-2" and back[1].align_score == 0.9
    assert [(r.paragraph, r.sentence) for r in back] == [(1, 1), (1, 2), (2, 1)]
    head = path.read_text(encoding="utf-8")
    for prop in ('type="x-model">m@1+sha256:abc', 'type="x-model-sha256">abcabc', 'type="x-rules">r1',
                 'type="x-settings">beam=4', 'creationdate="20261130T120000Z"'):
        assert prop in head
    # the machine translation (a unit with a confidence) says who made it; an aligned human one does not
    units = etree.parse(str(path)).getroot().iter("tu")
    assert [(tu.get("creationid"), tu.get("creationdate")) for tu in units] == [
        ("MT", "20261130T120000Z"), (None, None), (None, None)]


def test_tmx_leaves_out_unaligned_when_asked(tmp_path: Path) -> None:
    (path,) = write_files(records(), tmp_path, "a", ["tmx"], PROV, WriteOptions(keep_unaligned=False))
    assert len(tmx.read(path)) == 3
    assert tmx.validate(path) == []
    (kept,) = write_files(records(), tmp_path, "b", ["tmx"], PROV, WriteOptions(keep_unaligned=True))
    assert len(tmx.read(kept)) == 5 and tmx.validate(kept) == []


def test_csv_rfc4180(tmp_path: Path) -> None:
    (path,) = write_files(records(), tmp_path, "t", ["csv"], PROV)
    raw = path.read_bytes()
    assert b"\r\n" in raw and not raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[2]["de"] == "Zeile, mit \"Komma\"\nund Umbruch"
    assert rows[0]["flag_codes"] == "continuation" and rows[0]["flag_severity"] == "warning"
    assert rows[1]["de"] == "=SUMME(A1)"  # plain CSV keeps data as is
    assert rows[4]["de"] == "" and rows[4]["en"] == "English only"  # CSV keeps unaligned links


def test_csv_excel(tmp_path: Path) -> None:
    (path,) = write_files(records(), tmp_path, "x", ["csv"], PROV, WriteOptions(excel=True))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert rows[1]["de"] == "'=SUMME(A1)" and rows[1]["en"] == "'+1"


def test_jsonl_round_trip_and_signature(tmp_path: Path) -> None:
    (path,) = write_files(records(), tmp_path, "t", ["jsonl"], PROV)
    assert jsonl.read(path) == _kept("jsonl", WriteOptions())  # every field, the German filled in once
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert first == {"signature": PROV.fields()}
    assert first["signature"]["rules"] == "r1" and first["signature"]["created"] == "20261130T120000Z"


def test_moses_lines_pair_up(tmp_path: Path) -> None:
    de, en = write_files(records(), tmp_path, "m", ["moses"], PROV)
    assert (de.name, en.name) == ("m.de", "m.en")
    de_lines, en_lines = de.read_text().splitlines(), en.read_text().splitlines()
    assert len(de_lines) == len(en_lines) == 3
    assert de_lines[2] == 'Zeile, mit "Komma" und Umbruch'  # one line, normalised
