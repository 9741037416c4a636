"""Is a document in the language it should be? A check on its function words, before any work.

German articles are refused when they read as English (or as nothing German), and in
``align`` each side is checked against its language, so that swapped files are caught.
"""

from __future__ import annotations

from translate.errors import InputError
from translate.read import Source

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
