"""The provenance signature: what shaped an output, built once and written into every format.

In the manner of sacrebleu's signatures, every output records the tool and its version, the
model package (name, version, full checksum), the decoding settings and the version of the
segmentation rules, plus the creation time. One :class:`Provenance` is built per run
(:func:`translate.translator.provenance`) and handed to every writer; the batch ledger keys a
job on it. The creation time is fixed by the caller (``--created``, or ``SOURCE_DATE_EPOCH``),
so that two runs on the same input give byte-identical files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from translate.errors import InputError

TOOL = "translate"
TIME_FORMAT = "%Y%m%dT%H%M%SZ"  # TMX's creationdate form


def now() -> str:
    return datetime.now(UTC).strftime(TIME_FORMAT)


def parse_created(value: str | None) -> str:
    """A creation time in TMX form (``YYYYMMDDTHHMMSSZ``) from ISO 8601 (``2026-11-30``,
    ``2026-11-30T12:00:00Z``, with an offset), from that form itself, or from seconds since
    the epoch. Empty: ``SOURCE_DATE_EPOCH`` when set, else now."""
    if not value:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if not epoch:
            return now()
        value = epoch
    text = value.strip()
    try:
        if text.isdigit() and len(text) != 8:
            when = datetime.fromtimestamp(int(text), UTC)
        elif len(text) == 16 and text[8] == "T" and text.endswith("Z"):
            when = datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)
        else:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        raise InputError(f"{value!r} is not a date or time",
                         hint="use ISO 8601, e.g. 2026-11-30 or 2026-11-30T12:00:00Z") from None
    return when.astimezone(UTC).strftime(TIME_FORMAT)


@dataclass(frozen=True)
class Provenance:
    """The output's signature. Empty fields are left out when written."""

    tool_version: str
    model: str = ""  # package signature: name@version+sha256:<12 hex>
    model_sha256: str = ""  # the package's full checksum
    settings: str = ""  # decoding settings: beam=4|lp=0.2|maxlen=256|compute=default
    rules: str = ""  # segmentation rules version (checksum of their code and word lists)
    created: str = ""  # YYYYMMDDTHHMMSSZ
    extra: dict[str, str] = field(default_factory=dict)  # e.g. document, mode, dedup

    def with_extra(self, **extra: str) -> Provenance:
        return replace(self, extra={**self.extra, **extra})

    @property
    def stamp(self) -> str:
        return self.created or now()

    def fields(self) -> dict[str, str]:
        """Every non-empty field by name, the tool first, extras last (sorted)."""
        base = {"tool": TOOL, "tool_version": self.tool_version, "model": self.model,
                "model_sha256": self.model_sha256, "settings": self.settings, "rules": self.rules,
                "created": self.created}
        return {**{k: v for k, v in base.items() if v}, **dict(sorted(self.extra.items()))}

    def job_key(self) -> dict[str, str]:
        """What must not change between runs of one batch job (a resumed job must produce the
        same output as an uninterrupted one)."""
        return {"model": self.model, "settings": self.settings, "rules": self.rules}
