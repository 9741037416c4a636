"""Deliverables a translator works in, each opened by a real client: XLIFF against the OASIS
strict schema, XLSX read back by openpyxl and converted by LibreOffice, the HTML review page in
headless Chromium, the OmegaT project translated by OmegaT 3.6 in console mode.

`.ci/run` installs Chromium, chromedriver, LibreOffice Calc and OmegaT; a test that needs one
of them is skipped, with the reason, only where it is not installed."""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from conftest import FIXTURE_MODEL, ROOT, SAMPLE, gold_rows
from translate.cli import app
from translate.provenance import Provenance
from translate.record import SegmentPair
from translate.writers import tmx, write_files

runner = CliRunner()
XSD = ROOT / "tests" / "data" / "xliff" / "xliff-core-1.2-strict.xsd"
ALL = "tmx,csv,xliff,xlsx,html,omegat"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("deliverables")
    env = {"XDG_CACHE_HOME": str(folder / "cache")}
    result = runner.invoke(app, ["article", str(SAMPLE), "-m", str(FIXTURE_MODEL), "-o", str(folder / "out"),
                                 "--format", ALL, "--created", "2026-11-30T12:00:00Z"], env=env)
    assert result.exit_code == 0, result.output
    return folder / "out"


def english() -> list[str]:
    return [g["en_reference"] for g in gold_rows()]


def need(*programs: str) -> None:
    missing = [p for p in programs if not shutil.which(p)]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (.ci/run installs it with apt-get)")


# -- XLIFF -----------------------------------------------------------------------------------------

def xliff_errors(path: Path) -> list[str]:
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(etree.parse(str(XSD), parser))
    ok = schema.validate(etree.parse(str(path), parser))
    return [] if ok else [f"{e.line}: {e.message}" for e in schema.error_log]


def test_xliff_is_valid_strict_12_with_the_machine_translation_as_target(out: Path) -> None:
    path = out / "huawei-att.xlf"
    assert xliff_errors(path) == []
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    root = etree.parse(str(path)).getroot()
    (file_,) = root.findall("x:file", ns)
    assert (file_.get("source-language"), file_.get("target-language"), file_.get("original")) == \
        ("de", "en", "huawei-att")
    units = root.findall(".//x:trans-unit", ns)
    assert len(units) == 15 and len(root.findall(".//x:group", ns)) == 6
    assert [u.findtext("x:target", namespaces=ns) for u in units] == english()
    target = units[0].find("x:target", ns)
    assert (target.get("state"), target.get("state-qualifier")) == ("needs-review-translation", "mt-suggestion")
    notes = [n.text for n in units[5].findall("x:note", ns)]
    assert any("name-as-common-noun" in n for n in notes) and any(n.startswith("confidence") for n in notes)
    assert {n.get("priority") for n in units[7].findall("x:note", ns)} >= {"1"}  # an error
    assert "translate-de_en-fixture" in etree.tostring(file_.find("x:header", ns), encoding="unicode")


def test_xliff_units_without_a_translation_have_no_target(tmp_path: Path) -> None:
    from translate.record import Flag, Severity

    doubt = Flag("weak-link", Severity.warning, "the two sides share little")
    recs = [SegmentPair("d", 1, 1, "Ein Satz.", "Ein Satz.", target="A sentence.", align_type="1-1"),
            SegmentPair("d", 1, 2, "Nur Deutsch.", "Nur Deutsch.", align_type="1-0"),
            SegmentPair("d", 2, 1, "Noch ein Satz.", "Noch ein Satz.", target="Other.", align_type="1-1",
                        flags=[doubt]),
            SegmentPair("e", 0, 0, "", "", target="English only.", align_type="0-1")]
    (path,) = write_files(recs, tmp_path, "a", ["xliff"], Provenance("t", created="20260101T000000Z"))
    assert xliff_errors(path) == []
    text = path.read_text(encoding="utf-8")
    assert text.count("<target") == 2 and text.count("<file ") == 2  # one <file> per document
    # a translator's English (aligned) is translated, unless its link is in doubt; no "mt-suggestion"
    states = [(t.get("state"), t.get("state-qualifier")) for t in etree.parse(str(path)).getroot().iter("{*}target")]
    assert states == [("translated", None), ("needs-review-translation", None)]


