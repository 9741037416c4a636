"""What the folder jobs (``batch``, ``align --batch``) share: finding files, the failure list,
the merged corpus's name."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from translate.errors import InputError
from translate.files import atomic_open

CORPUS_STEM = "corpus"
FAILED_NAME = "failed.tsv"


def require_folder(folder: Path, hint: str) -> None:
    """An :class:`InputError` unless ``folder`` is a folder (checked before a model is looked for)."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder" if not folder.exists() else f"{folder}: not a folder",
                         hint=hint)


def visible_files(folder: Path, pattern: str, hint: str,
                  unreadable: list[tuple[Path, Path, str]] | None = None) -> list[tuple[Path, Path]]:
    """(path, path relative to ``folder``) of the files matching ``pattern`` (one glob, or several
    separated by commas: ``*.txt,*.md``), sorted; hidden files and files in hidden folders are
    left out. What matches but is no file to read (a broken symbolic link, a pipe, a socket, a
    device: reading a pipe would wait for ever) goes to ``unreadable`` with the reason, when given,
    so that a batch can say why it left it out."""
    require_folder(folder, hint)
    matches = {path for glob in pattern.split(",") if glob.strip() for path in folder.rglob(glob.strip())}
    found = [(path, path.relative_to(folder)) for path in sorted(matches)]
    visible = [(path, rel) for path, rel in found if not any(part.startswith(".") for part in rel.parts)]
    if unreadable is not None:
        unreadable += [(path, rel, _why_unreadable(path)) for path, rel in visible
                       if not path.is_file() and not path.is_dir()]
    return [(path, rel) for path, rel in visible if path.is_file()]


def _why_unreadable(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return f"a broken symbolic link (to {os.readlink(path)}, which does not exist)"
    return "not a regular file (a pipe, a socket or a device)"


def write_failed(out: Path, failures: Sequence[tuple[str, str]]) -> Path | None:
    """``OUT/failed.tsv`` (document, reason) when something failed; removes a stale one otherwise."""
    path = out / FAILED_NAME
    if not failures:
        path.unlink(missing_ok=True)
        return None
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("document\treason\n")
        for name, reason in failures:
            fh.write(f"{name}\t{' '.join(reason.split())}\n")
    return path
