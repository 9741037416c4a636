"""Articles in the formats they come in: HTML, Markdown, DOCX, ODT. Structure kept, markup never
translated, every unit pointing to its block; bad files are one line, or one failed document."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURE_MODEL, ROOT, SAMPLE, gold_rows
from translate.cli import app
from translate.errors import InputError
from translate.pipeline import segment_source
from translate.read import read_document
from translate.writers import jsonl, tmx

runner = CliRunner()
DATA = ROOT / "tests" / "data" / "formats"
MARKUP = ("<", ">", "&amp;", "&lt;", "**", "```", "`", "](", "http", "#", "|", "{")

EXPECTED = {
    "news.html": [
        ("title", "Bahn streikt am Montag"),
        ("paragraph", "Die Gewerkschaft hat für Montag einen bundesweiten Streik angekündigt."),
        ("paragraph", "Reisende müssen mit Ausfällen rechnen."),
        ("alt-text", "Bahnsteig"),  # the image's description, where the image stands
        ("caption", "Ein leerer Bahnsteig in Köln."),  # a figure's caption (trafilatura drops figures)
        ("paragraph", "Betroffen sind vor allem der Fernverkehr und die S-Bahnen in Berlin & München."),  # no mark
        ("paragraph", "Die Bahn rät, Reisen zu verschieben."),  # <br> a space
        ("paragraph", "„Wir sehen keinen anderen Weg“, sagte der Vorsitzende."),  # once, not again as the quote
        ("heading", "Was Fahrgäste wissen müssen"),
        ("list-item", "Fahrkarten behalten ihre Gültigkeit."),
        ("list-item", "Sitzplatzreservierungen können kostenlos storniert werden."),
        ("table-cell", "Region"), ("table-cell", "Ausfälle"), ("table-cell", "Berlin"), ("table-cell", "80 Prozent"),
        ("paragraph", "Der Streik soll am Dienstagmorgen um 6 Uhr enden."),
        ("paragraph", "Die Halle misst 400 m²."),  # a superscript that is no footnote mark stays
    ],
    "post.md": [  # the front matter's title and description; its date and tags stay out
        ("title", "Ein Wochenende in Hamburg"),  # the same first heading is not said twice
        ("summary", "Zwei Tage an der Elbe, mit Hafen und Konzerthaus."),
        ("paragraph", "Am Samstag sind wir mit dem Zug nach Hamburg gefahren."),
        ("paragraph", "Die Fahrt dauerte knapp zwei Stunden."),
        ("heading", "Was wir gesehen haben"),
        ("list-item", "Die Elbphilharmonie war beeindruckend."),
        ("list-item", "Im Hafen haben wir eine Rundfahrt gemacht."),
        ("alt-text", "Blick vom Plaza auf die Elbe"),  # the second image's "IMG_0412" is a file name: out
        ("paragraph", "Für die Fotos habe ich exiftool benutzt."),
        ("paragraph", "Das Skript sieht so aus:"),
        ("table-cell", "Tag"), ("table-cell", "Ausgaben"), ("table-cell", "Samstag"), ("table-cell", "120 Euro"),
        ("paragraph", "Nächstes Jahr fahren wir wieder hin."),
        ("footnote", "Mit dem ICE ab Berlin."),  # after the text; its mark not in the sentence
    ],
    "report.docx": [
        ("title", "Jahresbericht der Stiftung"),
        ("paragraph", "Ein gutes Jahr für die Stiftung."),  # inside a content control (w:sdt)
        ("paragraph", "Die Stiftung hat im vergangenen Jahr zwölf Projekte gefördert."),
        ("paragraph", "Drei davon sind abgeschlossen."),
        ("heading", "Projekte"),
        ("list-item", "Sprachkurse für Erwachsene"),
        ("list-item", "Lesepaten an Grundschulen"),
        ("alt-text", "Kinder lesen in der Bibliothek"),  # a picture's alt text (wp:docPr's descr)
        ("table-cell", "Projekt"), ("table-cell", "Förderung"), ("table-cell", "Sprachkurse"),
        ("table-cell", "40.000 Euro"),
        ("paragraph", "Die neue Studie wird im Herbst veröffentlicht."),  # insertion kept, deletion and comment out
        ("footnote", "Davon zwei in Sachsen."),  # word/footnotes.xml, cited in the first paragraph
        ("header", "Stiftung für Bildung – Jahresbericht"),  # word/header1.xml, after everything else
        ("footer", "Vertraulich: nur für den Vorstand"),  # its other paragraph, the page number alone, left out
    ],
    "report.odt": [
        ("heading", "Bericht aus dem Rathaus"),
        ("paragraph", "Der Gemeinderat hat am Donnerstag den Haushalt einstimmig beschlossen."),
        ("paragraph", "Die Sitzung dauerte vier Stunden."),  # the annotation is left out
        ("text-box", "Abstimmung: 21 Ja-Stimmen, keine Gegenstimme."),  # anchored in that paragraph, not inside it
        ("alt-text", "Das Rathaus am Marktplatz"),  # a picture's description (svg:desc)
        ("heading", "Beschlüsse"),
        ("list-item", "Die Schwimmhalle wird saniert."),
        ("list-item", "Der Radweg wird verlängert."),
        ("table-cell", "Vorhaben"), ("table-cell", "Kosten"), ("table-cell", "Schwimmhalle"),
        ("table-cell", "2 Millionen Euro"),
        ("paragraph", "Die nächste Sitzung findet im März statt."),
        ("footnote", "Der Termin steht noch nicht fest."),  # the note's text out of the sentence that cites it
        ("header", "Gemeinde Beispielstadt – Protokoll"),  # styles.xml's master page; its footer is a page number
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_segments_of_each_format_equal_the_expected_list(name: str) -> None:
    records = segment_source(read_document(DATA / name))
    assert [(r.block, r.source) for r in records] == EXPECTED[name]
    assert all(r.locator for r in records)
    for r in records:
        assert not any(m in r.source for m in MARKUP), r.source
    source = read_document(DATA / name)
    for r in records:  # offsets point into the extracted text
        assert source.text[r.src_start:r.src_end].replace("\n", " ").strip() == r.source_original


@pytest.mark.parametrize("name", ["huawei-att.html", "huawei-att.md", "huawei-att.docx"])
def test_the_sample_article_in_any_format_gives_the_gold_sentences(name: str) -> None:
    records = segment_source(read_document(DATA / name))
    assert [r.source for r in records] == [g["de"] for g in gold_rows()]


@pytest.mark.parametrize("name", ["huawei-att.html", "huawei-att.md", "huawei-att.docx"])
def test_the_sample_article_in_any_format_is_flagged_as_the_text(name: str) -> None:
    def flagged(path: Path) -> list[int]:
        out = runner.invoke(app, ["check", str(path), "-f", "tsv"])
        assert out.exit_code == 0, out.output
        return [k for k, line in enumerate(out.stdout.splitlines()) if line.split("\t")[4] in ("warning", "error")]

    assert flagged(DATA / name) == flagged(SAMPLE)


def test_headings_and_cells_are_no_fragments() -> None:
    from translate.pipeline import prepare

    records = prepare(read_document(DATA / "post.md"))
    for r in records:
        if r.block in ("heading", "list-item", "table-cell"):
            assert not r.flagged(), (r.source, r.flags)


def test_translated_units_carry_block_and_locator(tmp_path: Path) -> None:
    result = runner.invoke(app, ["article", str(DATA / "news.html"), "-m", str(FIXTURE_MODEL), "-o", str(tmp_path),
                                 "--format", "tmx,jsonl,xlsx"])
    assert result.exit_code == 0, result.output
    units = jsonl.read(tmp_path / "news.jsonl")
    assert [(u.block, u.source) for u in units] == EXPECTED["news.html"]
    assert units[3].locator == "img #1" and units[8].locator == "h2 #2" and units[10].locator.startswith("li")
    for u in units:
        assert not any(m in u.target for m in ("<", "&amp;", "**", "```")), u.target
    assert tmx.validate(tmp_path / "news.tmx") == []
    text = (tmp_path / "news.tmx").read_text(encoding="utf-8")
    assert '<prop type="x-block">table-cell</prop>' in text and '<prop type="x-locator">h1 #1</prop>' in text
    import openpyxl

    rows = list(openpyxl.load_workbook(tmp_path / "news.xlsx")["Segments"].iter_rows(values_only=True))
    assert rows[0][-1] == "where" and [r[-1] for r in rows[1:]] == [u.locator for u in units]


def test_the_check_report_places_what_is_not_running_text() -> None:
    report = runner.invoke(app, ["check", str(DATA / "report.docx")]).stdout.splitlines()
    assert "  3.1  Die Stiftung hat im vergangenen Jahr zwölf Projekte gefördert." in report  # running text as it is
    assert "  10.1  Sprachkurse  [table 1 row 2 cell 1]" in report
    assert "  13.1  Davon zwei in Sachsen.  [footnote 1]" in report
    assert "  15.1  Vertraulich: nur für den Vorstand  [footer]" in report
    sentences = [ln for ln in runner.invoke(app, ["check", str(SAMPLE)]).stdout.splitlines() if ln[:3].strip()
                 or ln[2:3].isdigit()]  # not the flags under them
    assert len(sentences) == 15 and not any("[" in line for line in sentences)


def bad_files(folder: Path) -> dict[str, str]:
    """name → the words its one-line error must hold."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "empty-page.html").write_text("<html><body><nav><a href='/'>Start</a></nav></body></html>",
                                           encoding="utf-8")
    (folder / "corrupt.docx").write_bytes((DATA / "report.docx").read_bytes()[:3000])
    (folder / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    (folder / "text.odt").write_text("Das ist kein ODT.", encoding="utf-8")
    return {"binary.html": "not valid UTF-8", "empty-page.html": "no article text", "corrupt.docx": "DOCX",
            "locked.docx": "password-protected", "text.odt": "not an ODT file"}


def test_bad_files_are_one_line_each(tmp_path: Path) -> None:
    for name, words in bad_files(tmp_path / "bad").items():
        out = runner.invoke(app, ["check", str(tmp_path / "bad" / name)])
        lines = [ln for ln in out.output.splitlines() if ln.strip()]
        assert out.exit_code == 1 and len(lines) == 1 and lines[0].startswith("error: "), (name, out.output)
        assert words in lines[0], (name, lines[0])


def test_batch_reads_the_files_that_are_not_utf8_in_the_code_page_named(tmp_path: Path) -> None:
    src, text = tmp_path / "in", SAMPLE.read_text(encoding="utf-8").replace("–", "-")  # cp850 has no dash
    src.mkdir()
    (src / "a.txt").write_text(text, encoding="utf-8")
    (src / "dos.txt").write_bytes(text.encode("cp850"))
    args = ["batch", str(src), "-m", str(FIXTURE_MODEL), "--progress", "none", "--format", "jsonl"]
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "auto")])
    assert result.exit_code == 3 and "dos.txt" in (tmp_path / "auto" / "failed.tsv").read_text(encoding="utf-8")
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "auto"), "--encoding", "cp850"])  # the rerun
    assert result.exit_code == 0, result.output  # not a setting of the job: it reads only what failed
    assert "1 done in this run, 1 done before" in result.stdout and "note:" not in result.stderr
    units = jsonl.read(tmp_path / "auto" / "corpus.jsonl")
    assert [u.source for u in units if u.document == "dos.txt"] == [u.source for u in units if u.document == "a.txt"]
    assert any("ß" in u.source for u in units if u.document == "dos.txt")


