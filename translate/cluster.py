"""Scale-out on a Dask distributed cluster (optional extra: ``pip install 'translate-de-en[dask]'``).

The client (the ``translate batch`` process) keeps everything that is state: it reads and
segments the documents, looks sentences up in the translation memory, writes the files and
the ledger. Only the sentences still to translate travel to the workers, in chunks; so workers
need no access to the input or output folders, and resume and dedup work exactly as locally.

Each worker process loads the model once (cached per process) from the package path the
client uses or, failing that, by package name from its own packages folder; the model must
therefore be installed on every worker machine. Every result carries the worker's package
signature, and a worker with a different model is refused.
"""

from __future__ import annotations

import threading
from typing import Any

from translate.errors import EXIT_NETWORK, ModelError, TranslateError
from translate.package import ArgosPackage
from translate.translator import Engine, Settings, Translation, provenance

_ENGINES: dict[tuple[str, str, Settings], Engine] = {}
_LOCK = threading.Lock()


def _engine(path: str, name: str, settings: Settings) -> Engine:
    """The worker's engine for this package and settings, loaded on first use."""
    from pathlib import Path

    from translate.package import find_package, open_package

    key = (path, name, settings)
    with _LOCK:
        if key not in _ENGINES:
            package = open_package(path) if Path(path).exists() else find_package(name)
            _ENGINES[key] = Engine(package, settings)
        return _ENGINES[key]


def translate_on_worker(path: str, name: str, settings: Settings,
                        sentences: list[str]) -> tuple[str, list[Translation]]:
    """Runs on a Dask worker: (the worker's package signature, translations)."""
    engine = _engine(path, name, settings)
    return engine.package.signature(), engine.translate(sentences)


class _Checked:
    """A Dask future whose result is checked against the client's model signature."""

    def __init__(self, future: Any, expected: str) -> None:
        self._future, self._expected = future, expected

    def result(self) -> list[Translation]:
        signature, translations = self._future.result()
        if signature != self._expected:
            raise ModelError(f"a Dask worker has model {signature}, this client {self._expected}",
                             hint="install the same package on every worker")
        return translations


class DaskBackend:
    """Send chunks of sentences to a Dask cluster: ``address`` or ``"local"`` (a LocalCluster)."""

    def __init__(self, address: str, package: ArgosPackage, settings: Settings, workers: int = 2,
                 timeout: float = 30.0) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise TranslateError("--dask needs the optional dask extra",
                                 hint="pip install 'translate-de-en[dask]'") from None
        self._cluster = None
        try:
            if address == "local":
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address=None)
                self._client = Client(self._cluster)
            else:
                self._client = Client(address, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise TranslateError(f"cannot reach the Dask scheduler at {address} ({exc})",
                                 hint="check the address (tcp://host:8786) and that the scheduler runs",
                                 exit_code=EXIT_NETWORK) from None
        n = len(self._client.scheduler_info().get("workers", {})) or workers
        self.name = f"dask:{address}:{n}"
        self.parallelism = n
        self.device = settings.device  # where the workers translate
        self.provenance = provenance(package, settings)
        self._args = (str(package.path), package.name, settings)

    def submit(self, sentences: list[str]) -> _Checked:
        return _Checked(self._client.submit(translate_on_worker, *self._args, sentences, pure=False),
                        self.provenance.model)

    def close(self) -> None:
        for thing in (getattr(self, "_client", None), self._cluster):
            if thing is not None:
                thing.close()
