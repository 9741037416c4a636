"""Articles in the formats they come in: HTML, Markdown, DOCX and ODT, turned into blocks.

A :class:`Block` is one paragraph of the article with its kind (``title``, ``heading``,
``paragraph``, ``list-item``, ``table-cell``, ``caption``, ``summary``, ``footnote``,
``endnote``, ``text-box``, ``header``, ``footer``, ``alt-text``) and a locator a reviewer can
find it by (``h2 #3``, ``line 14``, ``table 1 row 2 cell 1``). Markup never reaches a block:
tags, entities, emphasis markers, link targets, code blocks, inline HTML and scripts are left
out; inline code is kept as it stands. An image's description (alt text) follows the paragraph
it stands in, in every format, unless it is a file name or says a caption or paragraph again.

* **HTML** (``.html``, ``.htm``): the article's main text with trafilatura (Apache-2.0; the
  optional ``html`` extra): navigation, cookie banners and share buttons dropped; the title
  first, as ``title``; figure captions as ``caption``; footnote marks out of the sentences; a
  line break (``<br>``) a space; read in the character set the page declares.
* **Markdown** (``.md``): markdown-it-py (CommonMark with tables and footnotes); code blocks and
  HTML blocks left out; headings, list items and table cells are blocks of their own; footnotes
  come after the text (their marks left out of the sentence that cites them). Front matter
  (``---`` YAML or ``+++`` TOML at the top, as Jekyll, Hugo and Astro write it): its ``title``
  first, as ``title``, and its ``subtitle``, ``description``, ``summary`` and ``excerpt`` as
  ``summary``; dates, tags and the other fields are metadata and stay out.
* **DOCX** (``.docx``): python-docx; paragraphs and tables in document order, headings by style,
  list items by numbering, captions by style; tracked changes read as accepted (insertions in,
  deletions out), comments and hidden text left out; footnotes and endnotes after the body, in the order the
  body cites them; a text box after the paragraph it is anchored in, once (Word writes it twice:
  as a drawing and as a VML copy for older readers); paragraphs inside content controls (w:sdt,
  a template's title or abstract) and nested tables read too; a table of contents left out (the
  word processor makes it from the headings); headers and footers last, each paragraph once (not
  a page number alone).
* **ODT** (``.odt``): odfpy; headings, paragraphs, list items, table cells, captions in order;
  tracked changes, annotations and hidden text left out; footnotes and endnotes after the text, in the order
  the text cites them (their marks left out of the sentence); text boxes and shapes with text
  after the paragraph they are anchored in; tables of contents and other generated indexes left
  out; the master pages' headers and footers last, each paragraph once.

A file whose content does not match its extension, an HTML page without article text, a corrupt
or password-protected document, a package that unpacks to more than 1 GB: one :class:`InputError`.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.errors import InputError

#: extension → input format
FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html", ".md": "md",
           ".markdown": "md", ".docx": "docx", ".odt": "odt"}
INPUT_FORMATS = ("auto", "txt", "html", "md", "docx", "odt")
#: what `batch --glob` takes by default: every supported kind
DEFAULT_GLOB = "*.txt,*.md,*.markdown,*.html,*.htm,*.docx,*.odt"


@dataclass(frozen=True)
class Block:
    kind: str  # title, heading, paragraph, list-item, table-cell, caption, summary, footnote, endnote, text-box,
    # header, footer, alt-text
    text: str
    locator: str


def input_format(path: Path, override: str = "auto") -> str:
    if override != "auto":
        return override
    return FORMATS.get(path.suffix.lower(), "txt")


def _one_line(text: str) -> str:
    return " ".join(text.split())


#: a line worth translating holds a word: not a page number alone ("3", "- 3 -"), which a field
#: makes in a header, nor an image's file name for its description
_WORD = re.compile(r"[^\W\d_]{2}")
_FILE_NAME = re.compile(r"\S*[_\d]\S*|\S+\.(?:jpe?g|png|gif|svg|webp|tiff?|bmp|heic)", re.IGNORECASE)


def _alt_text(text: str | None, locator: str, said: set[str]) -> Block | None:
    """An image's description (HTML's alt, Markdown's ![…], Word's and LibreOffice's alt text) as an
    ``alt-text`` block: where it holds words, is not a file name ("IMG_0412", "bild.jpg") and is
    not a caption or a paragraph of the document said again (``said``: the texts so far, casefolded;
    the new one is added)."""
    text_ = _one_line(text or "")
    if not _WORD.search(text_) or _FILE_NAME.fullmatch(text_) or text_.casefold() in said:
        return None
    said.add(text_.casefold())
    return Block("alt-text", text_, locator)


class _AltTexts:
    """Appends images' descriptions to a reader's blocks as it goes (see :func:`_alt_text`),
    remembering the texts said so far without reading the blocks again each time."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.said: set[str] = set()
        self.upto = 0

    def add(self, text: str | None, locator: str) -> None:
        self.said.update(b.text.casefold() for b in self.blocks[self.upto:])
        described = _alt_text(text, locator, self.said)
        if described:
            self.blocks.append(described)
        self.upto = len(self.blocks)


