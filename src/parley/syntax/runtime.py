"""The default analyser's network: the trained weights in int8, run by ONNX Runtime.

`parley.syntax.network.Network` runs the float32 weights with NumPy; its LSTM steps are
matrix products that already run near the core's float32 peak, and they were 60% of the
coding stage. `tools/export_network.py` writes the same network as one ONNX graph with its
weight products quantised to 8-bit integers: ONNX Runtime runs its LSTM layers 4.6 times
faster than NumPy on a batch, and the whole network, a sentence at a time, more than
twice as fast as NumPy runs it batched (one core); on UD English EWT dev its tags and
heads score as the float32 runtime's do (the export prints both). Tree decoding and
relation labels are shared with the float32 runtime (`network.decode`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from parley.syntax.network import Parse, Vocabulary, decode, read_meta
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
    vocabulary: Vocabulary
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
        with np.load(base / "network.npz") as found:  # reads only the two arrays named
            labeller = (
                np.ascontiguousarray(found["lab_out.weight"].T.astype(np.float32)),
                found["lab_out.bias"].astype(np.float32),
            )
        return cls(session, meta["tags"], meta["relations"], vocabulary, labeller)

    def analyse(self, sentences: Sequence[Sequence[str]]) -> list[Parse]:
        """Tags, heads and relations for tokenised sentences, each run on its own.

        Dynamic quantisation scales a product's inputs by their range over the whole call,
        so in a batch a sentence's parse would depend on the sentences beside it (9 of 64
        news sentences came out differently, measured). Run alone, a sentence gets the same
        parse in any document, in `parley explain`, and on any runner.
        """
        return [self._one(sentence) for sentence in sentences]

    def _one(self, sentence: Sequence[str]) -> Parse:
        tags, arcs, label_dep, label_head = self.session.run(
            None, graph_inputs(self.vocabulary, [sentence])
        )
        return decode(tags[0], arcs[0], label_dep[0], label_head[0], self.labeller)


def graph_inputs(
    vocabulary: Vocabulary, sentences: Sequence[Sequence[str]]
) -> dict[str, np.ndarray]:
    """The graph's inputs for `sentences`: their feature ids time-major, as the LSTM
    reads them (`tools/export_network.py`), and their lengths + 1 (the root)."""
    words, affixes, shapes = vocabulary.encode(sentences)
    return {
        "words": words.T,
        "affixes": affixes.transpose(1, 0, 2),
        "shapes": shapes.T,
        "lengths": np.asarray([len(s) + 1 for s in sentences], dtype=np.int32),
    }