def test_batch_on_a_mixed_folder_gives_one_corpus(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "a.txt")
    (src / "legacy.txt").write_bytes(SAMPLE.read_text(encoding="utf-8").encode("cp1252"))  # a Windows editor's
    for name in ("news.html", "post.md", "report.docx", "report.odt"):
        shutil.copy(DATA / name, src / name.replace("report", f"report-{name[-4:].strip('.')}"))
    bad = bad_files(src / "bad")
    result = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "out"), "-m", str(FIXTURE_MODEL),
                                 "--progress", "none", "--format", "jsonl,tmx"])
    assert result.exit_code == 3, result.output  # the bad files failed, the rest is done
    assert "note: 1 not UTF-8, read as windows-1252: legacy.txt" in result.stderr
    units = jsonl.read(tmp_path / "out" / "corpus.jsonl")
    docs = sorted({u.document for u in units})
    assert docs == ["a.txt", "legacy.txt", "news.html", "post.md", "report-docx.docx", "report-odt.odt"]
    assert [u.source for u in units if u.document == "legacy.txt"] == [u.source for u in units
                                                                        if u.document == "a.txt"]
    failed = (tmp_path / "out" / "failed.tsv").read_text(encoding="utf-8")
    for name, words in bad.items():
        assert f"bad/{name}" in failed and words in failed, name
    assert len(units) == 2 * 15 + sum(len(v) for v in EXPECTED.values())


