"""Argos Translate packages: find them, open them, check them. No network here.

An Argos package is a zip file (``.argosmodel``) holding one top-level folder with
``metadata.json``, ``model/`` (a CTranslate2 model) and ``sentencepiece.model``; installed,
it is that folder unzipped inside the packages directory. Packages are looked for where
argostranslate keeps them, so that both tools see the same ones:

1. ``ARGOS_PACKAGES_DIR`` (or the ``packages_dir`` argument / ``--packages-dir`` option);
2. else ``$XDG_DATA_HOME/argos-translate/packages``;
3. else ``~/.local/share/argos-translate/packages``.

A ``.argosmodel`` given directly (``--model FILE``) is unpacked once into a cache folder keyed
by its sha256 (``$XDG_CACHE_HOME/translate/packages``), without touching the packages dir.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from translate.archive import safe_extract
from translate.errors import ModelError
from translate.files import atomic_open, cache_home, sha256_file, sha256_tree

INSTALL_HINT = (
    "install the German→English Argos package: `translate models install de en` when online, "
    "or `translate models install translate-de_en-1_9.argosmodel` from a file; "
    "or pass --model PATH"
)


def packages_dir(explicit: str | Path | None = None) -> Path:
    """The packages directory argostranslate uses (see the module docstring)."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "argos-translate" / "packages"


def cache_dir() -> Path:
    return cache_home() / "packages"


#: where a package folder keeps its checksum (see :attr:`ArgosPackage.checksum`)
CHECKSUM_FILE = ".translate-checksum.json"


def _signed(rel: str) -> bool:
    """The files of a package that its checksum covers."""
    return rel.startswith(("model/", "sentencepiece.model", "metadata.json"))


@dataclass(frozen=True)
class ArgosPackage:
    """An unpacked Argos package folder and its metadata."""

    path: Path
    metadata: dict[str, Any] = field(hash=False, compare=False)
    origin: str = "installed"  # or "file", "folder"

    @property
    def from_code(self) -> str:
        return str(self.metadata.get("from_code", ""))

    @property
    def to_code(self) -> str:
        return str(self.metadata.get("to_code", ""))

    @property
    def version(self) -> str:
        return str(self.metadata.get("package_version", ""))

    @property
    def name(self) -> str:
        """The folder name, as argospm and `translate models` show it."""
        return self.path.name

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def tokenizer(self) -> Path:
        return self.path / "sentencepiece.model"

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())

    @cached_property
    def checksum(self) -> str:
        """sha256 over the package's model and tokenizer files (stable across zip/unzip).

        Computed once per package object (a Dask worker signs every result with it) and kept in
        the package folder with each file's size and modification time (``CHECKSUM_FILE``), as
        git keeps its index: a file changed since is hashed again. A read-only folder keeps
        nothing and is hashed each time (57 MB: about 0.09 s)."""
        files = sorted(p for p in self.path.rglob("*") if p.is_file() and _signed(p.relative_to(self.path).as_posix()))
        stamp = [[p.relative_to(self.path).as_posix(), st.st_size, st.st_mtime_ns] for p in files for st in [p.stat()]]
        kept = self.path / CHECKSUM_FILE
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            saved = json.loads(kept.read_text(encoding="utf-8"))
            if saved["files"] == stamp:
                return str(saved["sha256"])
        digest = sha256_tree(self.path, _signed)
        with contextlib.suppress(OSError), atomic_open(kept) as fh:
            json.dump({"sha256": digest, "files": stamp}, fh)
        return digest

    @cached_property
    def max_positions(self) -> int | None:
        """The length of the model's position table (the longest input it can take), read from the
        headers of ``model.bin``; None when the file does not say (the caller assumes 1,024)."""
        return read_max_positions(self.model_dir / "model.bin")

    def signature(self) -> str:
        """Name, version and checksum prefix: what every output records about the model."""
        return f"{self.name}@{self.version or '?'}+sha256:{self.checksum[:12]}"


def read_max_positions(model_bin: Path) -> int | None:
    """The first dimension of the position encodings in a CTranslate2 ``model.bin`` (format 5 and
    6: a header, then each variable's name, shape, type and size before its bytes, which are
    skipped). None for another format, a model without a position table, or a damaged file."""
    import struct

    def string(fh: Any) -> str:
        (n,) = struct.unpack("<H", fh.read(2))
        return fh.read(n).rstrip(b"\0").decode("utf-8", "replace")

    try:
        with model_bin.open("rb") as fh:
            (version,) = struct.unpack("<I", fh.read(4))
            if version not in (5, 6):
                return None
            string(fh)
            _revision, count = struct.unpack("<II", fh.read(8))
            for _ in range(count):
                name = string(fh)
                (rank,) = struct.unpack("<B", fh.read(1))
                dims = struct.unpack(f"<{rank}I", fh.read(4 * rank))
                _dtype, nbytes = struct.unpack("<BI", fh.read(5))
                if name.endswith("position_encodings/encodings") and rank == 2:
                    return int(dims[0])
                fh.seek(nbytes, 1)
    except (OSError, struct.error, UnicodeDecodeError):
        return None
    return None


