#!/usr/bin/env python3
"""Write the structured test documents in tests/data/formats (run once; the files are committed).

news.html: a news page with navigation, a cookie banner, share buttons and a footer around the
article (a title, headings, paragraphs, a figure with a caption, a footnote mark, a line break,
a quotation, a list, a table, a script, entities, a superscript unit). post.md: a blog
post with YAML front matter, emphasis, links, inline code, a code block, an HTML fragment, a
list, a table and a footnote. report.docx and report.odt: a title or heading, paragraphs, a
list, a table, a tracked insertion and deletion, a comment, a footnote, a header and a footer
(a line of text; a page number alone), a picture with alt text; report.docx a paragraph in a
content control, report.odt a table of contents and a text box; post.md two images (alt text, a
file name). huawei-att.{html,md,docx}: the sample article in each format.

    pip install python-docx odfpy && python scripts/make_format_samples.py
"""

from __future__ import annotations

import copy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "formats"
SAMPLE = (ROOT / "corpora" / "huawei-att.de.txt").read_text(encoding="utf-8")

NEWS = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Bahn streikt am Montag | Nachrichten</title>
<script>window.dataLayer = [{"page": "news"}]; if (a < b && c) { track(); }</script>
<style>body { font-family: sans-serif; }</style></head>
<body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li><li><a href="/wirtschaft">Wirtschaft</a></li></ul></nav>
<div class="cookie-banner">Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten. <button>Alle akzeptieren</button></div>
<main><article>
<h1>Bahn streikt am Montag</h1>
<p class="lead">Die Gewerkschaft hat für Montag einen bundesweiten Streik angekündigt. Reisende müssen mit Ausfällen rechnen.</p>
<figure><img src="bahnsteig.jpg" alt="Bahnsteig"><figcaption>Ein leerer Bahnsteig in Köln.</figcaption></figure>
<p>Betroffen sind vor allem der Fern&shy;verkehr und die S-Bahnen in Berlin &amp; München.<sup><a href="#anm1">1</a></sup> Die Bahn rät,<br>Reisen zu verschieben.</p>
<blockquote><p>„Wir sehen keinen anderen Weg“, sagte der Vorsitzende.</p></blockquote>
<h2>Was Fahrgäste wissen müssen</h2>
<ul>
<li>Fahrkarten behalten ihre Gültigkeit.</li>
<li>Sitzplatzreservierungen können kostenlos storniert werden.</li>
</ul>
<table>
<tr><th>Region</th><th>Ausfälle</th></tr>
<tr><td>Berlin</td><td>80 Prozent</td></tr>
</table>
<p>Der Streik soll am Dienstagmorgen um 6 Uhr enden. Die Halle misst 400 m<sup>2</sup>.</p>
</article></main>
<aside class="share">Teilen: Facebook · X · WhatsApp · E-Mail</aside>
<footer><p>© 2026 Nachrichten GmbH · Impressum · Datenschutz · Kontakt</p></footer>
</body></html>
"""

POST = """---
title: "Ein Wochenende in Hamburg"
date: 2024-05-12
tags: [reise, hamburg]
description: Zwei Tage an der Elbe, mit Hafen und Konzerthaus.
---

# Ein Wochenende in Hamburg

Am Samstag sind wir mit dem Zug nach **Hamburg** gefahren. Die Fahrt dauerte _knapp zwei Stunden_.[^zug]

## Was wir gesehen haben