def test_html_without_the_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from translate.extract import html_blocks

    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(InputError) as err:
        html_blocks("<p>Hallo</p>", "x.html")
    assert "pip install" in err.value.one_line() and "html" in err.value.one_line()


def test_input_format_overrides_the_extension(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    shutil.copy(DATA / "news.html", page)
    as_text = segment_source(read_document(page))
    as_html = segment_source(read_document(page, input_format="html"))
    assert any("<" in r.source for r in as_text) and [r.source for r in as_html][0] == "Bahn streikt am Montag"
    out = runner.invoke(app, ["segment", str(page), "--input-format", "html"])
    assert out.exit_code == 0 and out.output.startswith("Bahn streikt am Montag")
    assert runner.invoke(app, ["segment", str(page), "--input-format", "pdf"]).exit_code == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("+++\ntitle = 'Neue Räder'\ndraft = true\n+++\nDer Text beginnt hier.\n",  # Hugo's TOML
     [("title", "Neue Räder", "front matter: title"), ("paragraph", "Der Text beginnt hier.", "line 5")]),
    ("---\nDer Text beginnt nach einer Linie.\n\n---\nUnd geht weiter.\n",  # a thematic break, no YAML mapping
     [("paragraph", "Der Text beginnt nach einer Linie.", "line 2"), ("paragraph", "Und geht weiter.", "line 5")]),
    ("---\ntitle: [kaputt\n---\nText.\n",  # YAML that does not parse: CommonMark's reading stays
     [("heading", "title: [kaputt", "line 2"), ("paragraph", "Text.", "line 4")]),
    ("---\nlayout: post\ntags: [a, b]\n---\nNur der Text.\n",  # metadata only: nothing of it translated
     [("paragraph", "Nur der Text.", "line 5")]),
    ("Zwölf Millionen Euro.<br>Mehr als geplant.\n",  # no front matter; inline HTML's <br> a space
     [("paragraph", "Zwölf Millionen Euro. Mehr als geplant.", "line 1")]),
])
def test_markdown_front_matter_and_inline_breaks(text: str, expected: list[tuple[str, str, str]]) -> None:
    from translate.extract import markdown_blocks

    assert [(b.kind, b.text, b.locator) for b in markdown_blocks(text, "x.md")] == expected