# -- HTML ------------------------------------------------------------------------------------

def html_blocks(text: str, name: str) -> list[Block]:
    try:
        import trafilatura
    except ImportError:
        raise InputError(f"{name}: reading HTML needs the optional html extra",
                         hint="pip install 'translate-de-en[html]' (trafilatura)") from None
    from lxml import etree

    if "<" not in text:
        raise InputError(f"{name}: not HTML (no tags)", hint="use --input-format txt for plain text")
    tree = trafilatura.load_html(text)
    captions = _prepare_html(tree) if tree is not None else set()
    xml = tree is not None and trafilatura.extract(
        tree, output_format="xml", include_tables=True, include_comments=False, include_images=True,
        include_links=False, favor_recall=True, with_metadata=True)
    if not xml:
        raise InputError(f"{name}: no article text found in the page",
                         hint="the page may be only navigation, or built by JavaScript")
    root = etree.fromstring(xml.encode("utf-8"))
    for lb in root.iter("lb"):  # <br>: a space between the words it separates
        lb.tail = " " + (lb.tail or "")
    blocks: list[Block] = []
    counts: dict[str, int] = {}
    images: list[tuple[str | None, str, int]] = []  # alt text, locator, the blocks before it

    def add(kind: str, el: Any, locator: str) -> None:
        text_ = _one_line("".join(el.itertext()))
        if text_:
            blocks.append(Block(kind, text_, locator))

    main = root.find("main")
    for el in (main.iter() if main is not None else ()):
        tag = el.tag
        counts[tag] = counts.get(tag, 0) + 1
        if tag == "head":
            add("heading", el, f"{el.get('rend') or 'h'} #{counts[tag]}")
        elif tag == "p" and el.getparent().tag not in ("item", "cell"):
            add("paragraph", el, f"p #{counts[tag]}")
        elif tag == "item":
            add("list-item", el, f"li #{counts[tag]}")
        elif tag == "cell":
            row = el.getparent()
            table = row.getparent()
            add("table-cell", el, f"table #{counts.get('table', 0)} row {table.index(row) + 1} "
                                  f"cell {row.index(el) + 1}")
        elif tag == "quote" and el.find("p") is None:  # a quotation of paragraphs: those are blocks
            add("paragraph", el, f"blockquote #{counts[tag]}")
        elif tag == "graphic":
            images.append((el.get("alt") or el.get("title"), f"img #{counts[tag]}", len(blocks)))
    blocks = [Block("caption", b.text, b.locator) if b.kind == "paragraph" and b.text in captions else b
              for b in blocks]
    said = {b.text.casefold() for b in blocks}
    described: dict[int, list[Block]] = {}  # before which block
    for alt, locator, at in images:  # after the block before the image
        block = _alt_text(alt, locator, said)
        if block:
            described.setdefault(at, []).append(block)
    if described:
        merged: list[Block] = []
        for k, block in enumerate(blocks):
            merged += described.get(k, [])
            merged.append(block)
        blocks = merged + described.get(len(blocks), [])
    title = _one_line(root.get("title") or "")
    if blocks and title and blocks[0].text == title:
        blocks[0] = Block("title", title, blocks[0].locator)
    elif title:
        blocks.insert(0, Block("title", title, "title"))
    if not blocks:
        raise InputError(f"{name}: no article text found in the page")
    return blocks


#: classes and ids of a footnote's mark (Wikipedia's "reference", "footnote-ref", "noteref", "fnref")
_NOTE_MARK = re.compile(r"ref|note|fn", re.IGNORECASE)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
#: the controls a wiki (MediaWiki: Wikipedia) puts inside the article: edit links, back links
_WIKI_CONTROLS = re.compile(r"\b(?:mw-)?(?:editsection|cite-backlink)\b")


#: an inline style that hides its element
_HIDING_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.IGNORECASE)


def _never_shown(el: Any) -> bool:
    """An element a browser does not show: ``hidden`` (not ``hidden="until-found"``, which a
    reader's search opens), an inline ``display: none`` or ``visibility: hidden``, a
    ``<template>``. Trafilatura's own extractor drops some of these, its fallbacks (which win on
    some pages) do not: dropped here, a page reads the same whichever wins."""
    hidden = el.get("hidden")
    return (el.tag == "template" or bool(_HIDING_STYLE.search(el.get("style") or ""))
            or (hidden is not None and hidden.strip().lower() != "until-found"))


