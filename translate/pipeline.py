"""The pipeline, top-down: read → normalise → segment → flag → translate → (align) → write.

Library functions that the CLI calls; everything the CLI does can be done from Python with
the same names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from translate import __version__
from translate.errors import InputError
from translate.flag import flag_source, flag_translations
from translate.normalise import Wrap, normalise, paragraphs
from translate.read import Source, read_document
from translate.record import SegmentPair
from translate.segment import segmenter
from translate.translator import Engine, Translation
from translate.writers import SUFFIX, Meta, get_writer

#: Frequent German and English function words: `check_language` compares their counts.
_MARKERS = {
    "de": frozenset(
        "der die das und ist nicht ein eine zu mit den von sich auf für des im dem auch es sie "
        "wird werden sind war hat haben dass als bei nach oder wie noch aus um".split()
    ),
    "en": frozenset(
        "the and of to is that it for with as on are be this by".split()  # not "in", "was": German too
    ),
}
_LANGUAGE = {"de": "German", "en": "English"}


def check_language(source: Source, lang: str = "de", hint: str | None = None) -> None:
    """Refuse text that is clearly not in ``lang``: few of its function words, more of the other's."""
    words = [w.strip(".,;:!?\"'()„“”").lower() for w in source.text.split()[:2000]]
    if len(words) < 8:
        return  # too short to tell
    other = "en" if lang == "de" else "de"
    ours = sum(w in _MARKERS[lang] for w in words)
    theirs = sum(w in _MARKERS[other] for w in words)
    if ours < 0.03 * len(words) and theirs >= max(3, 2 * ours):
        raise InputError(f"{source.path or source.name}: the text does not look {_LANGUAGE[lang]} "
                         f"({ours} {_LANGUAGE[lang]} vs {theirs} {_LANGUAGE[other]} function words)",
                         hint=hint)


def check_german(source: Source) -> None:
    """Refuse text that is clearly not German (mostly English function words, or none)."""
    check_language(source, "de", hint="the model translates German into English")


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


def apply_translations(records: Sequence[SegmentPair], results: Sequence[Translation]) -> list[SegmentPair]:
    """Attach translations (one per record, in order) and add the translation-side flags."""
    out = [replace(r, target=t.text, confidence=t.confidence, score=t.score, flags=list(r.flags))
           for r, t in zip(records, results, strict=True)]
    flag_translations(out)
    return out


def translate_records(records: Sequence[SegmentPair], engine: Engine) -> list[SegmentPair]:
    """Translate every record in one batched engine call, then add translation-side flags."""
    return apply_translations(records, engine.translate([r.source for r in records]))


def meta_for(engine: Engine | None, **extra: str) -> Meta:
    if engine is None:
        return Meta(tool_version=__version__, extra=dict(extra))
    return Meta(tool_version=__version__, model=engine.package.signature(),
                settings=engine.settings.signature(), extra=dict(extra))


@dataclass(frozen=True)
class Written:
    records: list[SegmentPair]
    paths: list[Path]


def write_outputs(records: Iterable[SegmentPair], out_dir: Path, stem: str, formats: Sequence[str],
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


def _sentences(source: Source, lang: str, presegmented: bool) -> list[SegmentPair]:
    if not presegmented:
        return segment_source(source, Wrap.auto, lang)
    lines = [ln.strip() for ln in source.text.splitlines()]
    return [SegmentPair(source.name, 1, k, normalise(ln), ln) for k, ln in enumerate(
        (ln for ln in lines if ln), start=1)]


def align_documents(de_path: str | Path, en_path: str | Path, engine: Engine | None = None,
                    mt_file: str | Path | None = None, presegmented: bool = False) -> list[SegmentPair]:
    """Align a German document with its English translation into records (see translate.align).

    Machine-translation help comes from ``mt_file`` (one line per German sentence) or from
    ``engine``; with neither, the aligner uses length and cheap anchors only.
    """
    from translate.align import align
    from translate.record import Flag, Severity

    de_src, en_src = read_document(de_path), read_document(en_path)
    order = "align takes the German document first, then its English translation"
    check_language(de_src, "de", hint=order)
    check_language(en_src, "en", hint=order)
    de, en = _sentences(de_src, "de", presegmented), _sentences(en_src, "en", presegmented)
    mt: list[str] | None = None
    if mt_file is not None:
        mt = [ln.strip() for ln in read_document(mt_file).text.splitlines() if ln.strip()]
        if len(mt) != len(de):
            raise InputError(f"{mt_file}: {len(mt)} lines, but the German has {len(de)} sentences",
                             hint="the MT file needs one line per German sentence (use --presegmented)")
    elif engine is not None:
        mt = [t.text for t in engine.translate([r.source for r in de])]
    links = align([r.source for r in de], [r.source for r in en], mt)
    weak = 0.3 if mt is not None else None  # without MT a low anchor score is no evidence
    records: list[SegmentPair] = []
    for link in links:
        ds = [de[i] for i in link.de]
        es = [en[j] for j in link.en]
        first = ds[0] if ds else None
        rec = SegmentPair(
            document=de_src.name, paragraph=first.paragraph if first else 0,
            sentence=first.sentence if first else 0,
            source=" ".join(r.source for r in ds), source_original=" ".join(r.source_original for r in ds),
            src_start=first.src_start if first else 0, src_end=ds[-1].src_end if ds else 0,
            target=" ".join(r.source_original for r in es), align_type=link.kind, align_score=link.score,
            target_paragraph=es[0].paragraph if es else None, target_sentence=es[0].sentence if es else None)
        if weak is not None and ds and es and link.score < weak:
            rec.flags.append(Flag("weak-link", Severity.warning,
                                  f"alignment similarity {link.score:.2f} is below {weak:.2f}"))
        records.append(rec)
    return records
