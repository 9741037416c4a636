"""XLSX for reviewers and project managers (XlsxWriter in constant-memory mode: rows are written
to disk as they come, so memory stays flat for any corpus).

Sheet "Segments": document, paragraph, sentence, German, English, confidence, flags (codes),
reasons, where (the block's place in a structured document: "table 1 row 2 cell 1", "footnote 3",
"header"); a frozen header row with an autofilter, sensible widths, wrapped text; each row
coloured by its worst flag (error red, warning amber, info grey); the confidence a number with a
red-to-green colour scale. Every text cell is written as a string, so a sentence that looks like
a formula (``=SUMME(A1)``) stays text. Sheet "About": the provenance and the count per flag code.
The file's creation date is the provenance's, so the same input gives the same bytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import IO

from translate.provenance import TIME_FORMAT, Provenance
from translate.record import SegmentPair, Severity
from translate.writers.base import Format, WriteOptions

COLUMNS = [("document", 18), ("paragraph", 10), ("sentence", 9), ("German", 60), ("English", 60),
           ("confidence", 11), ("flags", 26), ("reasons", 60), ("where", 22)]
FILL = {Severity.error: "#F8CBAD", Severity.warning: "#FFE699", Severity.info: "#EDEDED"}
EXCEL_MAX_CELL = 32767  # characters Excel keeps in one cell


def _cell(text: str) -> str:
    return text if len(text) <= EXCEL_MAX_CELL else text[:EXCEL_MAX_CELL - 1] + "…"


def write(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance, opts: WriteOptions) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(outs[0], {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_numbers": False, "strings_to_urls": False})
    created = datetime.strptime(prov.stamp, TIME_FORMAT).replace(tzinfo=UTC)
    book.set_properties({"title": "translate: German → English", "author": "translate",
                         "comments": "; ".join(f"{k}={v}" for k, v in prov.fields().items()),
                         "created": created.replace(tzinfo=None)})
    wrap = {"text_wrap": True, "valign": "top"}
    head = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "valign": "top"})
    plain = book.add_format(wrap)
    number = book.add_format({**wrap, "num_format": "0.000"})
    shaded = {sev: (book.add_format({**wrap, "bg_color": color}),
                    book.add_format({**wrap, "bg_color": color, "num_format": "0.000"}))
              for sev, color in FILL.items()}
    sheet = book.add_worksheet("Segments")
    about = book.add_worksheet("About")
    for col, (title, width) in enumerate(COLUMNS):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, title, head)
    sheet.freeze_panes(1, 0)
    counts: Counter[str] = Counter()
    row = 0
    for r in records:
        row += 1
        text_fmt, num_fmt = shaded[r.worst] if r.worst is not None else (plain, number)
        cells = [r.document, None, None, r.source_original, r.target, None, " ".join(f.code for f in r.flags),
                 " | ".join(f.message for f in r.flags), r.locator]
        for col, value in enumerate(cells):
            if value is not None:
                sheet.write_string(row, col, _cell(value), text_fmt)
        sheet.write_number(row, 1, r.paragraph, text_fmt)
        sheet.write_number(row, 2, r.sentence, text_fmt)
        if r.confidence is not None:
            sheet.write_number(row, 5, r.confidence, num_fmt)
        else:
            sheet.write_blank(row, 5, None, num_fmt)
        counts.update(f.code for f in r.flags)
    sheet.autofilter(0, 0, max(row, 1), len(COLUMNS) - 1)
    if row:
        sheet.conditional_format(1, 5, row, 5, {"type": "3_color_scale", "min_type": "num", "min_value": 0,
                                                "mid_type": "num", "mid_value": 0.5, "max_type": "num",
                                                "max_value": 1, "min_color": "#F8696B", "mid_color": "#FFEB84",
                                                "max_color": "#63BE7B"})
    about.set_column(0, 0, 26)
    about.set_column(1, 1, 80)
    about.write_string(0, 0, "provenance", head)
    about.write_string(0, 1, "", head)
    k = 0
    for k, (key, value) in enumerate(prov.fields().items(), start=1):
        about.write_string(k, 0, key)
        about.write_string(k, 1, value)
    k += 2
    about.write_string(k, 0, "flag", head)
    about.write_string(k, 1, "segments", head)
    about.write_string(k + 1, 0, "(segments)")
    about.write_number(k + 1, 1, row)
    for j, (code, n) in enumerate(sorted(counts.items()), start=k + 2):
        about.write_string(j, 0, code)
        about.write_number(j, 1, n)
    book.close()


FORMAT = Format("xlsx", "Excel workbook: coloured by flag, filterable, confidence as a colour scale", (".xlsx",),
                write, fields=("document", "paragraph", "sentence", "source_original", "target", "confidence",
                               "flags"))