def _prepare_html(tree: Any) -> set[str]:
    """Ready a page for trafilatura, which drops figures and keeps superscripts as text: footnote
    marks out (a superscript that links into the page, has a footnote's class, reads "[3]", "*",
    "†", or is a number after punctuation), other superscript digits as superscript characters
    ("m<sup>2</sup>" → "m²"), a wiki's edit and back links out, what a browser never shows out
    (:func:`_never_shown`), figures' captions in as paragraphs. Returns the captions'
    texts, so that their blocks can be told from paragraphs."""
    for sup in list(tree.iter("sup")):
        mark = _one_line(sup.text_content())
        previous = sup.getprevious()
        before = ((previous.tail if previous is not None else sup.getparent().text) or "").rstrip()
        if (any((a.get("href") or "").startswith("#") for a in sup.iter("a"))
                or _NOTE_MARK.search(f"{sup.get('class') or ''} {sup.get('id') or ''}")
                or re.fullmatch(r"\[\d+\]|\*+|†", mark)
                or (mark.isdigit() and before.endswith(tuple(".,;:!?)“”\"»«")))):  # "eröffnet.<sup>1</sup>"
            sup.drop_tree()
        elif re.fullmatch(r"[0-9]{1,3}", mark):
            for child in list(sup):
                sup.remove(child)
            sup.text = mark.translate(_SUPERSCRIPT)  # "m<sup>2</sup>": "m²", not "m2"
    for el in list(tree.iter()):  # a wiki's "[Bearbeiten]" beside each heading, a note's "↑" back to its mark
        if isinstance(el.tag, str) and (_WIKI_CONTROLS.search(el.get("class") or "") or _never_shown(el)):
            el.drop_tree()
    captions: set[str] = set()
    for figure in tree.iter("figure"):
        figure.tag = "div"
    for caption in tree.iter("figcaption"):
        captions.add(_one_line(caption.text_content()))
        caption.tag = "p"
    return captions


# -- Markdown --------------------------------------------------------------------------------

def _inline_text(token: Any) -> str:
    """The words of an inline token: emphasis markers, link targets, images and inline HTML out."""
    out: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
                child.type == "html_inline" and re.match(r"<br\b", child.content, re.IGNORECASE)):
            out.append(" ")
    return _one_line("".join(out))


#: front-matter fields that are text for the reader (a static-site generator's title, teaser and
#: summary); the rest (dates, tags, layout, slugs) is metadata and stays out
FRONT_MATTER_TEXT = ("title", "subtitle", "description", "summary", "excerpt")

_FENCES = {"---": ("---", "..."), "+++": ("+++",)}  # YAML (Jekyll, Hugo, Astro …) and TOML (Hugo)


def _front_matter(text: str) -> tuple[list[Block], str]:
    """The reader's text of a Markdown file's front matter (``---`` YAML or ``+++`` TOML at the
    very top, as static-site generators write it) as blocks, and the text with the front matter's
    lines blanked (so that line numbers stay true). A first line ``---`` whose block does not
    read as a YAML mapping is no front matter: CommonMark's rule, and the text stays as it is."""
    lines = text.split("\n")
    closing = _FENCES.get(lines[0].strip())
    if not closing:
        return [], text
    end = next((k for k in range(1, len(lines)) if lines[k].strip() in closing), None)
    if end is None:
        return [], text
    body = "\n".join(lines[1:end])
    try:
        if lines[0].strip() == "+++":
            import tomllib

            fields: Any = tomllib.loads(body)
        else:
            import yaml

            fields = yaml.safe_load(body)
    except Exception:  # noqa: BLE001 - yaml and tomllib raise their own kinds
        return [], text
    if not isinstance(fields, dict):
        return [], text
    blocks = [Block("title" if key == "title" else "summary", _one_line(fields[key]), f"front matter: {key}")
              for key in FRONT_MATTER_TEXT if isinstance(fields.get(key), str) and fields[key].strip()]
    return blocks, "\n" * end + "\n" + "\n".join(lines[end + 1:])


