"""Writers: each takes an iterable of SegmentPair records and only formats them.

Adding a format is adding one module with a ``write(records, path, meta)`` function and
registering it in :data:`WRITERS`. Every writer writes to a temporary file in the target
folder and renames it into place, so a crash never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from translate.record import SegmentPair


@dataclass(frozen=True)
class Meta:
    """What shaped the output; every writer records it (the output's signature)."""

    tool_version: str
    model: str = ""  # package signature: name@version+sha256:…
    settings: str = ""  # engine settings signature
    created: str = ""  # creation time (TMX creationdate, YYYYMMDDTHHMMSSZ); empty: now
    extra: dict[str, str] = field(default_factory=dict)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# read once, at import, while no other thread can be creating files with the umask at 0
_UMASK = _umask()


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary sibling of ``path`` for writing; rename it over ``path`` on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
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


def get_writer(fmt: str) -> Callable[[Iterable[SegmentPair], Path, Meta], None]:
    from translate.writers import csv as csv_writer
    from translate.writers import jsonl, moses, tmx

    writers: dict[str, Callable[..., None]] = {
        "tmx": tmx.write, "csv": csv_writer.write, "jsonl": jsonl.write, "moses": moses.write,
    }
    return writers[fmt]


FORMATS = ("tmx", "csv", "jsonl", "moses")
SUFFIX = {"tmx": ".tmx", "csv": ".csv", "jsonl": ".jsonl", "moses": ""}
