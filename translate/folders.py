"""What the folder jobs (``batch``, ``align --batch``) share: finding files, the failure list,
the merged corpus's name."""

from __future__ import annotations

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


def visible_files(folder: Path, pattern: str, hint: str) -> list[tuple[Path, Path]]:
    """(path, path relative to ``folder``) of the files matching ``pattern`` (one glob, or several
    separated by commas: ``*.txt,*.md``), sorted; hidden files and files in hidden folders are
    left out."""
    require_folder(folder, hint)
    matches = {path for glob in pattern.split(",") if glob.strip() for path in folder.rglob(glob.strip())}
    found = ((path, path.relative_to(folder)) for path in sorted(matches))
    return [(path, rel) for path, rel in found
            if not any(part.startswith(".") for part in rel.parts) and path.is_file()]


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
