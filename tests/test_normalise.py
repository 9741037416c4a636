"""Reading and normalisation: NFC, spaces, soft hyphens, paragraphs, offsets."""

from __future__ import annotations

import unicodedata

import pytest

from translate.errors import InputError
from translate.normalise import Wrap, looks_hard_wrapped, normalise, paragraphs
from translate.read import decode, decode_as, text_codec


def test_nfc_spaces_soft_hyphens() -> None:
    decomposed = unicodedata.normalize("NFD", "Größe")
    text = f"{decomposed}\u00a0und\u2009Ma\u00adß  \t hier"
    assert normalise(text) == "Größe und Maß hier"


def test_offsets_point_back_to_the_original() -> None:
    text = "\u00a0Die\u00a0In\u00adformation  berichtet.\r\n\r\nZweiter Absatz."
    ps = paragraphs(text)
    assert [p.text for p in ps] == ["Die Information berichtet.", "Zweiter Absatz."]
    start, end = ps[0].original_span(0, len(ps[0].text))
    assert text[start:end] == "Die\u00a0In\u00adformation  berichtet."
    s2, e2 = ps[1].original_span(0, len(ps[1].text))
    assert text[s2:e2] == "Zweiter Absatz."
    # a combining mark with no precomposed form (NFC keeps it apart) at the end of a span
    text = "Die\u00a0Variable x\u0301"
    (p,) = paragraphs(text)
    assert text[slice(*p.original_span(0, len(p.text)))] == text


def test_single_newlines_separate_paragraphs_unless_wrapped() -> None:
    assert len(paragraphs("Titel\nErster Satz.\nZweiter Satz.")) == 3
    wrapped = (
        "Die Regierung hat am Montag ein neues Gesetz vorgestellt, das die\n"
        "Mieten in den großen Städten begrenzen soll. Kritiker halten das für\n"
        "zu wenig und fordern weitere Schritte von der Regierung und vom\n"
        "Parlament, das im Herbst über den Entwurf abstimmen wird, wie es\n"
        "heißt.\n"
    )
    assert looks_hard_wrapped(wrapped.splitlines())
    assert len(paragraphs(wrapped)) == 1
    assert len(paragraphs(wrapped, Wrap.lines)) == 5
    assert len(paragraphs("Eins.\nZwei.", Wrap.paragraphs)) == 1


def test_a_line_ending_in_an_article_continues() -> None:
    assert [p.text for p in paragraphs("Frauen sollten während der\nersten Monate essen.")] == [
        "Frauen sollten während der ersten Monate essen."]


def test_decode() -> None:
    assert decode(b"\xef\xbb\xbfabc") == "abc"
    assert decode("äöü".encode("utf-16")) == "äöü"
    assert decode(b"ok\n\xe4") == "ok\nä"  # windows-1252, plainly German
    with pytest.raises(InputError, match="line 2"):
        decode(b"ok\nB\x84ume")  # cp850's ä, which windows-1252 reads „ inside a word
    with pytest.raises(InputError, match="line 2"):
        decode("ok\nä".encode() + b"\xe4")  # UTF-8 with a stray byte: broken, not windows-1252
    chance = "Die Straßenbahn fährt nicht. „Das ist ein Muß“, sagte er zu Fuß\u00a0heute."
    assert decode(chance.encode("cp1252")) == chance  # "ß“" is 0xdf 0x93, an N'Ko letter in UTF-8: chance
    with pytest.raises(InputError, match="line 1"):
        decode("Привет, как дела".encode() + b"\xff")  # broken UTF-8 in another script


def test_decode_in_the_code_page_the_user_names() -> None:
    dos = "Die Größe der Bäume.\x1a".encode("cp850")  # DOS ends a file with Ctrl-Z: removed later, not binary
    assert decode_as(dos, "x", "cp850") == ("Die Größe der Bäume.\x1a", "cp850")
    assert decode_as("Die Größe.".encode(), "x", "cp850") == ("Die Größe.", "")  # UTF-8 stays UTF-8
    assert decode_as("Größe".encode("utf-16"), "x", "cp850") == ("Größe", "")
    assert decode_as("Größe".encode("mac-roman"), "x", "mac-roman") == ("Größe", "mac-roman")
    with pytest.raises(InputError, match="broken UTF-8"):  # any byte is a cp850 letter: the guard stays
        decode_as("ok\nä".encode() + b"\xe4", "x", "cp850")
    with pytest.raises(InputError, match="U\\+0094 at line 2"):  # cp850's ö read as Latin-1: a C1 control
        decode_as("ok\nGröße".encode("cp850"), "x", "iso8859-1")
    with pytest.raises(InputError, match="binary"):
        decode_as(bytes(range(1, 256)) * 4 + bytes(64), "x", "cp850")
    assert text_codec("latin-1") == "iso8859-1" and text_codec("MacRoman") == "mac-roman"
    for bad in ("klingon", "base64", "rot13"):
        with pytest.raises(ValueError, match=bad):
            text_codec(bad)


