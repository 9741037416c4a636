from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_MODEL = ROOT / "tests" / "fixtures" / "translate-de_en-fixture-1_0.argosmodel"
SAMPLE = ROOT / "corpora" / "huawei-att.de.txt"
GOLD = ROOT / "corpora" / "huawei-att.gold.tsv"


def gold_rows() -> list[dict[str, str]]:
    with GOLD.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's packages or cache: every test gets its own."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(base / "packages"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "data"))
    monkeypatch.setenv("TRANSLATE_DICTIONARY", "none")  # not the machine's: a test that wants one names it
    return base


@pytest.fixture(scope="session")
def engine():
    from translate.package import open_package
    from translate.translator import Engine

    return Engine(open_package(FIXTURE_MODEL))
