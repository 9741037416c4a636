"""Writers only format: TMX round trip and validity, CSV quoting and Excel safety."""

from __future__ import annotations

import csv
from pathlib import Path

from translate.record import Flag, SegmentPair, Severity
from translate.writers import Meta, jsonl, tmx
from translate.writers import csv as csv_writer

META = Meta(tool_version="test", model="m@1+sha256:abc", settings="beam=4")


def records() -> list[SegmentPair]:
    return [
        SegmentPair("doc", 1, 1, "A & B <c> \"d\"", "A & B <c>\u00a0\"d\"", target="x\x00y\x1f & <z>",
                    confidence=0.5, flags=[Flag("continuation", Severity.warning, "a < b & c", 0, 3)]),
        SegmentPair("doc", 1, 2, "=SUMME(A1)", target="+1", align_type="1-2", align_score=0.9),
        SegmentPair("doc", 2, 1, "Zeile, mit \"Komma\"\nund Umbruch", target="line, with \"comma\""),
    ]


def test_tmx_round_trip_and_dtd(tmp_path: Path) -> None:
    path = tmp_path / "t.tmx"
    tmx.write(records(), path, META)
    assert tmx.validate(path) == []
    back = tmx.read(path)
    assert back[0].source == "A & B <c>\u00a0\"d\""
    assert back[0].target == "xy & <z>"  # XML-forbidden characters removed
    assert back[0].flags == [Flag("continuation", Severity.warning, "a < b & c", 0, 3)]
    assert back[1].align_type == "1-2" and back[1].align_score == 0.9
    assert [(r.paragraph, r.sentence) for r in back] == [(1, 1), (1, 2), (2, 1)]


def test_tmx_leaves_out_unaligned_when_asked(tmp_path: Path) -> None:
    recs = records() + [SegmentPair("doc", 3, 1, "nur Deutsch", align_type="1-0")]
    tmx.write(recs, tmp_path / "a.tmx", META, keep_unaligned=False)
    assert len(tmx.read(tmp_path / "a.tmx")) == 3
    assert tmx.validate(tmp_path / "a.tmx") == []


def test_csv_rfc4180(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    csv_writer.write(records(), path, META)
    raw = path.read_bytes()
    assert b"\r\n" in raw and not raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[2]["de"] == "Zeile, mit \"Komma\"\nund Umbruch"
    assert rows[0]["flag_codes"] == "continuation" and rows[0]["flag_severity"] == "warning"
    assert rows[1]["de"] == "=SUMME(A1)"  # plain CSV keeps data as is


def test_csv_excel(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    csv_writer.write(records(), path, META, excel=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert rows[1]["de"] == "'=SUMME(A1)" and rows[1]["en"] == "'+1"


def test_jsonl_round_trip(tmp_path: Path) -> None:
    jsonl.write(records(), tmp_path / "t.jsonl", META)
    assert jsonl.read(tmp_path / "t.jsonl") == records()
