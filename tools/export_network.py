"""Export parley's trained network as the ONNX model the default analyser runs, in int8.

`tools/train_network.py` writes the weights (`network.npz`), which
`parley.syntax.network.Network` runs in float32 with NumPy. This tool writes the same
network as one ONNX graph (embeddings, both LSTM layers, the readout layers and the arc
scorer) and quantises its weight products to 8-bit integers (ONNX Runtime's dynamic
quantisation: weights int8 per tensor, activations scaled per call). The int8 model runs
about four times faster on one core; its tags and heads are then compared with the
float32 runtime's on UD English EWT dev, and the figures printed.

    pip install onnx onnxruntime
    python tools/export_network.py ../shared/treebank   # writes src/parley/data/models/network.onnx
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic

from parley.syntax.analysis import NetworkAnalyser
from parley.syntax.conllu import gold_sentences, read_conllu
from parley.syntax.evaluate import attachment_scores
from parley.syntax.lemmas import Lemmatiser
from parley.syntax.network import AFFIXES, Network
from parley.syntax.runtime import MODEL, QuantisedNetwork

OUT = Path(__file__).resolve().parents[1] / "src" / "parley" / "data" / "models"
OPSET = 17
READOUT = ("tag", "arc_dep", "arc_head", "lab_dep", "lab_head")


def _gates(matrix: np.ndarray) -> np.ndarray:
    """PyTorch's gate order (i, f, g, o) → ONNX's (i, o, f, g), along the first axis."""
    i, f, g, o = np.split(matrix, 4, axis=0)
    return np.concatenate([i, o, f, g], axis=0)


def graph(network: Network) -> onnx.ModelProto:
    """The float32 network as ONNX: ids (batch × time) in; tag ids, arc scores and the
    label layers' dependent and head vectors (batch-major) out."""
    w = network.weights
    init: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []

    def const(name: str, array: np.ndarray) -> str:
        init.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(op: str, inputs: list[str], output: str, **attributes) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, **attributes))
        return output

    words = node("Transpose", ["words"], "words_t", perm=[1, 0])
    affixes = node("Transpose", ["affixes"], "affixes_t", perm=[1, 0, 2])
    shapes = node("Transpose", ["shapes"], "shapes_t", perm=[1, 0])
    x = node(
        "Concat",
        [
            node("Gather", [const("word_table", w["word.weight"]), words], "word_vectors"),
            node(
                "ReduceSum",
                [
                    node(
                        "Gather", [const("affix_table", w["affix.weight"]), affixes], "affix_rows"
                    ),
                    const("affix_axis", np.array([2], dtype=np.int64)),
                ],
                "affix_vectors",
                keepdims=0,
            ),
            node("Gather", [const("shape_table", w["shape.weight"]), shapes], "shape_vectors"),
        ],
        "inputs",
        axis=2,
    )
    hidden = w["lstm.weight_hh_l0"].shape[1]
    for layer in range(len(network.recurrent)):
        keys = (f"l{layer}", f"l{layer}_reverse")
        lstm = node(
            "LSTM",
            [
                x,
                const(f"W{layer}", np.stack([_gates(w[f"lstm.weight_ih_{k}"]) for k in keys])),
                const(f"R{layer}", np.stack([_gates(w[f"lstm.weight_hh_{k}"]) for k in keys])),
                const(
                    f"B{layer}",
                    np.stack(
                        [
                            np.concatenate(
                                [_gates(w[f"lstm.bias_ih_{k}"]), _gates(w[f"lstm.bias_hh_{k}"])]
                            )
                            for k in keys
                        ]
                    ),
                ),
                "lengths",
            ],
            f"lstm{layer}",
            hidden_size=hidden,
            direction="bidirectional",
        )
        x = node(
            "Reshape",
            [
                node("Transpose", [lstm], f"lstm{layer}_t", perm=[0, 2, 1, 3]),
                const(f"both{layer}", np.array([0, 0, 2 * hidden], dtype=np.int64)),
            ],
            f"layer{layer}",
        )
    x = node("Transpose", [x], "contextual", perm=[1, 0, 2])
    matrix = np.concatenate([w[f"{n}.weight"] for n in READOUT]).T
    bias = np.concatenate([w[f"{n}.bias"] for n in READOUT])
    out = node(
        "Add",
        [
            node("MatMul", [x, const("readout", matrix)], "readout_product"),
            const("readout_bias", bias),
        ],
        "readout_out",
    )
    sizes = [len(w[f"{n}.bias"]) for n in READOUT]
    parts = [f"{n}_out" for n in READOUT]
    nodes.append(
        helper.make_node(
            "Split", [out, const("sizes", np.array(sizes, dtype=np.int64))], parts, axis=2
        )
    )
    node("ArgMax", [parts[0]], "tags", axis=2, keepdims=0)
    dep, head, label_dep, label_head = (node("Relu", [p], p[:-4]) for p in parts[1:])
    node("Identity", [label_dep], "label_dependents")
    node("Identity", [label_head], "label_heads")
    heads_t = node("Transpose", [head], "arc_head_t", perm=[0, 2, 1])
    pairs = node(
        "MatMul",
        [node("MatMul", [dep, const("arc_U", w["arc_U"])], "arc_dep_U"), heads_t],
        "arc_pairs",
    )
    head_bias = node("MatMul", [head, const("arc_u", w["arc_u"][:, None])], "arc_head_u")
    node("Add", [pairs, node("Transpose", [head_bias], "arc_bias_t", perm=[0, 2, 1])], "arcs")
    ids = [
        helper.make_tensor_value_info("words", TensorProto.INT64, ["batch", "time"]),
        helper.make_tensor_value_info(
            "affixes", TensorProto.INT64, ["batch", "time", len(AFFIXES)]
        ),
        helper.make_tensor_value_info("shapes", TensorProto.INT64, ["batch", "time"]),
        helper.make_tensor_value_info("lengths", TensorProto.INT32, ["batch"]),
    ]
    outputs = [
        helper.make_tensor_value_info("tags", TensorProto.INT64, ["batch", "time"]),
        helper.make_tensor_value_info("arcs", TensorProto.FLOAT, ["batch", "time", "time"]),
        helper.make_tensor_value_info(
            "label_dependents", TensorProto.FLOAT, ["batch", "time", None]
        ),
        helper.make_tensor_value_info("label_heads", TensorProto.FLOAT, ["batch", "time", None]),
    ]
    model = helper.make_model(
        helper.make_graph(nodes, "parley-network", ids, outputs, initializer=init),
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="parley tools/export_network.py",
    )
    onnx.checker.check_model(model)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("treebank", type=Path, help="folder with en_ewt-ud-dev.conllu")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    network = Network.load(args.out)
    with tempfile.TemporaryDirectory(prefix="parley-onnx-") as scratch:
        plain = Path(scratch) / "network.float32.onnx"
        onnx.save(graph(network), plain)
        quantize_dynamic(
            plain,
            args.out / MODEL,
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["Gather", "LSTM", "MatMul"],
            nodes_to_exclude=["arc_pairs"],  # both sides are activations: kept in float32
        )
    trees = list(read_conllu(args.treebank / "en_ewt-ud-dev.conllu"))
    sentences = list(gold_sentences(trees))
    scores = {}
    for name, runner in (("float32", network), ("int8", QuantisedNetwork.load(args.out))):
        analyser = NetworkAnalyser(runner, Lemmatiser({}))
        analysed = analyser.analyse(sentences, pretokenised=True)
        scores[name] = attachment_scores(zip(trees, analysed, strict=True))
    size = (args.out / MODEL).stat().st_size / 1e6
    print(f"{args.out / MODEL}: {size:.1f} MB; EWT dev (gold tokens):")
    for name, found in scores.items():
        print(
            f"  {name}: UPOS {found['upos']:.4f} XPOS {found['xpos']:.4f} "
            f"UAS {found['uas']:.4f} LAS {found['las']:.4f}"
        )


if __name__ == "__main__":
    main()