def validate_folder(path: Path, origin: str = "folder") -> ArgosPackage:
    """Open an unpacked package folder, or raise ModelError saying what is wrong."""
    meta_path = path / "metadata.json"
    if not meta_path.is_file():
        raise ModelError(f"{path}: not an Argos package (no metadata.json)", hint=INSTALL_HINT)
    try:
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
        if not isinstance(metadata, dict):
            raise ValueError("not a JSON object")
    except (ValueError, OSError) as exc:
        raise ModelError(f"{meta_path}: unreadable metadata ({exc})") from None
    pkg = ArgosPackage(path, metadata, origin)
    if not (pkg.model_dir / "model.bin").is_file():
        raise ModelError(f"{path}: no CTranslate2 model (model/model.bin missing)")
    if not pkg.tokenizer.is_file():
        raise ModelError(f"{path}: no sentencepiece.model (only SentencePiece packages are supported)")
    return pkg


#: the cache's record of the archives it unpacked: path → [size, mtime_ns, sha256]
ARCHIVES_FILE = ".archives.json"


def archive_digest(file: Path) -> str:
    """sha256 of a ``.argosmodel`` file, kept in the cache with its size and modification time
    (``ARCHIVES_FILE``) as a package folder keeps its checksum: a file changed since is hashed
    again. Saves hashing 100 MB at every start of a command run with ``-m FILE``."""
    st = file.stat()
    key, stamp = str(file.resolve()), [st.st_size, st.st_mtime_ns]
    index = cache_dir() / ARCHIVES_FILE
    try:
        known = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    known = known if isinstance(known, dict) else {}  # a damaged record is redone
    entry = known.get(key)
    if isinstance(entry, list) and len(entry) == 3 and entry[:2] == stamp:
        return str(entry[2])
    digest = sha256_file(file)
    known[key] = [*stamp, digest]
    with contextlib.suppress(OSError):
        index.parent.mkdir(parents=True, exist_ok=True)
        with atomic_open(index) as fh:
            json.dump(known, fh)
    return digest


def open_archive(file: Path) -> ArgosPackage:
    """Unpack a ``.argosmodel`` into the cache (once per checksum) and open it."""
    try:
        digest = archive_digest(file)
    except OSError as exc:
        raise ModelError(f"{file}: cannot read ({exc.strerror or exc})") from None
    target_root = cache_dir() / digest[:16]
    if target_root.is_dir():
        folders = [p for p in target_root.iterdir() if p.is_dir()]
        if len(folders) == 1:
            return validate_folder(folders[0], "file")
    target_root.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=target_root.parent))
    try:
        top = safe_extract(file, tmp)
        validate_folder(tmp / top, "file")
        with contextlib.suppress(OSError):  # another process won the race: use theirs
            tmp.rename(target_root)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return validate_folder(target_root / top, "file")


def open_package(path: str | Path) -> ArgosPackage:
    """Open a package given as a ``.argosmodel`` file, a package folder, or a folder holding one."""
    p = Path(path).expanduser()
    if not p.exists():
        raise ModelError(f"{p}: no such model file or folder", hint=INSTALL_HINT)
    if p.is_file():
        if not zipfile.is_zipfile(p):
            raise ModelError(f"{p}: not an Argos package (not a zip archive)")
        return open_archive(p)
    if (p / "metadata.json").exists():
        return validate_folder(p)
    inner = [q for q in p.iterdir() if q.is_dir() and (q / "metadata.json").exists()]
    if len(inner) == 1:
        return validate_folder(inner[0])
    raise ModelError(f"{p}: not an Argos package folder (no metadata.json)", hint=INSTALL_HINT)


def installed_packages(directory: str | Path | None = None) -> list[ArgosPackage]:
    """Every valid package folder in the packages directory (broken ones are skipped)."""
    root = packages_dir(directory)
    found: list[ArgosPackage] = []
    if not root.is_dir():
        return found
    for p in sorted(root.iterdir()):
        if p.is_dir() and not p.name.startswith("."):
            try:
                found.append(validate_folder(p, "installed"))
            except ModelError:
                continue
    return found


def _version_key(v: str) -> tuple[int, ...]:
    return tuple(int(x) if x.isdigit() else 0 for x in v.replace("_", ".").split("."))


def find_package(model: str | Path | None = None, from_code: str = "de", to_code: str = "en",
                 directory: str | Path | None = None) -> ArgosPackage:
    """The package to use: ``model`` if given (path or installed name), else the newest
    installed package for the language pair. Raises ModelError with an install hint."""
    if model:
        candidate = Path(model).expanduser()
        if candidate.exists():
            pkg = open_package(candidate)
        else:
            named = [p for p in installed_packages(directory) if p.name == str(model)]
            if not named:
                raise ModelError(f"no model file or installed package named {model!r}", hint=INSTALL_HINT)
            pkg = named[0]
        if (pkg.from_code, pkg.to_code) != (from_code, to_code):
            raise ModelError(
                f"{pkg.name} translates {pkg.from_code or '?'}→{pkg.to_code or '?'}, "
                f"not {from_code}→{to_code}", hint=INSTALL_HINT)
        return pkg
    pair = [p for p in installed_packages(directory) if (p.from_code, p.to_code) == (from_code, to_code)]
    if not pair:
        raise ModelError(
            f"no {from_code}→{to_code} translation model installed in {packages_dir(directory)}",
            hint=INSTALL_HINT)
    return max(pair, key=lambda p: _version_key(p.version))
