"""TMX 1.4b with lxml: one ``<tu>`` per segment pair, valid against the TMX 1.4 DTD.

The header carries the seven required attributes and the provenance as ``<prop>``s (``x-model``,
``x-model-sha256``, ``x-settings``, ``x-rules``, ``x-`` + each extra). Each ``<tu>`` carries the
document, paragraph and sentence number, confidence, alignment type and score, and one
``<prop type="x-flag">`` plus a ``<note>`` per flag; a unit whose English is machine translation has
``creationid="MT"`` (and the run's ``creationdate``), which CAT tools show as its creator, so
that a memory it is imported into tells it from a translator's work. The German is the
sentence's text as it stands in the document (no-break spaces kept), so CAT tools match it
exactly. Characters that XML 1.0 forbids are removed. The languages (``srclang``, each
``<tuv>``'s ``xml:lang``) are :attr:`WriteOptions.languages` (de, en unless told: "de-CH",
"en-GB"). :func:`read` reads a TMX written here back into records, by language whatever the
region.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from lxml import etree

from translate.files import data_file
from translate.provenance import TOOL, Provenance
from translate.record import Flag, SegmentPair, Severity
from translate.writers.base import Format, WriteOptions

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
#: provenance fields written as header props, and their prop names
_HEADER_PROPS = {"model": "x-model", "model_sha256": "x-model-sha256", "settings": "x-settings", "rules": "x-rules"}


#: the creator of a unit whose English is machine translation (tu/@creationid)
MT_CREATOR = "MT"


def clean(text: str) -> str:
    """Remove characters that XML 1.0 cannot carry."""
    return _XML_FORBIDDEN.sub("", text)


def _prop(parent: etree._Element, kind: str, value: object) -> None:
    el = etree.SubElement(parent, "prop", type=kind)
    el.text = clean(str(value))


def _header(prov: Provenance, srclang: str) -> etree._Element:
    header = etree.Element(
        "header", creationtool=TOOL, creationtoolversion=prov.tool_version,
        segtype="sentence", **{"o-tmf": TOOL}, adminlang="en-US", srclang=srclang,
        datatype="plaintext", creationdate=prov.stamp)
    for key, prop in _HEADER_PROPS.items():
        if value := getattr(prov, key):
            _prop(header, prop, value)
    for k, v in sorted(prov.extra.items()):
        _prop(header, f"x-{k}", v)
    return header


def _tu(r: SegmentPair, languages: tuple[str, str], stamp: str) -> etree._Element:
    # a machine translation says so where a CAT tool shows who made a unit ("Created by: MT"), so
    # that a memory it is imported into tells it from a translator's work; an aligned unit is theirs
    made = {"creationid": MT_CREATOR, "creationdate": stamp} if r.confidence is not None else {}
    tu = etree.Element("tu", made)
    _prop(tu, "x-document", r.document)
    _prop(tu, "x-paragraph", r.paragraph)
    _prop(tu, "x-sentence", r.sentence)
    if r.confidence is not None:
        _prop(tu, "x-confidence", f"{r.confidence:.4f}")
    if r.align_type:
        _prop(tu, "x-align-type", r.align_type)
    if r.align_score is not None:
        _prop(tu, "x-align-score", f"{r.align_score:.4f}")
    if r.block:
        _prop(tu, "x-block", r.block)
    if r.locator:
        _prop(tu, "x-locator", r.locator)
    for f in r.flags:
        _prop(tu, "x-flag", f"{f.code}:{f.severity.name}:{f.start}-{f.end}")
    for f in r.flags:
        note = etree.SubElement(tu, "note")
        note.text = clean(f"[{f.severity.name}] {f.code}: {f.message}")
    for lang, text in zip(languages, (r.source_original, r.target)):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        seg = etree.SubElement(tuv, "seg")
        seg.text = clean(text)
    return tu


def write(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance, opts: WriteOptions) -> None:
    """Stream the units (memory does not grow with the number of records)."""
    with etree.xmlfile(outs[0], encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write_doctype(DOCTYPE)
        with xf.element("tmx", version="1.4"):
            xf.write("\n  ")
            xf.write(_header(prov, opts.languages[0]), pretty_print=False)
            xf.write("\n  ")
            with xf.element("body"):
                for r in records:
                    xf.write("\n    ")
                    xf.write(_tu(r, opts.languages, prov.stamp))
                xf.write("\n  ")
            xf.write("\n")


FORMAT = Format(
    "tmx", "TMX 1.4b translation memory (CAT tools)", (".tmx",), write,
    fields=("document", "paragraph", "sentence", "source_original", "target", "confidence", "align_type",
            "align_score", "flags"),
    drops_one_sided="unaligned")


def dtd() -> etree.DTD:
    with data_file("tmx14.dtd").open("rb") as fh:
        return etree.DTD(fh)


def validate(path: Path) -> list[str]:
    """DTD errors of a TMX file (empty when valid)."""
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    doc = etree.parse(str(path), parser)
    d = dtd()
    return [] if d.validate(doc) else [str(e) for e in d.error_log.filter_from_errors()]


def read(path: Path) -> list[SegmentPair]:
    """Read a TMX written by :func:`write` back into records (round trip)."""
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    root = etree.parse(str(path), parser).getroot()
    out: list[SegmentPair] = []
    for tu in root.iter("tu"):
        props: dict[str, list[str]] = {}
        for p in tu.findall("prop"):
            props.setdefault(p.get("type", ""), []).append(p.text or "")
        # by language, whatever the region ("de-DE", "en-GB": --languages)
        segs = {(tuv.get(XML_LANG) or "").split("-")[0].lower(): (tuv.findtext("seg") or "")
                for tuv in tu.findall("tuv")}
        notes = [n.text or "" for n in tu.findall("note")]
        flags = []
        for raw, note in zip(props.get("x-flag", []), notes):
            code, sev, span = raw.split(":")
            start, end = (int(x) for x in span.split("-"))
            flags.append(Flag(code, Severity[sev], note.split(": ", 1)[-1], start, end))

        first = {k: v[0] for k, v in props.items()}
        conf, ascore = first.get("x-confidence"), first.get("x-align-score")
        out.append(SegmentPair(
            document=first.get("x-document", ""), paragraph=int(first.get("x-paragraph", 0)),
            sentence=int(first.get("x-sentence", 0)), source=segs.get("de", ""),
            source_original=segs.get("de", ""), target=segs.get("en", ""),
            confidence=float(conf) if conf else None, align_type=first.get("x-align-type", ""),
            align_score=float(ascore) if ascore else None, flags=flags))
    return out
