"""Argos package archives (``.argosmodel`` zip files): checked member by member, then unpacked.

The one place that opens a package archive. An archive is refused before anything is written
when a member has an absolute path or ``..``, is a link or a device file, when the archive
would unpack to more than :data:`MAX_UNPACKED` bytes (a zip bomb, not a model), or when it is
not one top-level folder holding ``metadata.json``, ``model/model.bin`` and a SentencePiece
tokenizer.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

from translate.errors import ModelError

#: Unpacked size above which an archive is refused (a zip bomb, not a model).
MAX_UNPACKED = 4 * 1024**3


def check_archive(file: Path) -> str:
    """Check every member of a package zip; return its single top-level folder name."""
    try:
        with zipfile.ZipFile(file) as z:
            infos = z.infolist()
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ModelError(f"{file}: corrupt or truncated package archive ({exc})") from None
    if bad is not None:
        raise ModelError(f"{file}: corrupt package archive (bad CRC in {bad})")
    if not infos:
        raise ModelError(f"{file}: empty package archive")
    total = 0
    tops: set[str] = set()
    names: set[str] = set()
    for info in infos:
        name = info.filename
        pure = PurePosixPath(name)
        if name.startswith(("/", "\\")) or "\\" in name or pure.is_absolute() or ":" in pure.parts[0]:
            raise ModelError(f"{file}: refused: absolute path in archive ({name!r})")
        if any(part == ".." for part in pure.parts):
            raise ModelError(f"{file}: refused: '..' in archive path ({name!r})")
        mode = info.external_attr >> 16
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise ModelError(f"{file}: refused: link or special file in archive ({name!r})")
        total += info.file_size
        tops.add(pure.parts[0])
        names.add(pure.as_posix().rstrip("/"))
    if total > MAX_UNPACKED:
        raise ModelError(f"{file}: refused: unpacks to {total} bytes")
    if len(tops) != 1:
        raise ModelError(f"{file}: not an Argos package: expected one top-level folder, found {len(tops)}")
    top = tops.pop()
    for required in ("metadata.json", "model/model.bin"):
        if f"{top}/{required}" not in names:
            raise ModelError(f"{file}: not an Argos package: {required} missing")
    if f"{top}/sentencepiece.model" not in names:
        raise ModelError(f"{file}: not an Argos package: no sentencepiece.model tokenizer")
    return top


def safe_extract(file: Path, dest: Path) -> str:
    """Check and unpack a package zip into ``dest`` (which must exist); return the top folder."""
    top = check_archive(file)
    root = dest.resolve()
    with zipfile.ZipFile(file) as z:
        for info in z.infolist():
            target = (dest / info.filename).resolve()
            if root not in target.parents and target != root:
                raise ModelError(f"{file}: refused: {info.filename!r} would land outside the folder")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with z.open(info) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
    return top


