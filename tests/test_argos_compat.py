"""Compatibility with argostranslate itself (skipped unless it happens to be installed).

A package installed by this tool is listed by argostranslate and gives the same translation and
score for three sentences; a package installed by argostranslate is found and used by this tool.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import FIXTURE_MODEL
from translate.models import install_file
from translate.package import find_package
from translate.translator import Engine

pytestmark = pytest.mark.skipif(importlib.util.find_spec("argostranslate") is None,
                                reason="argostranslate is not installed (optional extra: .[argos])")

SENTENCES = ["Das Haus ist groß.", "Der Hund schläft.",
             "Huawei könnte eine Partnerschaft mit AT&T eingehen, um in die USA zu kommen."]


def _argos_translate(pkg_path: Path) -> list[tuple[str, float]]:
    import ctranslate2
    from argostranslate import package as apkg
    from argostranslate import sbd
    from argostranslate.translate import apply_packaged_translation

    class OneSentence(sbd.ISentenceBoundaryDetectionModel):
        def split_sentences(self, text: str) -> list[str]:
            return [text]

    pkg = apkg.Package(pkg_path)
    translator = ctranslate2.Translator(str(pkg_path / "model"), device="cpu")
    out = []
    for s in SENTENCES:
        hyp = apply_packaged_translation(pkg, s, translator, OneSentence(), num_hypotheses=1)[0]
        out.append((hyp.value, hyp.score))
    return out


def test_installed_here_listed_and_same_translation_there(tmp_path: Path) -> None:
    from argostranslate import package as apkg

    root = tmp_path / "packages"
    ours = install_file(FIXTURE_MODEL, root)
    listed = apkg.get_installed_packages([root])
    assert [(p.from_code, p.to_code, p.package_path.name) for p in listed] == [("de", "en", ours.name)]
    theirs = _argos_translate(listed[0].package_path)
    mine = Engine(ours).translate(SENTENCES)
    for (value, score), t in zip(theirs, mine):
        assert t.text == value
        assert t.score == pytest.approx(score, abs=1e-5)


def test_installed_there_found_here() -> None:
    from argostranslate import package as apkg
    from argostranslate import settings

    apkg.install_from_path(FIXTURE_MODEL)  # argostranslate's own install
    root = Path(settings.package_data_dir)
    pkg = find_package(None, directory=root)
    assert pkg.name in [p.package_path.name for p in apkg.get_installed_packages([root])]
    assert Engine(pkg).translate(SENTENCES[:1])[0].text == "The house is big."