def test_the_run_copying_path_normalises_as_the_character_loop_does() -> None:
    """NFC text with special characters (no-break spaces, soft hyphens, carriage returns,
    controls) takes the fast path; it must give what the character-by-character loop gives."""
    import random

    from translate.normalise import _collapse, _normalise_each, _replace_special

    pieces = list("ab äöß.\n\r\t") + ["\u00a0", "\u202f", "\u2003", "\u3000", "\u00ad", "\u2060", "\ufeff", "\x0b",
                                      "\x0c", "\x85", "\u2028", "\u2029", "\u200b", "\x1c", "\x01", "\x7f", "\r\n"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert unicodedata.is_normalized("NFC", text)
        fast = _replace_special(text)
        assert fast == _normalise_each(text), repr(text)
        collapsed, origin = _collapse(*fast)
        assert collapsed == "\n".join(" ".join(line.split()) for line in fast[0].split("\n")), repr(text)
        assert len(origin) == len(collapsed)
        assert all(text[origin[k]] == c for k, c in enumerate(collapsed) if c not in " \n"), repr(text)


@pytest.mark.parametrize(("text", "joined"), [
    ("Die Bundes-\nregierung", "Die Bundesregierung"),  # a word divided at the line's end
    ("die US-\nRegierung und 2021-\n2022", "die US-Regierung und 2021-2022"),  # a compound at its hyphen
    ("die Bundes-\nund Landesregierung", "die Bundes- und Landesregierung"),  # a suspended compound
    ("Ein-\nbis Zweifamilienhäuser", "Ein- bis Zweifamilienhäuser"),
    ("Er kam -\nund ging", "Er kam - und ging"),  # a dash, not a hyphen
    ("Er kam\nund ging", "Er kam und ging"),
])
def test_words_divided_at_a_line_end_are_whole_again(text: str, joined: str) -> None:
    from translate.normalise import join_lines

    (p,) = paragraphs(text, Wrap.paragraphs)
    assert p.text == joined
    assert join_lines(text) == joined  # what the outputs show as the original
    assert text[slice(*p.original_span(0, len(p.text)))] == text  # the offsets still cover the original


def test_a_divided_word_joins_its_lines_in_text_that_is_not_hard_wrapped() -> None:
    assert [p.text for p in paragraphs("Titel\nDie Bundes-\nregierung tagt.\nZweiter Satz.")] == [
        "Titel", "Die Bundesregierung tagt.", "Zweiter Satz."]


def test_list_items_are_paragraphs_of_their_own() -> None:
    text = ("Das betrifft viele Menschen:\n- Mieter in großen Städten\n- Eigentümer von Altbauten\n"
            "• Vermieter mit mehr als zehn Wohnungen\n1. Erstens gilt das für alle.\n2. Zweitens gilt es sofort.")
    assert [p.text for p in paragraphs(text)] == text.split("\n")  # the items once made one paragraph
    wrapped = ("Die Regierung hat am Montag ein neues Gesetz vorgestellt, das ab\n"
               "Januar gilt. Die wichtigsten Punkte, die der Minister nannte, sind:\n"
               "1. Die Mieten in den großen Städten dürfen nur noch langsam steigen\n"
               "und die Vermieter müssen jede Erhöhung ausführlich begründen.\n"
               "2. Das Gesetz gilt zunächst für fünf Jahre und wird dann geprüft.\n"
               "Kritiker halten das für zu wenig und fordern weitere Schritte am\n"
               "3. Oktober, wenn das Parlament über den Entwurf abstimmen wird.")
    assert [p.text[:12] for p in paragraphs(wrapped)] == ["Die Regierun", "1. Die Miete", "2. Das Geset"]


def test_a_line_indented_under_a_list_item_goes_on_the_item() -> None:
    text = ("Die wichtigsten Punkte:\n- Mieter zahlen weniger\n  Nebenkosten als bisher.\n"
            "- Vermieter bekommen einen Zuschuss.\nDer Rat stimmte zu.\n  Eingerückt, aber kein Punkt.")
    (p,) = paragraphs(text)[1:2]
    assert p.text == "- Mieter zahlen weniger Nebenkosten als bisher."
    assert text[slice(*p.original_span(0, len(p.text)))] == "- Mieter zahlen weniger\n  Nebenkosten als bisher."
    assert [q.text for q in paragraphs(text)][2:] == [  # not under an item: a line of its own, as before
        "- Vermieter bekommen einen Zuschuss.", "Der Rat stimmte zu.", "Eingerückt, aber kein Punkt."]
    assert len(paragraphs(text, "lines")) == 6  # --wrap lines: every line, as asked


def test_unicode_hyphens_become_the_hyphen_the_model_knows_and_the_original_keeps_them() -> None:
    text = "Die S\u2011Bahn und die U\u2010Bahn fahren."
    (p,) = paragraphs(text)
    assert p.text == "Die S-Bahn und die U-Bahn fahren."
    assert text[slice(*p.original_span(0, len(p.text)))] == text
