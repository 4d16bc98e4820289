"""The default analyser's network: the trained weights in int8, run by ONNX Runtime.

`parley.syntax.network.Network` runs the float32 weights with NumPy; its LSTM steps are
matrix products that already run near the core's float32 peak, and they were 60% of the
coding stage. `tools/export_network.py` writes the same network as one ONNX graph with its
weight products quantised to 8-bit integers: ONNX Runtime runs its LSTM layers 4.6 times
faster than NumPy on a batch, and the whole network, a sentence at a time, more than
twice as fast as NumPy runs it batched (one core); on UD English EWT dev its tags and
heads score as the float32 runtime's do (the export prints both). The graph reads one
sentence's word vectors, which both runtimes make the same way (`network.WordVectors`),
and tree decoding and relation labels are shared with the float32 runtime
(`network.decode`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from parley.syntax.network import Parse, WordVectors, decode, read_meta
from parley.tables import bundled_data

if TYPE_CHECKING:
    import onnxruntime

MODEL = "network.onnx"


@dataclass(slots=True)
class QuantisedNetwork:
    """An ONNX Runtime session over the int8 graph, with the names and vocabulary it needs."""

    session: onnxruntime.InferenceSession
    tags: list[str]
    relations: list[str]
    vectors: WordVectors
    labeller: tuple[np.ndarray, np.ndarray]

    @classmethod
    def load(cls, folder: Path | None = None) -> QuantisedNetwork:
        import onnxruntime  # here, not at the top: commands that analyse nothing skip its 0.1 s

        base = folder or bundled_data() / "models"
        options = onnxruntime.SessionOptions()
        # one thread: parley's parallelism is processes, one per core (see blas_threads)
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # warnings about unused initialisers are not the user's
        session = onnxruntime.InferenceSession(
            str(base / MODEL), options, providers=["CPUExecutionProvider"]
        )
        meta, vocabulary = read_meta(base)
        names = ("word.weight", "affix.weight", "shape.weight", "lab_out.weight", "lab_out.bias")
        with np.load(base / "network.npz") as found:  # reads only the arrays named
            weights = {name: found[name].astype(np.float32) for name in names}
        labeller = (np.ascontiguousarray(weights["lab_out.weight"].T), weights["lab_out.bias"])
        vectors = WordVectors.of_weights(vocabulary, weights)
        return cls(session, meta["tags"], meta["relations"], vectors, labeller)

    def analyse(self, sentences: Sequence[Sequence[str]]) -> list[Parse]:
        """Tags, heads and relations for tokenised sentences, each run on its own.

        Dynamic quantisation scales a product's inputs by their range over the whole call,
        so in a batch a sentence's parse would depend on the sentences beside it (9 of 64
        news sentences came out differently, measured). Run alone, a sentence gets the same
        parse in any document, in `parley explain`, and on any runner.
        """
        return [self._one(sentence) for sentence in sentences]

    def _one(self, sentence: Sequence[str]) -> Parse:
        tags, arcs, label_dep, label_head, best_heads, best_labels = self.session.run(
            None, {"vectors": self.vectors.sentence(sentence)}
        )
        best = (best_heads, best_labels)
        return decode(tags, arcs, label_dep, label_head, self.labeller, best)