def test_documents_saved_by_libreoffice_writer_give_the_same_blocks(tmp_path: Path) -> None:
    """A real word processor's files, footnotes and text boxes included: report.docx opened in
    LibreOffice Writer and saved as ODT, and that ODT saved as DOCX, give the blocks report.docx
    gives; report.odt saved as DOCX (its text box as Word writes one: a drawing and a VML copy of
    it for older readers) gives the blocks report.odt gives, its heading and list by Word's styles."""
    import subprocess

    if not shutil.which("soffice") or not list(Path("/usr/lib/libreoffice/program").glob("libswlo.so")):
        pytest.skip("LibreOffice Writer not installed (.ci/run installs libreoffice-writer-nogui)")
    profile = tmp_path / "profile"

    def convert(path: Path, fmt: str, out: Path) -> Path:
        proc = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                               "--outdir", str(out), str(path)], capture_output=True, text=True, timeout=180)
        assert proc.returncode == 0, proc.stderr
        return out / f"{path.stem}.{fmt}"

    odt = convert(DATA / "report.docx", "odt", tmp_path / "odt")
    docx = convert(odt, "docx", tmp_path / "docx")
    for path in (odt, docx):
        records = segment_source(read_document(path))
        assert [(r.block, r.source) for r in records] == EXPECTED["report.docx"], path
        assert [r.locator for r in records if r.block in ("footnote", "header")] == ["footnote 1", "header"]
    records = segment_source(read_document(convert(DATA / "report.odt", "docx", tmp_path / "from-odt")))
    assert [(r.block, r.source) for r in records] == EXPECTED["report.odt"]