- Die [Elbphilharmonie](https://www.elbphilharmonie.de) war beeindruckend.
- Im Hafen haben wir eine Rundfahrt gemacht.

![Blick vom Plaza auf die Elbe](elbe.jpg) ![IMG_0412](hafen.jpg)

Für die Fotos habe ich `exiftool` benutzt. Das Skript sieht so aus:

```bash
exiftool -all= *.jpg
echo "fertig"
```

<div class="note">Dieser Kasten ist HTML.</div>

| Tag | Ausgaben |
| --- | --- |
| Samstag | 120 Euro |

Nächstes Jahr fahren wir wieder hin.

[^zug]: Mit dem ICE ab Berlin.
"""


def write_html_sample() -> None:
    paras = [p.strip().replace("&", "&amp;") for p in SAMPLE.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{p}</p>" for p in paras[1:])
    (OUT / "huawei-att.html").write_text(
        f"<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{paras[0]}</title></head>"
        "<body><nav><a href=\"/\">Start</a> · <a href=\"/tech\">Technik</a></nav><article>\n"
        f"<h1>{paras[0]}</h1>\n{body}\n</article><footer>Impressum · Datenschutz</footer></body></html>\n",
        encoding="utf-8")


def write_md_sample() -> None:
    (OUT / "huawei-att.md").write_text(SAMPLE, encoding="utf-8")


def _docx_with_changes(doc) -> None:  # noqa: ANN001
    """A tracked insertion ("neue ") and a deletion ("alte ") in the last paragraph, and a comment."""
    from docx.oxml.ns import qn

    p = doc.add_paragraph("Die Studie wird im Herbst veröffentlicht.")
    run = p.runs[0]
    run.text = "Die "
    ins = copy.deepcopy(run._r)
    ins.find(qn("w:t")).text = "neue "
    wrap_ins = p._p.makeelement(qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "Lektorat"})
    wrap_ins.append(ins)
    dele = copy.deepcopy(run._r)
    t = dele.find(qn("w:t"))
    t.tag = qn("w:delText")
    t.text = "alte "
    wrap_del = p._p.makeelement(qn("w:del"), {qn("w:id"): "2", qn("w:author"): "Lektorat"})
    wrap_del.append(dele)
    rest = copy.deepcopy(run._r)
    rest.find(qn("w:t")).text = "Studie wird im Herbst veröffentlicht."
    run._r.addnext(wrap_ins)
    wrap_ins.addnext(wrap_del)
    wrap_del.addnext(rest)
    doc.add_comment(p.runs[0], text="Bitte Datum prüfen.", author="Lektorat")


FOOTNOTES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/>
</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Davon zwei in Sachsen.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _docx_footnote(doc, paragraph) -> None:  # noqa: ANN001
    """A footnote ("Davon zwei in Sachsen.") cited at the end of ``paragraph``: a footnotes part as
    Word writes it (python-docx has no API for footnotes)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, FOOTNOTES.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))