def test_xliff_groups_of_a_structured_document_say_where_they_are(tmp_path: Path) -> None:
    result = runner.invoke(app, ["article", str(ROOT / "tests" / "data" / "formats" / "report.docx"), "-m",
                                 str(FIXTURE_MODEL), "-o", str(tmp_path), "--format", "xliff"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "report.xlf"
    assert xliff_errors(path) == []
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    names = [g.get("resname") for g in etree.parse(str(path)).getroot().findall(".//x:group", ns)]
    assert names[:3] == ["paragraph 1", "paragraph 2", "paragraph 3"]  # the title, the content control's, …
    assert "table 1 row 2 cell 2" in names and names[-3:] == ["footnote 1", "header", "footer"]


# -- XLSX ------------------------------------------------------------------------------------------

def test_xlsx_reads_back_with_openpyxl(out: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(out / "huawei-att.xlsx")
    sheet = book["Segments"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("document", "paragraph", "sentence", "German", "English", "confidence", "flags", "reasons",
                       "where")
    assert [r[4] for r in rows[1:]] == english()
    assert [r[3].replace("\u00a0", " ") for r in rows[1:]] == [g["de"] for g in gold_rows()]
    assert all(isinstance(r[5], float) for r in rows[1:])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I16"
    assert sheet["A7"].fill.fgColor.rgb.endswith("F8CBAD")  # row 6 has an error flag: red
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["name-as-common-noun"] == 2 and about["(segments)"] == 15 and about["rules"]


def test_xlsx_keeps_formula_like_cells_as_text(tmp_path: Path) -> None:
    import openpyxl

    recs = [SegmentPair("d", 1, 1, "=SUMME(A1:A9)", "=SUMME(A1:A9)", target="+1+2", confidence=0.5),
            SegmentPair("d", 1, 2, "@cmd", "@cmd", target="-3", confidence=0.7)]
    (path,) = write_files(recs, tmp_path, "f", ["xlsx"], Provenance("t", created="20260101T000000Z"))
    sheet = openpyxl.load_workbook(path)["Segments"]
    for ref, value in (("D2", "=SUMME(A1:A9)"), ("E2", "+1+2"), ("E3", "-3")):
        assert sheet[ref].value == value and sheet[ref].data_type == "s", ref


def test_xlsx_converted_by_libreoffice_gives_the_same_rows(out: Path, tmp_path: Path) -> None:
    need("soffice")
    profile = tmp_path / "profile"
    proc = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(tmp_path),
                           str(out / "huawei-att.xlsx")], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    with (tmp_path / "huawei-att.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 16 and [r[4] for r in rows[1:]] == english()


# -- HTML ------------------------------------------------------------------------------------------

def test_html_escapes_every_text(tmp_path: Path) -> None:
    recs = [SegmentPair("<b>doc</b>", 1, 1, "Er schrieb <script>alert(1)</script> & ging.", target="<img src=x>",
                        confidence=0.3, locator='h2 "#1"><script>x</script>')]
    (path,) = write_files(recs, tmp_path, "x", ["html"], Provenance("t", created="20260101T000000Z"))
    page = path.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'title="h2 &quot;#1&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in page  # where it is, on hover
    assert "<img src=x>" not in page and "<b>doc" not in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201
    need("chromium", "chromedriver")
    pytest.importorskip("selenium", reason="selenium is in the test extra")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={tempfile.mkdtemp()}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    yield driver
    driver.quit()


def test_html_page_in_chromium_shows_rows_flags_and_filters(out: Path, browser) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get((out / "huawei-att.html").as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.seg")
    assert len(rows) == 15
    flagged = [r for r in rows if "flagged" in r.get_attribute("class").split()]
    assert len(flagged) == 3
    assert [r.find_element(By.CSS_SELECTOR, "td.en").text for r in rows] == english()
    marks = flagged[0].find_elements(By.TAG_NAME, "mark")
    assert any("The Information" in (m.get_attribute("title") or "") for m in marks)
    browser.find_element(By.ID, "only-flagged").click()
    assert sum(r.is_displayed() for r in rows) == 3
    browser.find_element(By.ID, "only-flagged").click()
    Select(browser.find_element(By.ID, "code")).select_by_value("continuation")
    assert sum(r.is_displayed() for r in rows) == 1
    Select(browser.find_element(By.ID, "code")).select_by_value("")
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    current = browser.find_elements(By.CSS_SELECTOR, "tr.current")
    assert len(current) == 1 and current[0] == flagged[0]
    assert "name-as-common-noun 2" in browser.find_element(By.ID, "counts").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#hist rect")) == 10


def test_batch_writes_a_sortable_index_linking_each_page(tmp_path: Path, browser) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, src / "a.de.txt")
    (src / "sub" / "b.txt").write_text("Das ist ein Test.\n\nGuten Morgen.\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "out"), "-m", str(FIXTURE_MODEL),
                                 "--format", "html,xliff", "--progress", "none"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "out" / "corpus.html").exists()
    assert xliff_errors(tmp_path / "out" / "corpus.xlf") == []
    browser.get((tmp_path / "out" / "index.html").as_uri())
    links = browser.find_elements(By.CSS_SELECTOR, "#index tbody a")
    assert [a.text for a in links] == ["a.de.txt", "sub/b.txt"]
    for a in links:
        assert (tmp_path / "out" / a.get_attribute("href").split("/out/", 1)[1]).is_file()
    browser.find_elements(By.CSS_SELECTOR, "#index th")[1].click()  # sort by sentences
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#index tbody a")] == ["sub/b.txt", "a.de.txt"]


# -- OmegaT ----------------------------------------------------------------------------------------

def test_omegat_fills_every_segment_from_the_project(out: Path, tmp_path: Path) -> None:
    need("omegat")
    project = tmp_path / "project"
    shutil.copytree(out / "huawei-att-omegat", project)
    proc = subprocess.run(["omegat", str(project), "--mode=console-translate", "--no-team"], capture_output=True,
                          text=True, timeout=300, cwd=tmp_path, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    target = (project / "target" / "huawei-att.txt").read_text(encoding="utf-8")
    assert [p for p in target.split("\n\n") if p.strip()] == english()


def test_regional_language_codes_reach_every_client(tmp_path: Path) -> None:
    """--languages de-CH,en-GB: a CAT tool's memory is regional. TMX and XLIFF carry the codes and
    stay valid, the TMX reads back, OmegaT's project takes them and still fills every segment."""
    result = runner.invoke(app, ["article", str(SAMPLE), "-m", str(FIXTURE_MODEL), "-o", str(tmp_path / "out"),
                                 "--format", "tmx,xliff,omegat,html", "--languages", "de-ch,en-gb"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert xliff_errors(out / "huawei-att.xlf") == []
    xlf = etree.parse(str(out / "huawei-att.xlf")).getroot()
    (file_,) = xlf.iter("{*}file")
    assert (file_.get("source-language"), file_.get("target-language")) == ("de-CH", "en-GB")
    assert tmx.validate(out / "huawei-att.tmx") == []
    header = etree.parse(str(out / "huawei-att.tmx")).getroot().find("header")
    assert header.get("srclang") == "de-CH"
    assert [u.target for u in tmx.read(out / "huawei-att.tmx")] == english()  # read back whatever the region
    project = (out / "huawei-att-omegat" / "omegat.project").read_text(encoding="utf-8")
    assert "<source_lang>DE-CH</source_lang>" in project and "<target_lang>EN-GB</target_lang>" in project
    page = (out / "huawei-att.html").read_text(encoding="utf-8")  # a browser's hyphenation and spelling
    assert page.count('lang="de-CH"') == page.count('lang="en-GB"') == 15
    need("omegat")
    shutil.copytree(out / "huawei-att-omegat", tmp_path / "project")
    proc = subprocess.run(["omegat", str(tmp_path / "project"), "--mode=console-translate", "--no-team"],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path,
                          env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    target = (tmp_path / "project" / "target" / "huawei-att.txt").read_text(encoding="utf-8")
    assert [p for p in target.split("\n\n") if p.strip()] == english()
    assert runner.invoke(app, ["article", str(SAMPLE), "--languages", "en,de"]).exit_code == 2


def test_every_deliverable_is_byte_identical_across_runs(out: Path, tmp_path: Path) -> None:
    again = runner.invoke(app, ["article", str(SAMPLE), "-m", str(FIXTURE_MODEL), "-o", str(tmp_path / "again"),
                                "--format", ALL, "--created", "2026-11-30T12:00:00Z"])
    assert again.exit_code == 0, again.output
    for path in (p for p in out.rglob("*") if p.is_file()):
        assert path.read_bytes() == (tmp_path / "again" / path.relative_to(out)).read_bytes(), path.name
