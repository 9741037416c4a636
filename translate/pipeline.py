"""One document through the pipeline, top-down: read → normalise → segment → flag → translate →
(align) → write.

The library functions the CLI calls for single documents (``article``, ``check``, ``segment``,
``align``); everything the CLI does can be done from Python with the same names. Folders are
:mod:`translate.batch` and :mod:`translate.align_batch`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from translate.align import align
from translate.errors import InputError, ModelError
from translate.flag import Stage, flag
from translate.language import check_german, check_language
from translate.normalise import Wrap, normalise, paragraphs
from translate.package import find_package
from translate.provenance import Provenance
from translate.read import Source, document_name, read_document
from translate.record import SegmentPair
from translate.segment import segmenter
from translate.translator import Engine, Settings, Translation, provenance, settings_for
from translate.writers import WriteOptions, write_files


def load_engine(model: str | None = None, packages_dir: str | Path | None = None,
                settings: Settings | None = None) -> Engine:
    """The engine for ``model`` (a file, folder or installed name), else the newest installed
    de→en package. Raises ModelError with an install hint when there is none."""
    return Engine(find_package(model, directory=packages_dir), settings or settings_for("cpu"))


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
    flag(records, Stage.source, source.text)
    return records


def apply_translations(records: Sequence[SegmentPair], results: Sequence[Translation]) -> list[SegmentPair]:
    """Attach translations (one per record, in order) and add the translation-side flags."""
    out = [replace(r, target=t.text, confidence=t.confidence, score=t.score, pieces=t.pieces, flags=list(r.flags))
           for r, t in zip(records, results, strict=True)]
    flag(out, Stage.translation)
    return out


def translate_records(records: Sequence[SegmentPair], engine: Engine) -> list[SegmentPair]:
    """Translate every record in one batched engine call, then add translation-side flags."""
    return apply_translations(records, engine.translate([r.source for r in records]))


@dataclass(frozen=True)
class Written:
    records: list[SegmentPair]
    paths: list[Path]
    provenance: Provenance


def translate_article(path: str | Path, engine: Engine, out_dir: str | Path,
                      formats: Sequence[str] = ("tmx", "csv"), wrap: Wrap | str = Wrap.auto,
                      options: WriteOptions | None = None, created: str = "", force: bool = False) -> Written:
    """The main job: one German article in, aligned TMX/CSV (and more) out. ``created`` fixes
    the creation time recorded in the files (default: now, or ``SOURCE_DATE_EPOCH``); ``force``
    translates a document that does not look German."""
    source = read_document(path)
    records = translate_records(prepare(source, wrap, check_language=not force), engine)
    prov = engine.provenance(created, document=source.name)
    paths = write_files(records, Path(out_dir), source.name, formats, prov, options)
    return Written(records, paths, prov)


def check_document(path: str | Path, wrap: Wrap | str = Wrap.auto, engine: Engine | None = None,
                   force: bool = False) -> list[SegmentPair]:
    """``translate check``: the source-side flags, and with an engine the translation-side ones."""
    records = prepare(read_document(path), wrap, check_language=not force)
    return translate_records(records, engine) if engine is not None else records


# -- alignment -------------------------------------------------------------------------------

def _sentences(source: Source, lang: str, presegmented: bool) -> list[SegmentPair]:
    if not presegmented:
        return segment_source(source, Wrap.auto, lang)
    lines = [ln.strip() for ln in source.text.splitlines()]
    return [SegmentPair(source.name, 1, k, normalise(ln), ln) for k, ln in enumerate(
        (ln for ln in lines if ln), start=1)]


def alignment_engine(model: str | None, packages_dir: str | Path | None, use_mt: bool = True,
                     mt_file: str | Path | None = None, settings: Settings | None = None) -> tuple[Engine | None, str]:
    """The engine that guides an alignment, and a note when there is none: no engine with an
    MT file or ``use_mt=False``; a missing default model falls back to length and anchors
    (a model asked for by name must exist)."""
    if mt_file is not None or not use_mt:
        return None, ""
    try:
        return load_engine(model, packages_dir, settings), ""
    except ModelError:
        if model:
            raise
        return None, "no translation model found: aligning by length and anchors only"


def similarity_mode(engine: Engine | None, mt_file: str | Path | None) -> str:
    return "mt-file" if mt_file else ("mt" if engine else "length+anchors")


def align_documents(de_path: str | Path, en_path: str | Path, engine: Engine | None = None,
                    mt_file: str | Path | None = None, presegmented: bool = False) -> list[SegmentPair]:
    """Align a German document with its English translation into records (see translate.align).

    Machine-translation help comes from ``mt_file`` (one line per German sentence) or from
    ``engine``; with neither, the aligner uses length and cheap anchors only.
    """
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
    records: list[SegmentPair] = []
    for link in align([r.source for r in de], [r.source for r in en], mt):
        ds = [de[i] for i in link.de]
        es = [en[j] for j in link.en]
        first = ds[0] if ds else None
        records.append(SegmentPair(
            document=de_src.name, paragraph=first.paragraph if first else 0,
            sentence=first.sentence if first else 0,
            source=" ".join(r.source for r in ds), source_original=" ".join(r.source_original for r in ds),
            src_start=first.src_start if first else 0, src_end=ds[-1].src_end if ds else 0,
            target=" ".join(r.source_original for r in es), align_type=link.kind, align_score=link.score,
            target_paragraph=es[0].paragraph if es else None, target_sentence=es[0].sentence if es else None))
    flag(records, Stage.link, similarity="mt" if mt is not None else "anchors")
    return records


def align_provenance(engine: Engine | None, mt_file: str | Path | None, created: str = "") -> Provenance:
    if engine is not None:
        return engine.provenance(created, mode=similarity_mode(engine, mt_file))
    return provenance(created=created, mode=similarity_mode(engine, mt_file))


def align_pair(de_path: str | Path, en_path: str | Path, out_dir: str | Path, formats: Sequence[str],
               engine: Engine | None = None, mt_file: str | Path | None = None, presegmented: bool = False,
               options: WriteOptions | None = None, created: str = "") -> Written:
    """``translate align DE EN``: align one pair and write ``OUT/NAME.*`` (NAME from the German)."""
    records = align_documents(de_path, en_path, engine, mt_file, presegmented)
    prov = align_provenance(engine, mt_file, created)
    paths = write_files(records, Path(out_dir), document_name(Path(de_path)), formats, prov, options)
    return Written(records, paths, prov)