def _docx_content_control(doc, text: str) -> None:  # noqa: ANN001
    """A paragraph inside a content control (w:sdt), as templates hold a title or an abstract."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    placeholder = doc.add_paragraph()._p  # where the next paragraph goes: before the section properties
    placeholder.addprevious(parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Zusammenfassung"/></w:sdtPr><w:sdtContent>'
        f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    placeholder.getparent().remove(placeholder)


def _png() -> bytes:
    """A 1×1 grey PNG (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


def _docx_picture(doc) -> None:  # noqa: ANN001
    """A picture in a paragraph of its own, with alt text (Word's "Alternativtext": docPr's descr)."""
    import io

    run = doc.add_paragraph().add_run()
    run.add_picture(io.BytesIO(_png()))
    run._r.xpath(".//wp:docPr")[0].set("descr", "Kinder lesen in der Bibliothek")


def _docx_header_footer(doc) -> None:  # noqa: ANN001
    """A header, and a footer of a line of text and the page number alone (a PAGE field)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    section = doc.sections[0]
    section.header.paragraphs[0].text = "Stiftung für Bildung – Jahresbericht"
    section.footer.paragraphs[0].text = "Vertraulich: nur für den Vorstand"
    section.footer.add_paragraph()._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def write_docx() -> None:
    import docx

    doc = docx.Document()
    doc.add_heading("Jahresbericht der Stiftung", level=0)
    _docx_content_control(doc, "Ein gutes Jahr für die Stiftung.")
    _docx_footnote(doc, doc.add_paragraph("Die Stiftung hat im vergangenen Jahr zwölf Projekte gefördert. "
                                          "Drei davon sind abgeschlossen."))
    doc.add_heading("Projekte", level=1)
    doc.add_paragraph("Sprachkurse für Erwachsene", style="List Bullet")
    doc.add_paragraph("Lesepaten an Grundschulen", style="List Bullet")
    _docx_picture(doc)
    table = doc.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Projekt", (0, 1): "Förderung", (1, 0): "Sprachkurse", (1, 1): "40.000 Euro"}.items():
        table.cell(r, c).text = text
    _docx_with_changes(doc)
    _docx_header_footer(doc)
    doc.save(OUT / "report.docx")

    sample = docx.Document()
    for p in (p.strip() for p in SAMPLE.split("\n\n")):
        if p:
            sample.add_paragraph(p)
    sample.save(OUT / "huawei-att.docx")


def write_odt() -> None:
    from odf.draw import Frame, Image, TextBox
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, Header, MasterPage, PageLayout, Style, TextProperties
    from odf.svg import Desc
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import (
        H,
        IndexBody,
        IndexTitleTemplate,
        List,
        ListItem,
        Note,
        NoteBody,
        NoteCitation,
        P,
        PageNumber,
        Span,
        TableOfContent,
        TableOfContentSource,
    )

    doc = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    layout = PageLayout(name="Seite")  # a header of text, a footer of the page number alone
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header, footer, number = Header(), Footer(), P()
    header.addElement(P(text="Gemeinde Beispielstadt – Protokoll"))
    number.addElement(PageNumber(selectpage="current", text="1"))
    footer.addElement(number)
    master.addElement(header)
    master.addElement(footer)
    doc.masterstyles.addElement(master)
    toc = TableOfContent(name="Inhalt")
    source = TableOfContentSource(outlinelevel=2)
    source.addElement(IndexTitleTemplate(text="Inhalt"))
    toc.addElement(source)
    entries = IndexBody()
    for entry in ("Bericht aus dem Rathaus\t1", "Beschlüsse\t1"):
        entries.addElement(P(text=entry))
    toc.addElement(entries)
    doc.text.addElement(toc)
    doc.text.addElement(H(outlinelevel=1, text="Bericht aus dem Rathaus"))
    p = P(text="Der Gemeinderat hat am Donnerstag den Haushalt ")
    p.addElement(Span(stylename=bold, text="einstimmig"))
    p.addText(" beschlossen. Die Sitzung dauerte vier Stunden.")
    ann = Annotation()
    ann.addElement(P(text="Quelle nachtragen"))
    p.addElement(ann)
    frame = Frame(width="6cm", height="2cm", anchortype="paragraph", name="Kasten")
    box = TextBox()
    box.addElement(P(text="Abstimmung: 21 Ja-Stimmen, keine Gegenstimme."))
    frame.addElement(box)
    p.addElement(frame)
    picture = Frame(width="4cm", height="3cm", anchortype="paragraph", name="Foto")
    picture.addElement(Image(href="Pictures/rathaus.png", type="simple", show="embed", actuate="onLoad"))
    picture.addElement(Desc(text="Das Rathaus am Marktplatz"))  # LibreOffice's "Beschreibung" (alt text)
    doc.addPicture("Pictures/rathaus.png", "image/png", _png())
    p.addElement(picture)
    doc.text.addElement(p)
    doc.text.addElement(H(outlinelevel=2, text="Beschlüsse"))
    lst = List()
    for item in ("Die Schwimmhalle wird saniert.", "Der Radweg wird verlängert."):
        li = ListItem()
        li.addElement(P(text=item))
        lst.addElement(li)
    doc.text.addElement(lst)
    table = Table(name="Kosten")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for row in (("Vorhaben", "Kosten"), ("Schwimmhalle", "2 Millionen Euro")):
        tr = TableRow()
        for cell in row:
            tc = TableCell()
            tc.addElement(P(text=cell))
            tr.addElement(tc)
        table.addElement(tr)
    doc.text.addElement(table)
    last = P(text="Die nächste Sitzung findet im März statt.")
    note = Note(id="ftn1", noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Der Termin steht noch nicht fest."))
    note.addElement(body)
    last.addElement(note)
    doc.text.addElement(last)
    doc.save(str(OUT / "report.odt"))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "news.html").write_text(NEWS, encoding="utf-8")
    (OUT / "post.md").write_text(POST, encoding="utf-8")
    write_html_sample()
    write_md_sample()
    write_docx()
    write_odt()
    for p in sorted(OUT.iterdir()):
        print(f"{p.name}: {p.stat().st_size} bytes")


if __name__ == "__main__":
    main()