def test_a_table_inside_a_table_cell_is_read(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Außen links"
    inner = outer.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Innen"
    doc.save(tmp_path / "nested.docx")
    records = segment_source(read_document(tmp_path / "nested.docx"))
    assert [(r.source, r.locator) for r in records] == [
        ("Außen links", "table 1 row 1 cell 1"), ("Innen", "table 1 row 1 cell 2 table 1 row 1 cell 1")]


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    p = doc.add_paragraph("Der Rat tagt am Montag.")
    p.add_run(" [Hier den Ort eintragen.]").font.hidden = True  # a template's instruction
    shown = p.add_run(" Die Sitzung ist öffentlich.")
    shown.font.hidden = False  # w:vanish w:val="0": shown
    doc.add_paragraph("Nur für die Redaktion.").runs[0].font.hidden = True
    doc.save(tmp_path / "hidden.docx")
    assert [b.text for b in read_document(tmp_path / "hidden.docx").blocks] == [
        "Der Rat tagt am Montag. Die Sitzung ist öffentlich."]

    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import P, Span

    odt = OpenDocumentText()  # ODT's hidden text, as LibreOffice writes Word's: a text style that displays none
    style = Style(name="T1", family="text")
    style.addElement(TextProperties(attributes={"display": "none"}))
    odt.automaticstyles.addElement(style)
    para = P(text="Der Rat tagt am Montag.")
    para.addElement(Span(stylename=style, text=" [Hier den Ort eintragen.]"))
    odt.text.addElement(para)
    odt.save(str(tmp_path / "hidden.odt"))
    assert [b.text for b in read_document(tmp_path / "hidden.odt").blocks] == ["Der Rat tagt am Montag."]


def test_headers_and_footers_of_every_section_are_read_once(tmp_path: Path) -> None:
    import docx
    from docx.enum.section import WD_SECTION

    from translate.pipeline import check_document

    doc = docx.Document()
    doc.add_paragraph("Der erste Teil ist kurz.")
    first = doc.sections[0]
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = "Entwurf vom 3. Mai"
    first.header.paragraphs[0].text = "Bericht der Kommission"
    cells = first.footer.add_table(rows=1, cols=2, width=first.page_width).rows[0].cells
    cells[0].text, cells[1].text = "Kommission für Verkehr", "- 2 -"  # a letterhead's table; a page number
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.add_paragraph("Der zweite Teil folgt.")
    second = doc.sections[1]
    second.header.is_linked_to_previous = False  # a part of its own: the same line, and a new one
    second.header.paragraphs[0].text = "Bericht der Kommission"
    second.header.add_paragraph("Anhang")
    doc.save(tmp_path / "sections.docx")
    records = segment_source(read_document(tmp_path / "sections.docx"))
    assert [(r.block, r.source, r.locator) for r in records[2:]] == [
        ("header", "Bericht der Kommission", "header"), ("header", "Entwurf vom 3. Mai", "first-page header"),
        ("footer", "Kommission für Verkehr", "footer"), ("header", "Anhang", "section 2 header")]
    flagged = [r for r in check_document(read_document(tmp_path / "sections.docx")) if r.flags]
    assert flagged == []  # a header is no fragment


@pytest.mark.parametrize(("paragraph", "text"), [
    ('Die Brücke wurde eröffnet.<sup><a href="#fn1">1</a></sup> Viele kamen.',
     "Die Brücke wurde eröffnet. Viele kamen."),
    ('Die Brücke wurde eröffnet.<sup class="reference">[2]</sup> Viele kamen.',
     "Die Brücke wurde eröffnet. Viele kamen."),  # Wikipedia's marks
    ("Die Brücke wurde eröffnet.<sup>3</sup> Viele kamen.", "Die Brücke wurde eröffnet. Viele kamen."),
    ("Die Halle misst 400 m<sup>2</sup> und ist neu.", "Die Halle misst 400 m² und ist neu."),
    ("Die Kosten lagen bei 12 Millionen Euro.<br>Das ist mehr als geplant.",
     "Die Kosten lagen bei 12 Millionen Euro. Das ist mehr als geplant."),
])
def test_html_footnote_marks_superscripts_and_line_breaks(paragraph: str, text: str) -> None:
    from translate.extract import html_blocks

    page = (f"<html><body><article><h1>Die neue Brücke</h1><p>{paragraph}</p><p>Der Bürgermeister "
            "sprach am Samstag vor vielen Gästen über die lange Bauzeit.</p></article></body></html>")
    assert [b.text for b in html_blocks(page, "x.html")][1] == text


def test_html_a_browser_never_shows_is_not_read() -> None:
    """``hidden``, an inline ``display: none``/``visibility: hidden`` and ``<template>`` are left out
    whichever of trafilatura's extractors wins; ``hidden="until-found"`` (a reader's search opens
    it) is text."""
    from translate.extract import html_blocks

    body = "".join(f"<p>Der Absatz {i} erzählt von der Stadt und ihren Menschen, die dort seit Jahren leben.</p>"
                   for i in range(6))
    hidden = ('<div hidden><p>Ein Absatz in einem verborgenen Element.</p></div>'
              '<p style="color: red; display:none">Ein Absatz, den CSS verbirgt.</p>'
              '<template><p>Eine Vorlage, die nie angezeigt wird.</p></template>'
              '<p>Ein Satz mit <span style="visibility: hidden">unsichtbaren </span>Wörtern.</p>'
              '<details><summary>Mehr</summary><p hidden="until-found">Ein Absatz, den die Suche öffnet.</p></details>')
    for page in (f"<html><body><article><h1>Die Stadt</h1>{body}{hidden}</article></body></html>",
                 f"<html><body><h1>Die Stadt</h1><p>Ein kurzer Text.</p>{hidden}</body></html>"):
        texts = " ".join(b.text for b in html_blocks(page, "x.html"))
        assert "verborgen" not in texts and "CSS" not in texts and "Vorlage" not in texts, texts
        assert "Ein Satz mit Wörtern." in texts and "Ein Absatz, den die Suche öffnet." in texts


def test_a_wikipedia_page_gives_its_text_without_edit_links_or_note_marks() -> None:
    from translate.extract import html_blocks

    page = """<html lang="de"><body><main><h1>Köln</h1><div class="mw-parser-output">
<p><b>Köln</b> ist die größte Stadt Nordrhein-Westfalens.<sup id="cite_ref-1" class="reference"><a
 href="#cite_note-1">[1]</a></sup> Sie liegt am Rhein und wurde von den Römern gegründet.</p>
<h2><span class="mw-headline">Geschichte</span><span class="mw-editsection"><span
 class="mw-editsection-bracket">[</span><a href="/w/index.php?action=edit&amp;section=1">Bearbeiten</a><span
 class="mw-editsection-bracket">]</span></span></h2>
<p>Die Stadt wurde von den Römern gegründet. Der Dom wurde 1880 fertiggestellt.</p>
<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">↑</a></span>
 <span class="reference-text">Statistisches Landesamt, 2023.</span></li></ol></div></main></body></html>"""
    assert [b.text for b in html_blocks(page, "koeln.html")] == [
        "Köln",
        "Köln ist die größte Stadt Nordrhein-Westfalens. Sie liegt am Rhein und wurde von den Römern gegründet.",
        "Geschichte", "Die Stadt wurde von den Römern gegründet. Der Dom wurde 1880 fertiggestellt.",
        "Statistisches Landesamt, 2023."]


def test_word_hyphens_tabs_and_breaks(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = docx.Document()
    p = doc.add_paragraph()
    p._p.append(parse_xml(  # as Word writes a non-breaking hyphen (Ctrl+Shift+-), a soft one, a tab, a break
        f'<w:r {nsdecls("w")}><w:t>Die S</w:t><w:noBreakHyphen/><w:t>Bahn fährt nach Fern</w:t><w:softHyphen/>'
        '<w:t>verkehrs</w:t><w:tab/><w:t>plan.</w:t><w:br/><w:t>Neue Zeile.</w:t></w:r>'))
    doc.save(tmp_path / "hyphen.docx")
    records = segment_source(read_document(tmp_path / "hyphen.docx"))
    assert [r.source for r in records] == ["Die S-Bahn fährt nach Fernverkehrs plan.", "Neue Zeile."]


@pytest.mark.parametrize("declaration", ['<meta charset="iso-8859-1">', "<meta http-equiv='Content-Type' "
                                         "content='text/html; charset=windows-1252'>"])
def test_a_page_in_the_character_set_it_declares(tmp_path: Path, declaration: str) -> None:
    page = (f"<html lang='de'><head>{declaration}<title>Köln</title></head><body><article><h1>Grüße aus Köln</h1>"
            "<p>„Die Straßenbahn fährt heute nicht“, teilte die Stadt am Montag mit – das betrifft viele.</p>"
            "</article></body></html>")
    path = tmp_path / "alt.html"
    path.write_bytes(page.encode("cp1252"))  # an older German site: „ “ – are windows-1252's, not Latin-1's
    assert [b.text for b in read_document(path).blocks][1] == (
        "„Die Straßenbahn fährt heute nicht“, teilte die Stadt am Montag mit – das betrifft viele.")
    path.write_bytes(page.replace(declaration, '<meta charset="x-unheard-of">').encode("cp1252"))
    with pytest.raises(InputError, match="declares a character set Python does not know"):
        read_document(path)


def test_a_package_that_unpacks_to_too_much_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    import translate.extract

    monkeypatch.setattr(translate.extract, "MAX_UNPACKED", 2 << 20)  # 1 GB in use: a small bomb stands in
    bomb = tmp_path / "bomb.docx"
    shutil.copy(DATA / "report.docx", bomb)
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/padding.bin", b"\0" * (3 << 20))  # a few KB packed
    assert bomb.stat().st_size < 100_000
    out = runner.invoke(app, ["check", str(bomb)])
    assert out.exit_code == 1 and out.output.startswith("error: "), out.output
    assert "unpacks to 4 MB (the limit is 2 MB)" in out.output


def test_word_tracked_moves_count_once(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = docx.Document()
    p = doc.add_paragraph()
    for xml in ('<w:moveFrom w:id="1" w:author="L" w:date="2026-01-01T00:00:00Z"><w:r><w:t>Heute </w:t></w:r>'
                '</w:moveFrom>', '<w:r><w:t>fährt die Bahn </w:t></w:r>',
                '<w:moveTo w:id="2" w:author="L" w:date="2026-01-01T00:00:00Z"><w:r><w:t>heute </w:t></w:r></w:moveTo>',
                '<w:r><w:t>nicht.</w:t></w:r>'):  # "Heute" moved after the verb, as Word tracks a move
        p._p.append(parse_xml(xml.replace(">", f" {nsdecls('w')}>", 1)))
    doc.save(tmp_path / "moved.docx")
    assert [r.source for r in segment_source(read_document(tmp_path / "moved.docx"))] == [
        "fährt die Bahn heute nicht."]
