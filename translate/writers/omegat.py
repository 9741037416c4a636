"""A ready OmegaT project: open the folder in OmegaT and every segment is filled in.

``NAME-omegat/omegat.project`` (German → English, sentence segmentation off: our sentences
are the segments; the folders ``omegat/``, ``target/``, ``glossary/`` and ``dictionary/``
OmegaT requires), ``NAME-omegat/source/NAME.txt`` (one sentence a paragraph, as it stands in
the document) and ``NAME-omegat/tm/auto/NAME.tmx`` (the machine translation; OmegaT inserts
``tm/auto`` matches into the segments, with the flags as TMX notes). OmegaT 3.6 reads XLIFF
targets as source text, so for OmegaT this, not XLIFF, is the way in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from translate.provenance import Provenance
from translate.record import SegmentPair
from translate.writers.base import Format, WriteOptions, text
from translate.writers.tmx import write as write_tmx

_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes>
      <mask>**/.svn/**</mask>
      <mask>**/CVS/**</mask>
      <mask>**/.git/**</mask>
      <mask>**/.DS_Store</mask>
    </source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneGermanTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def write(records: Iterable[SegmentPair], outs: Sequence[IO[bytes]], prov: Provenance, opts: WriteOptions) -> None:
    project, source, memory = outs
    source_lang, target_lang = (code.upper() for code in opts.languages)  # as OmegaT writes them: "DE-DE"
    project.write(PROJECT.format(source=source_lang, target=target_lang).encode("utf-8"))
    with text(source) as src:

        def through(rs: Iterable[SegmentPair]) -> Iterator[SegmentPair]:
            for r in rs:  # one sentence a paragraph: OmegaT's text filter makes each one segment
                # line breaks out, no-break spaces kept: OmegaT matches tm/auto against this text exactly
                src.write(_LINE_BREAKS.sub(" ", r.source_original).strip(" ") + "\n\n")
                yield r

        write_tmx(through(records), [memory], prov, opts)


FORMAT = Format("omegat", "a ready OmegaT project (NAME-omegat/): every segment pre-filled with the MT",
                ("-omegat/omegat.project", "-omegat/source/{stem}.txt", "-omegat/tm/auto/{stem}.tmx"), write,
                fields=("source_original", "target", "flags", "confidence"), drops_one_sided="always",
                folders=("-omegat/omegat", "-omegat/target", "-omegat/glossary", "-omegat/dictionary"))
