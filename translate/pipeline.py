"""The pipeline, top-down: read → normalise → segment → flag → translate → (align) → write.

Library functions that the CLI calls; everything the CLI does can be done from Python with
the same names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from translate import __version__
from translate.errors import InputError
from translate.flag import flag_source, flag_translations
from translate.normalise import Wrap, paragraphs
from translate.read import Source, read_document
from translate.record import SegmentPair
from translate.segment import segmenter
from translate.translator import Engine
from translate.writers import SUFFIX, Meta, get_writer

#: A share of ASCII letters in German function words below which text is "not German".
_GERMAN_MARKERS = frozenset(
    "der die das und ist nicht ein eine zu mit den von sich auf für des im dem auch es sie "
    "wird werden sind war hat haben dass als bei nach oder wie noch aus um".split()
)
_ENGLISH_MARKERS = frozenset(
    "the and of to is in that it for was with as on are be this by".split()
)


def check_german(source: Source) -> None:
    """Refuse text that is clearly not German (mostly English function words, or none)."""
    words = [w.strip(".,;:!?\"'()„“”").lower() for w in source.text.split()[:2000]]
    if len(words) < 8:
        return  # too short to tell
    de = sum(w in _GERMAN_MARKERS for w in words)
    en = sum(w in _ENGLISH_MARKERS for w in words)
    if de < 0.03 * len(words) and en > de:
        raise InputError(f"{source.name}: the text does not look German "
                         f"({de} German vs {en} English function words)",
                         hint="the model translates German into English")


def segment_source(source: Source, wrap: Wrap | str = Wrap.auto, lang: str = "de") -> list[SegmentPair]:
    """Normalise and segment a document into records (source side only)."""
    seg = segmenter(lang)
    records: list[SegmentPair] = []
    for para in paragraphs(source.text, wrap):
        for sent in seg.sentences([para]):
            start, end = para.original_span(sent.start, sent.end)
            original = " ".join(source.text[start:end].strip().splitlines())
            records.append(SegmentPair(
                document=source.name, paragraph=sent.paragraph, sentence=sent.index,
                source=sent.text.strip(), source_original=original, src_start=start, src_end=end))
    return records


def prepare(source: Source, wrap: Wrap | str = Wrap.auto, check_language: bool = True) -> list[SegmentPair]:
    """read → normalise → segment → flag (source side): everything that needs no model."""
    if check_language:
        check_german(source)
    records = segment_source(source, wrap)
    if not records:
        raise InputError(f"{source.name}: no text to translate")
    flag_source(records, source.text)
    return records


def translate_records(records: Sequence[SegmentPair], engine: Engine) -> list[SegmentPair]:
    """Translate every record in one batched engine call, then add translation-side flags."""
    results = engine.translate([r.source for r in records])
    out = [replace(r, target=t.text, confidence=t.confidence, score=t.score, flags=list(r.flags))
           for r, t in zip(records, results)]
    flag_translations(out)
    return out


def meta_for(engine: Engine | None, **extra: str) -> Meta:
    if engine is None:
        return Meta(tool_version=__version__, extra=dict(extra))
    return Meta(tool_version=__version__, model=engine.package.signature(),
                settings=engine.settings.signature(), extra=dict(extra))


@dataclass(frozen=True)
class Written:
    records: list[SegmentPair]
    paths: list[Path]


def write_outputs(records: Sequence[SegmentPair], out_dir: Path, stem: str, formats: Sequence[str],
                  meta: Meta, excel: bool = False, keep_unaligned: bool = True) -> list[Path]:
    paths = []
    for fmt in formats:
        path = out_dir / f"{stem}{SUFFIX[fmt]}"
        writer = get_writer(fmt)
        if fmt == "csv":
            writer(records, path, meta, excel=excel)  # type: ignore[call-arg]
        elif fmt == "tmx":
            writer(records, path, meta, keep_unaligned=keep_unaligned)  # type: ignore[call-arg]
        else:
            writer(records, path, meta)
        paths.extend([path.with_name(path.name + ".de"), path.with_name(path.name + ".en")]
                     if fmt == "moses" else [path])
    return paths


def translate_article(path: str | Path, engine: Engine, out_dir: str | Path,
                      formats: Sequence[str] = ("tmx", "csv"), wrap: Wrap | str = Wrap.auto,
                      excel: bool = False) -> Written:
    """The main job: one German article in, aligned TMX/CSV (and more) out."""
    source = read_document(path)
    records = translate_records(prepare(source, wrap), engine)
    paths = write_outputs(records, Path(out_dir), source.name, formats,
                          meta_for(engine, document=source.name), excel=excel)
    return Written(records, paths)