def markdown_blocks(text: str, name: str) -> list[Block]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    blocks, text = _front_matter(text)
    title, front = (blocks[0].text if blocks and blocks[0].kind == "title" else None), len(blocks)
    tokens = MarkdownIt("commonmark").enable("table").use(footnote_plugin).parse(text)
    context: list[str] = []  # the open containers: list_item, th/td, blockquote, heading, footnote
    table = row = cell = 0
    note = ""
    alt_texts = _AltTexts(blocks)
    for k, tok in enumerate(tokens):
        if tok.nesting == 1:
            context.append(tok.type)
            if tok.type == "table_open":
                table, row = table + 1, 0
            elif tok.type == "tr_open":
                row, cell = row + 1, 0
            elif tok.type in ("th_open", "td_open"):
                cell += 1
            elif tok.type == "footnote_open":
                note = str((tok.meta or {}).get("label", (tok.meta or {}).get("id", "")))
        elif tok.nesting == -1 and context:
            context.pop()
        if tok.type != "inline":
            continue
        words = _inline_text(tok)
        line = f"line {tok.map[0] + 1}" if tok.map else f"token {k}"
        images = [(child.content or child.attrGet("title"), f"{line} image {n}")
                  for n, child in enumerate((c for c in tok.children or () if c.type == "image"), start=1)]
        if not words:
            for alt, where in images:
                alt_texts.add(alt, where)
            continue
        if "footnote_open" in context:
            kind, line = "footnote", f"footnote {note}"
        elif "heading_open" in context:
            kind = "heading"
        elif "th_open" in context or "td_open" in context:
            kind, line = "table-cell", f"table {table} row {row} cell {cell}"
        elif "list_item_open" in context:
            kind = "list-item"
        else:
            kind = "paragraph"
        if kind == "heading" and words == title and len(blocks) == front:
            continue  # the front matter's title again as the first heading: one segment, not two
        blocks.append(Block(kind, words, line))
        for alt, where in images:
            alt_texts.add(alt, where)
    return blocks


# -- DOCX ------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


#: a text box's content (DrawingML's wps:txbx and VML's v:textbox both hold one), and the VML
#: copy of a drawing that Word writes beside it for older readers
_TEXT_BOX = f"{_W}txbxContent"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: a drawing's properties: its alt text (descr) and title
_DOC_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def _docx_text(p_element: Any) -> str:
    """A paragraph's text with tracked changes accepted: w:t (insertions included), tabs and
    breaks as spaces, a non-breaking hyphen as a hyphen (a soft one is no character); deleted
    text (w:del, w:delText), the place moved text came from (w:moveFrom, whose runs Word
    writes as w:t) and hidden text (w:vanish) never counted; the text boxes anchored in it
    left out (they are blocks of their own: :func:`_docx_text_boxes`)."""
    out: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            if child.tag in (_TEXT_BOX, _FALLBACK, f"{_W}del", f"{_W}moveFrom"):
                continue  # a text box is a block; deleted text and the old place of moved text are gone
            if child.tag == f"{_W}r" and _hidden(child):
                continue  # hidden text (a template's instructions): Word does not show or print it
            if child.tag == f"{_W}t":
                out.append(child.text or "")
            elif child.tag in (f"{_W}tab", f"{_W}ptab", f"{_W}br", f"{_W}cr"):
                out.append(" ")
            elif child.tag == f"{_W}noBreakHyphen":  # Word's non-breaking hyphen: "S-Bahn", not "SBahn"
                out.append("-")
            else:
                walk(child)

    walk(p_element)
    return _one_line("".join(out))


def _hidden(run: Any) -> bool:
    """A run formatted as hidden text (w:vanish, unless switched off with w:val="0" or "false")."""
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(f"{_W}val", "true") not in ("0", "false", "off")


def _docx_text_boxes(p_element: Any) -> Iterator[Any]:
    """The paragraphs of the text boxes anchored in a paragraph, once each (not again from the
    VML fallback copy of a drawing)."""
    def walk(el: Any) -> Iterator[Any]:
        for child in el:
            if child.tag == _FALLBACK:
                continue
            if child.tag == _TEXT_BOX:  # its paragraphs, those of a box inside it too
                yield from (p for p in child.iter(f"{_W}p") if not any(a.tag == _FALLBACK for a in p.iterancestors()))
            else:
                yield from walk(child)

    yield from walk(p_element)


#: content controls that Word fills itself from the text: tables of contents and bibliographies
_GENERATED = frozenset({"Table of Contents", "Bibliographies"})


