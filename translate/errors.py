"""The project's own exception type: errors a user can cause.

Each carries a one-line message, an optional hint and an exit code. The CLI catches
:class:`TranslateError` once, prints ``error: MESSAGE (hint: HINT)`` on one line and exits
with :attr:`TranslateError.exit_code`.

Exit codes are :data:`EXIT_CODES` (printed by ``translate --help`` and listed in the README).
"""

from __future__ import annotations

EXIT_INPUT = 1
EXIT_USAGE = 2  # click/typer's own code for a wrong option or argument
EXIT_MODEL = 7
EXIT_PARTIAL = 3
EXIT_LOCKED = 4
EXIT_NETWORK = 5
EXIT_SYSTEM = 6
EXIT_FLAGGED = 8  # `check --fail-on`: a flag of that severity or worse
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT

EXIT_CODES = {
    0: "success",
    EXIT_INPUT: "bad input (missing, unreadable, undecodable, empty or non-German file)",
    EXIT_USAGE: "usage error (unknown option, missing argument)",
    EXIT_PARTIAL: "some documents of a folder failed (the others were done)",
    EXIT_LOCKED: "another process holds the output folder",
    EXIT_NETWORK: "network or download failure (model download, Dask scheduler)",
    EXIT_SYSTEM: "the system refused a read or write (no such folder, permission denied, disk full)",
    EXIT_MODEL: "no usable model (none installed, corrupt package, wrong language pair, no usable GPU, "
                "CTranslate2 failing)",
    EXIT_FLAGGED: "check --fail-on found a flag of that severity or worse",
    EXIT_INTERRUPTED: "interrupted",
}


class TranslateError(Exception):
    """An error caused by input or environment, reported to the user in one line."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, hint: str | None = None, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def one_line(self) -> str:
        text = self.message if not self.hint else f"{self.message} (hint: {self.hint})"
        return " ".join(text.split())


class InputError(TranslateError):
    """Missing, unreadable, undecodable, empty or otherwise unusable input."""

    exit_code = EXIT_INPUT


class ModelError(TranslateError):
    """No model installed, or a model package that cannot be used."""

    exit_code = EXIT_MODEL


class NetworkError(TranslateError):
    """A download or index fetch failed (model manager only)."""

    exit_code = EXIT_NETWORK
