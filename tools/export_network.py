"""Export parley's trained network as the ONNX model the default analyser runs, in int8.

`tools/train_network.py` writes the weights (`network.npz`), which
`parley.syntax.network.Network` runs in float32 with NumPy. This tool writes the same
network as one ONNX graph (both LSTM layers, the readout layers and the arc scorer, for
one sentence a call; its word vectors are made in Python, `network.WordVectors`) and
quantises its weight products to 8-bit integers (ONNX Runtime's dynamic quantisation:
weights int8 per tensor, activations scaled per call). The int8 model runs
more than twice as fast on one core, a sentence at a time; its tags and heads are then
compared with the float32 runtime's on UD English EWT dev, and the figures printed.

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
from parley.syntax.network import Network
from parley.syntax.runtime import MODEL, QuantisedNetwork

OUT = Path(__file__).resolve().parents[1] / "src" / "parley" / "data" / "models"
OPSET = 17
READOUT = ("tag", "arc_dep", "arc_head", "lab_dep", "lab_head")


def _gates(matrix: np.ndarray) -> np.ndarray:
    """PyTorch's gate order (i, f, g, o) → ONNX's (i, o, f, g), along the first axis."""
    i, f, g, o = np.split(matrix, 4, axis=0)
    return np.concatenate([i, o, f, g], axis=0)


def graph(network: Network) -> onnx.ModelProto:
    """The float32 network as ONNX, for one sentence: its word vectors in (time × width,
    row 0 the root: `WordVectors.sentence`); tag ids, arc scores and the label layers'
    dependent and head vectors, and each word's best head and the relation with it,
    out. Few operators, and no transposes: at one sentence a call, each costs a few µs."""
    w = network.weights
    init: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []

    def const(name: str, array: np.ndarray) -> str:
        init.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(op: str, inputs: list[str], output: str, **attributes) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, **attributes))
        return output

    # time × batch (of one) × width, as the LSTM reads
    x = node("Unsqueeze", ["vectors", const("batch_axis", np.array([1], dtype=np.int64))], "x")
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
            ],
            f"lstm{layer}",
            hidden_size=hidden,
            direction="bidirectional",
        )
        # time × 2 directions × 1 × hidden: with a batch of one, each step's two
        # directions already lie side by side, as the next layer reads them
        last = layer == len(network.recurrent) - 1
        shape = np.array([0, 2 * hidden] if last else [0, 1, 2 * hidden], dtype=np.int64)
        shape = const(f"both{layer}", shape)
        x = node("Reshape", [lstm, shape], f"layer{layer}")
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

    def cut(name: str, start: int, end: int) -> str:
        bounds = [const(f"{name}_{k}", np.array([v], dtype=np.int64)) for k, v in
                  (("start", start), ("end", end), ("axis", 1))]  # fmt: skip
        return node("Slice", [out, *bounds], name)

    node("ArgMax", [cut("tag_scores", 0, sizes[0])], "tags", axis=1, keepdims=0)
    hidden_layers = node("Relu", [cut("hidden_out", sizes[0], sum(sizes))], "hidden")
    parts = ["arc_dep", "arc_head", "label_dependents", "label_heads"]
    nodes.append(
        helper.make_node(
            "Split",
            [hidden_layers, const("sizes", np.array(sizes[1:], dtype=np.int64))],
            parts,
            name="split",
            axis=1,
        )
    )
    # dep·U·head + head·u = (dep·U + u)·head: the head bias folded into one product
    dep_u = node(
        "Add",
        [node("MatMul", ["arc_dep", const("arc_U", w["arc_U"])], "arc_dep_U"),
         const("arc_u", w["arc_u"])],
        "arc_dep_U_u",
    )  # fmt: skip
    node("MatMul", [dep_u, node("Transpose", ["arc_head"], "arc_head_t", perm=[1, 0])], "arcs")
    # Each word's best head (itself excluded) and the relation with it: the tree most
    # sentences keep, labelled here in one product (`network.decode` uses both).
    eye = node("EyeLike", ["arcs"], "eye")
    loops = node("Mul", [eye, const("loop", np.float32(-1e30))], "loops")
    node("ArgMax", [node("Add", ["arcs", loops], "no_loops")], "best_heads", axis=1, keepdims=0)
    head = node("Gather", ["label_heads", "best_heads"], "best_head_vectors", axis=0)
    features = node(
        "Concat",
        ["label_dependents", head, node("Mul", ["label_dependents", head], "label_products")],
        "label_features",
        axis=1,
    )
    label_scores = node(
        "Add",
        [node("MatMul", [features, const("label_W", w["lab_out.weight"].T)], "label_product"),
         const("label_b", w["lab_out.bias"])],
        "label_scores",
    )  # fmt: skip
    node("ArgMax", [label_scores], "best_labels", axis=1, keepdims=0)
    width = sum(w[f"{n}.weight"].shape[1] for n in ("word", "affix", "shape"))
    vectors = [helper.make_tensor_value_info("vectors", TensorProto.FLOAT, ["time", width])]
    outputs = [
        helper.make_tensor_value_info("tags", TensorProto.INT64, ["time"]),
        helper.make_tensor_value_info("arcs", TensorProto.FLOAT, ["time", "time"]),
        helper.make_tensor_value_info(
            "label_dependents", TensorProto.FLOAT, ["time", None]
        ),
        helper.make_tensor_value_info("label_heads", TensorProto.FLOAT, ["time", None]),
        helper.make_tensor_value_info("best_heads", TensorProto.INT64, ["time"]),
        helper.make_tensor_value_info("best_labels", TensorProto.INT64, ["time"]),
    ]
    model = helper.make_model(
        helper.make_graph(nodes, "parley-network", vectors, outputs, initializer=init),
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
            op_types_to_quantize=["LSTM", "MatMul"],
            # kept in float32: `arcs` multiplies two activations; relations are often
            # close calls, which int8 decides otherwise (EWT dev LAS 0.8236 -> 0.8234)
            nodes_to_exclude=["arcs", "label_product"],
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