def _docx_items(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or a table cell, in order, those inside content controls
    (w:sdt: a template's title, abstract or cover page fields) and custom XML included; not a
    table of contents (Word makes it from the headings, with page numbers)."""
    for child in container:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            gallery = child.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
            content = child.find(f"{_W}sdtContent")
            if content is not None and (gallery is None or gallery.get(f"{_W}val") not in _GENERATED):
                yield from _docx_items(content)
        elif child.tag == f"{_W}customXml":
            yield from _docx_items(child)


def _docx_style_names(document: Any) -> Callable[[Any], str]:
    """A paragraph element's style name, looked up in a table made once (python-docx's
    ``Paragraph.style`` searches every style for the default one on each call: 14 s for a
    document of 20,000 paragraphs)."""
    from docx.enum.style import WD_STYLE_TYPE

    names = {s.style_id: s.name or "" for s in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    fallback = (default.name or "") if default is not None else ""

    def name(p_element: Any) -> str:
        style = p_element.find(f"{_W}pPr/{_W}pStyle")
        return names.get(style.get(f"{_W}val"), fallback) if style is not None else fallback

    return name


def _docx_kind(p_element: Any, style: str) -> str:
    """A paragraph's block kind by its style name (English or German) and numbering."""
    low = style.lower()
    if re.match(r"(?:toc|verzeichnis|table of figures|abbildungsverzeichnis) ?\d*$", low):
        return "index"  # an entry of a table of contents outside a content control: not read
    if low == "title":
        return "title"
    if low.startswith(("heading", "überschrift")):
        return "heading"
    if low.startswith(("caption", "beschriftung")):
        return "caption"
    if low.startswith(("list", "liste")) or p_element.find(f"{_W}pPr/{_W}numPr") is not None:
        return "list-item"
    return "paragraph"


def docx_blocks(data: bytes, name: str) -> list[Block]:
    try:
        import docx
        from docx.table import Table
    except ImportError:
        raise InputError(f"{name}: reading DOCX needs python-docx", hint="pip install python-docx") from None
    _check_zip(data, name, "DOCX", "word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a broken package
        raise InputError(f"{name}: not a readable DOCX ({type(exc).__name__}: {exc})") from None
    blocks: list[Block] = []

    alt_texts = _AltTexts(blocks)
    style_of = _docx_style_names(document)

    def text_boxes(p_element: Any, where: str) -> None:
        """The text boxes and the images' descriptions anchored in a paragraph."""
        for n, inner in enumerate(_docx_text_boxes(p_element), start=1):
            text_ = _docx_text(inner)
            kind = _docx_kind(inner, style_of(inner))
            if text_:
                blocks.append(Block("text-box" if kind == "paragraph" else kind, text_, f"{where} text box {n}"))
        drawings = (d for d in p_element.iter(_DOC_PROPERTIES)  # pictures, charts, shapes; not a text box
                    if d.getparent().find(f".//{_TEXT_BOX}") is None
                    and not any(a.tag == _FALLBACK for a in d.iterancestors()))
        for n, drawing in enumerate(drawings, start=1):
            alt_texts.add(drawing.get("descr") or drawing.get("title"), f"{where} image {n}")

    def table(tbl: Any, parent: Any, where: str) -> None:
        seen: set[Any] = set()  # the cells' XML elements (kept alive, so compared by identity)
        for r, row in enumerate(Table(tbl, parent).rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                if cell._tc in seen:  # a merged cell appears once per grid column
                    continue
                seen.add(cell._tc)
                at = f"{where} row {r} cell {c}"
                inside = list(_docx_items(cell._tc))
                paragraphs = [el for el in inside if el.tag == f"{_W}p"]
                text_ = _one_line(" ".join(_docx_text(p) for p in paragraphs))
                if text_:
                    blocks.append(Block("table-cell", text_, at))
                for p in paragraphs:
                    text_boxes(p, at)
                for n, nested in enumerate((el for el in inside if el.tag == f"{_W}tbl"), start=1):
                    table(nested, cell, f"{at} table {n}")

    tables = 0
    body = document._body
    for k, el in enumerate(_docx_items(document.element.body), start=1):
        if el.tag == f"{_W}p":
            text_ = _docx_text(el)
            kind = _docx_kind(el, style_of(el))
            if text_ and kind != "index":
                blocks.append(Block(kind, text_, f"paragraph {k}"))
            text_boxes(el, f"paragraph {k}")
        else:
            tables += 1
            table(el, body, f"table {tables}")
    return blocks + _docx_notes(data, document.element.body) + _docx_running(document)


def _docx_running(document: Any) -> list[Block]:
    """The sections' headers and footers (first-page and even-page ones too) after everything
    else, each paragraph once however many sections repeat it; not a page number alone."""
    blocks: list[Block] = []
    seen: set[str] = set()
    for number, section in enumerate(document.sections, start=1):
        for kind in ("header", "footer"):
            for variant in ("", "first_page_", "even_page_"):
                part = getattr(section, f"{variant}{kind}")
                if part.is_linked_to_previous:  # no part of its own (section 1: none at all)
                    continue
                where = ("" if number == 1 else f"section {number} ") + variant.replace("_page_", "-page ") + kind
                for p in part._element.iter(f"{_W}p"):
                    text_ = _docx_text(p)
                    if _WORD.search(text_) and text_ not in seen and not any(
                            a.tag == _FALLBACK for a in p.iterancestors()):
                        seen.add(text_)
                        blocks.append(Block(kind, text_, where))
    return blocks


def _docx_notes(data: bytes, body: Any) -> list[Block]:
    """Footnotes and endnotes (word/footnotes.xml, word/endnotes.xml, which python-docx does not
    read) as blocks after the body, in the order the body cites them; a note's paragraphs are
    one block, numbered as Word numbers them (1, 2, … in order of citation, each kind on its own)."""
    from lxml import etree

    blocks: list[Block] = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for kind in ("footnote", "endnote"):
            member = f"word/{kind}s.xml"
            if member not in z.namelist():
                continue
            try:
                root = etree.fromstring(z.read(member), etree.XMLParser(resolve_entities=False, no_network=True))
            except etree.XMLSyntaxError:
                continue  # a broken notes part costs the notes, not the document
            notes = {n.get(f"{_W}id"): n for n in root.iter(f"{_W}{kind}") if n.get(f"{_W}type") is None}
            cited = dict.fromkeys(ref.get(f"{_W}id") for ref in body.iter(f"{_W}{kind}Reference"))
            for number, ident in enumerate((i for i in cited if i in notes), start=1):
                text_ = _one_line(" ".join(_docx_text(p) for p in notes[ident].iter(f"{_W}p")))
                if text_:
                    blocks.append(Block(kind, text_, f"{kind} {number}"))
    return blocks


# -- ODT -------------------------------------------------------------------------------------

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_SVG_NS = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
_SVG_TEXT = ((_SVG_NS, "desc"), (_SVG_NS, "title"))  # a frame's description first, else its title
_SKIP = {(_TEXT_NS, "tracked-changes"), (_TEXT_NS, "note"), ("urn:oasis:names:tc:opendocument:xmlns:office:1.0",
                                                                "annotation")}
_BLOCKS = {(_TEXT_NS, "p"), (_TEXT_NS, "h"), (_TEXT_NS, "list")}
#: indexes the word processor makes from the text (a table of contents with page numbers …): not read
_INDEXES = {(_TEXT_NS, tag) for tag in ("table-of-content", "illustration-index", "table-index", "object-index",
                                        "user-index", "alphabetical-index", "bibliography")}


def _odf_hidden_styles(document: Any) -> frozenset[str]:
    """The names of the text styles that hide their text (text:display="none": what LibreOffice
    makes of Word's hidden text)."""
    styles = [*document.automaticstyles.childNodes, *document.styles.childNodes]
    return frozenset(
        style.getAttribute("name") for style in styles
        if getattr(style, "qname", None) == (_STYLE_NS, "style") and style.getAttribute("family") == "text"
        and any(getattr(p, "qname", None) == (_STYLE_NS, "text-properties")
                and p.attributes.get((_TEXT_NS, "display")) == "none" for p in style.childNodes))


def _odf_text(node: Any, hidden: frozenset[str] = frozenset()) -> str:
    """The text of an ODF element, tracked changes, notes, annotations and the text boxes and
    shapes anchored in it left out (those are blocks of their own: :func:`_odf_text_boxes`), and
    text in a ``hidden`` style (see :func:`_odf_hidden_styles`)."""
    out: list[str] = []

    def walk(n: Any) -> None:
        for child in n.childNodes:
            if child.nodeType == child.TEXT_NODE:
                out.append(str(child.data))
            elif child.nodeType == child.ELEMENT_NODE:
                if child.qname in _SKIP or child.qname[0] == _DRAW_NS or child.qname == (_TEXT_NS, "hidden-text"):
                    continue
                if hidden and child.qname == (_TEXT_NS, "span") and child.getAttribute("stylename") in hidden:
                    continue
                if child.qname in ((_TEXT_NS, "s"), (_TEXT_NS, "tab"), (_TEXT_NS, "line-break")):
                    out.append(" ")
                walk(child)

    walk(node)
    return _one_line("".join(out))


def odt_blocks(data: bytes, name: str) -> list[Block]:
    try:
        from odf.opendocument import load
    except ImportError:
        raise InputError(f"{name}: reading ODT needs odfpy", hint="pip install odfpy") from None
    _check_zip(data, name, "ODT", "content.xml")
    try:
        document = load(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - odfpy raises many kinds for a broken package
        raise InputError(f"{name}: not a readable ODT ({type(exc).__name__}: {exc})") from None
    blocks: list[Block] = []
    alt_texts = _AltTexts(blocks)
    counters = {"h": 0, "p": 0, "item": 0, "table": 0}
    text_of = functools.partial(_odf_text, hidden=_odf_hidden_styles(document))

    def visit(node: Any, in_list: bool = False, cell: str = "", box: str = "") -> None:
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE or child.qname in _SKIP or child.qname in _INDEXES:
                continue
            ns, tag = child.qname
            if ns == _TEXT_NS and tag in ("h", "p"):
                counters["h" if tag == "h" else "p"] += 1
                style = (child.getAttribute("stylename") or "").lower()
                text_ = text_of(child)
                notes.extend(_descendants(child, (_TEXT_NS, "note")))
                anchor = cell or (f"heading {counters['h']}" if tag == "h" else f"paragraph {counters['p']}")
                if text_:
                    blocks.append(block_of(tag, style, text_, in_list, cell, box))
                for n, shape in enumerate(_odf_text_boxes(child), start=1):
                    visit(shape, box=f"{anchor} text box {n}")
                images = (f for f in _descendants(child, (_DRAW_NS, "frame"))
                          if any(getattr(g, "qname", None) == (_DRAW_NS, "image") for g in f.childNodes))
                for n, frame in enumerate(images, start=1):
                    described = [text_of(d) for d in frame.childNodes if getattr(d, "qname", None) in _SVG_TEXT]
                    alt_texts.add(next((d for d in described if d), None), f"{anchor} image {n}")
            elif ns == _TEXT_NS and tag == "list-item":
                counters["item"] += 1
                visit(child, True, cell, box)
            elif ns == _TABLE_NS and tag == "table":
                counters["table"] += 1
                rows = [r for r in _descendants(child, (_TABLE_NS, "table-row"))]
                for r, row in enumerate(rows, start=1):
                    cells = [c for c in row.childNodes if getattr(c, "qname", None) == (_TABLE_NS, "table-cell")]
                    for c, cell_node in enumerate(cells, start=1):
                        visit(cell_node, in_list, f"table {counters['table']} row {r} cell {c}")
            else:
                visit(child, in_list, cell, box)

    def block_of(tag: str, style: str, text_: str, in_list: bool, cell: str, box: str) -> Block:
        at = box or f"paragraph {counters['p']}"
        if cell:
            return Block("table-cell", text_, cell)
        if tag == "h":
            return Block("heading", text_, f"heading {counters['h']}")
        if in_list:
            return Block("list-item", text_, f"list item {counters['item']}")
        if "caption" in style or "illustration" in style or style == "table":
            return Block("caption", text_, at)
        if style == "title":
            return Block("title", text_, at)
        return Block("text-box" if box else "paragraph", text_, at)

    notes: list[Any] = []  # footnotes and endnotes, in the order the text cites them
    visit(document.text)
    for note in notes:
        kind = note.getAttribute("noteclass") or "footnote"
        citation = next(_descendants(note, (_TEXT_NS, "note-citation")), None)
        body = next(_descendants(note, (_TEXT_NS, "note-body")), None)
        text_ = _one_line(" ".join(text_of(p) for p in _descendants(body, (_TEXT_NS, "p")))) if body else ""
        if text_:
            blocks.append(Block(kind, text_, f"{kind} {_odf_text(citation) if citation else len(blocks)}"))
    return blocks + _odf_running(document, text_of)


#: a master page's headers and footers (styles.xml): the plain one, the left (even) pages' and
#: the first page's
_RUNNING = {f"{kind}{tag}": (kind, variant) for kind in ("header", "footer")
            for tag, variant in (("", ""), ("-left", "left-page "), ("-first", "first-page "))}


def _odf_running(document: Any, text_of: Callable[[Any], str] = _odf_text) -> list[Block]:
    """The master pages' headers and footers after everything else, each paragraph once; not a
    page number alone, not one switched off (style:display="false")."""
    def paragraphs(node: Any) -> Iterator[Any]:
        for child in node.childNodes:
            if getattr(child, "qname", None) in ((_TEXT_NS, "p"), (_TEXT_NS, "h")):
                yield child
            else:
                yield from paragraphs(child)

    blocks: list[Block] = []
    seen: set[str] = set()
    pages = [n for n in document.masterstyles.childNodes if getattr(n, "qname", None) == (_STYLE_NS, "master-page")]
    for page in pages:
        for part in page.childNodes:
            ns, tag = getattr(part, "qname", ("", ""))
            if ns != _STYLE_NS or tag not in _RUNNING or part.getAttribute("display") == "false":
                continue
            kind, variant = _RUNNING[tag]
            where = variant + kind + ("" if len(pages) == 1 else f" ({page.getAttribute('name')})")
            for p in paragraphs(part):
                text_ = text_of(p)
                if _WORD.search(text_) and text_ not in seen:
                    seen.add(text_)
                    blocks.append(Block(kind, text_, where))
    return blocks


def _descendants(node: Any, qname: tuple[str, str]) -> Iterator[Any]:
    for child in node.childNodes:
        found = getattr(child, "qname", None)
        if found == qname:
            yield child
        elif found != (_TABLE_NS, "table") and (not found or found[0] != _DRAW_NS):
            yield from _descendants(child, qname)  # not into nested tables, nor into text boxes


def _odf_text_boxes(node: Any) -> Iterator[Any]:
    """The text boxes and shapes with text anchored in a paragraph (a frame's draw:text-box, a
    draw:custom-shape …): draw elements that hold paragraphs or lists; not those inside them."""
    for child in node.childNodes:
        found = getattr(child, "qname", None)
        if not found or found in _SKIP:
            continue
        if found[0] == _DRAW_NS and any(getattr(g, "qname", None) in _BLOCKS for g in child.childNodes):
            yield child
        else:
            yield from _odf_text_boxes(child)


#: what a DOCX or ODT package may unpack to: its XML is read whole (a text-heavy 50 MB document
#: unpacks to a few hundred MB at most)
MAX_UNPACKED = 1 << 30


def _check_zip(data: bytes, name: str, kind: str, member: str) -> None:
    a = "an" if kind[:1] in "AEIO" else "a"  # "an ODT file", "a DOCX file"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an OLE container: encrypted Office file (or .doc)
        raise InputError(f"{name}: a password-protected or old-format document, not {a} {kind} package",
                         hint="remove the password, or save it as .docx/.odt")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if member not in z.namelist():
                raise InputError(f"{name}: not {a} {kind} package ({member} missing)")
            unpacked = sum(info.file_size for info in z.infolist())
            if unpacked > MAX_UNPACKED:  # a zip bomb: the reader would hold it all in memory
                raise InputError(f"{name}: the {kind} package unpacks to {unpacked / 2**20:,.0f} MB "
                                 f"(the limit is {MAX_UNPACKED / 2**20:,.0f} MB)")
            if z.testzip() is not None:
                raise InputError(f"{name}: a corrupt {kind} package (bad CRC)")
    except zipfile.BadZipFile:
        raise InputError(f"{name}: not {a} {kind} file (not a zip package)",
                         hint="the extension may be wrong; --input-format sets the format") from None


_TEXT_FORMATS = {"html": html_blocks, "md": markdown_blocks}
_BINARY_FORMATS = {"docx": docx_blocks, "odt": odt_blocks}


def blocks_of(fmt: str, data: bytes, decode: Any, name: str) -> list[Block]:
    """The blocks of a document in ``fmt`` (not ``txt``); ``decode`` turns bytes into text (an
    HTML page in the character set it declares: :func:`decode_html`)."""
    if fmt in _BINARY_FORMATS:
        return _BINARY_FORMATS[fmt](data, name)
    text = decode_html(data, name, decode) if fmt == "html" else decode(data, name)
    return _TEXT_FORMATS[fmt](text, name)


#: where a page declares its character set: <meta charset>, <meta http-equiv="Content-Type"
#: content="…; charset=…">, an XML declaration's encoding
_DECLARED = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
                       re.IGNORECASE)
#: labels the web reads as windows-1252 (WHATWG's Encoding Standard): a page that says Latin-1
#: means windows-1252, whose „curly quotes“ and – dashes Latin-1 lacks
_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii",
                           "windows-1252", "cp1252", "x-cp1252"})


def decode_html(data: bytes, name: str, decode: Any) -> str:
    """A page in the character set it declares in its first 4 KB (an older German site's
    ISO-8859-1 or windows-1252), where it has no byte-order mark; else as any text (``decode``:
    UTF-8, UTF-16 or UTF-32). A character set Python does not know is one line."""
    import codecs

    m = None if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else \
        _DECLARED.search(data[:4096])
    if not m:
        return decode(data, name)
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    if label in _WINDOWS_1252:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # the five bytes windows-1252 leaves free: control characters, removed later
            return data.decode("latin-1")
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        raise InputError(f"{name}: the page declares a character set Python does not know ({label!r})",
                         hint="convert the file to UTF-8 and fix its <meta charset>") from None
    if codec.startswith("utf"):
        return decode(data, name)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {label} as the page declares (byte 0x{data[exc.start]:02x} at offset "
                         f"{exc.start})", hint="convert the file to UTF-8 and fix its <meta charset>") from None

