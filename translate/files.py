"""File safety shared by every layer: atomic writes, SHA-256 checksums, the package's data files.

* :func:`atomic_open` writes to a temporary sibling and renames it into place, so a crash or a
  full disk never leaves half a file under the real name.
* :func:`sha256_bytes`, :func:`sha256_file` and :func:`sha256_tree` are the only checksum
  routines (documents, package archives, unpacked packages).
* :func:`data_text`, :func:`data_words`, :func:`data_tsv` and :func:`data_json` read the files in
  ``translate/data`` (word lists, name tables, pins, the TMX DTD); nothing is read at import.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

PART_SUFFIX = ".part"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# read once, at import, while no other thread can be creating files with the umask at 0
_UMASK = _umask()


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary sibling of ``path`` (``.NAME.*.part``) for writing; rename it over
    ``path`` on success, remove it on any failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    try:
        # mkstemp makes 0600: give the file the usual mode (os.chmod: os.fchmod is Unix-only before 3.13)
        os.chmod(tmp, 0o666 & ~_UMASK)
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def remove_stale_parts(folder: Path) -> int:
    """Remove the temporaries :func:`atomic_open` left under ``folder`` when a run was killed
    (``.NAME.*.part``); call it only while no other run can be writing there. Returns how many."""
    removed = 0
    if folder.is_dir():
        for part in folder.rglob(f".*{PART_SUFFIX}"):
            with contextlib.suppress(OSError):
                part.unlink()
                removed += 1
    return removed


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _update_from_file(h: Any, path: Path) -> None:
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in 1 MB blocks."""
    h = hashlib.sha256()
    _update_from_file(h, path)
    return h.hexdigest()


def sha256_tree(folder: Path, include: Callable[[str], bool] = lambda rel: True) -> str:
    """One SHA-256 over the files of a folder (relative POSIX path, then bytes, in path order),
    so that the same tree gives the same checksum zipped or unzipped, on any machine."""
    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = f.relative_to(folder).as_posix()
        if include(rel):
            h.update(rel.encode())
            _update_from_file(h, f)
    return h.hexdigest()


# -- the package's data files ---------------------------------------------------------------

def cache_home() -> Path:
    """The project's cache folder: ``$XDG_CACHE_HOME/translate`` (``~/.cache/translate``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "translate"


def data_file(name: str) -> Any:
    """A traversable for ``translate/data/NAME`` (``.open("rb")``, ``.read_text()``)."""
    return resources.files("translate.data").joinpath(name)


@cache
def data_text(name: str) -> str:
    """A data file's text; a ``.gz`` one decompressed (the larger word lists)."""
    if name.endswith(".gz"):
        return gzip.decompress(data_file(name).read_bytes()).decode("utf-8")
    return data_file(name).read_text(encoding="utf-8")


def _lines(name: str) -> Iterator[str]:
    """Non-empty lines of a data file, ``#`` comment lines left out."""
    for ln in data_text(name).splitlines():
        if ln.strip() and not ln.startswith("#"):
            yield ln


@cache
def data_words(name: str, lower: bool = True) -> frozenset[str]:
    """A word list: one entry a line (stripped; lower-cased unless ``lower=False``)."""
    return frozenset(ln.strip().lower() if lower else ln.strip() for ln in _lines(name))


def english_words() -> frozenset[str]:
    """English words that are no proper names (lower case; SCOWL's, see words_en.txt.gz)."""
    return data_words("words_en.txt.gz")


@cache
def data_tsv(name: str) -> tuple[dict[str, str], ...]:
    """A tab-separated table with a header row."""
    return tuple(csv.DictReader(_lines(name), delimiter="\t"))


@cache
def data_json(name: str) -> Any:
    return json.loads(data_text(name))


def data_sha256(names: list[str]) -> str:
    """A checksum over data files (their names and contents): a version of the rules they hold."""
    h = hashlib.sha256()
    for name in sorted(names):
        h.update(name.encode())
        h.update(data_text(name).encode())
    return h.hexdigest()
