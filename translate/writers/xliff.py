"""XLIFF 1.2 (valid against the OASIS strict schema), the bilingual file CAT tools open.

One ``<file>`` per document (``original`` = the document's path, source-language and
target-language from :attr:`WriteOptions.languages`, de and en unless told, datatype plaintext)
with the provenance in its header (``<tool>`` and a ``<note>``), a ``<group>`` per paragraph,
one ``<trans-unit>`` per sentence: ``id`` counts the document's units (stable for the same
input), ``resname`` is ``paragraph.sentence``. The source is the sentence as it stands in the
document; the target is the machine translation, marked ``state="needs-review-translation"
state-qualifier="mt-suggestion"``, or in ``align`` the translator's English,
``state="translated"`` (``needs-review-translation`` where the link is flagged); a unit without
a translation (unaligned in ``align``) has no target. Each flag is a ``<note>`` (priority 1 for
errors, 3 for warnings, 8 for info) and the confidence a note of priority 10.

Trados, memoQ, Phrase and MateCat take the MT as the target. (OmegaT 3.6 reads XLIFF targets as
source text: for OmegaT use ``--format omegat``.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain, groupby
from typing import IO

from lxml import etree

from translate.provenance import TOOL, Provenance
from translate.record import SegmentPair, Severity
from translate.writers.base import Format, WriteOptions
from translate.writers.tmx import clean

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PRIORITY = {Severity.error: "1", Severity.warning: "3", Severity.info: "8"}


def _el(tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    el = etree.Element(tag, {k.replace("_", "-"): v for k, v in attrib.items()})
    if text is not None:
        el.text = clean(text)
    return el


def _header(prov: Provenance) -> etree._Element:
    header = _el("header")
    header.append(_el("tool", tool_id=TOOL, tool_name=TOOL, tool_version=prov.tool_version))
    header.append(_el("note", "; ".join(f"{k}={v}" for k, v in prov.fields().items()), **{"from": TOOL},
                      priority="10"))
    return header


def _unit(k: int, r: SegmentPair, languages: tuple[str, str]) -> etree._Element:
    unit = _el("trans-unit", id=str(k), resname=f"{r.paragraph}.{r.sentence}")
    unit.append(_el("source", r.source_original, **{XML_LANG: languages[0]}))
    if r.source and r.target:
        if r.confidence is not None:  # machine translation: a suggestion to review
            state = {"state": "needs-review-translation", "state_qualifier": "mt-suggestion"}
        else:  # a translator's English, linked by `align`: translated, unless the link is in doubt
            state = {"state": "needs-review-translation" if r.flagged() else "translated"}
        unit.append(_el("target", r.target, **state, **{XML_LANG: languages[1]}))
    for f in r.flags:
        unit.append(_el("note", f"[{f.severity.name}] {f.code}: {f.message}", **{"from": TOOL},
                        priority=PRIORITY[f.severity], annotates="source"))
    if r.confidence is not None:
        unit.append(_el("note", f"confidence {r.confidence:.4f} (geometric mean token probability)",
                        **{"from": TOOL}, priority="10", annotates="target"))
    if r.align_type:
        unit.append(_el("note", f"alignment {r.align_type}" + (f", similarity {r.align_score:.4f}"
                                                               if r.align_score is not None else ""),
                        **{"from": TOOL}, priority="10", annotates="general"))
    return unit


def write(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance, opts: WriteOptions) -> None:
    """Stream the files and units (memory does not grow with the number of records)."""
    with etree.xmlfile(outs[0], encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element("xliff", version="1.2", nsmap={None: NS}):
            documents = groupby(records, key=lambda r: r.document)
            first = next(documents, None)
            if first is None:  # no units: the schema still wants a <file>
                documents = iter([(prov.extra.get("document", "document"), iter(()))])
            else:
                documents = chain([first], documents)
            for document, units in documents:
                xf.write("\n")
                with xf.element("file", original=document or "document", datatype="plaintext",
                                **{"source-language": opts.languages[0], "target-language": opts.languages[1]}):
                    xf.write("\n", _header(prov), "\n")
                    with xf.element("body"):
                        k = 0
                        for paragraph, group in groupby(units, key=lambda r: r.paragraph):
                            members = list(group)  # one paragraph's sentences
                            xf.write("\n")
                            # where a reviewer finds it: "footnote 1", "table 1 row 2 cell 1" in a structured document
                            where = members[0].locator or f"paragraph {paragraph}"
                            with xf.element("group", id=f"p{paragraph}-{k + 1}", resname=where):
                                for r in members:
                                    k += 1
                                    xf.write("\n", _unit(k, r, opts.languages))
                                xf.write("\n")
                        xf.write("\n")
                    xf.write("\n")
            xf.write("\n")


FORMAT = Format("xliff", "XLIFF 1.2 for Trados, memoQ, Phrase, MateCat: MT as target to review", (".xlf",), write,
                fields=("document", "paragraph", "sentence", "source_original", "target", "confidence", "flags",
                        "align_type", "align_score"))
