"""Train parley's tagger + dependency parser network on UD English EWT (needs PyTorch).

The network is defined in PyTorch here and run by `parley.syntax.network` with NumPy, so
users need no PyTorch: training exports the weights by parameter name, and every epoch
is scored on dev by the NumPy runtime itself, which checks the export as it goes. The
learning rate falls along a cosine from 2e-3 to 0 over the epochs; dev LAS picks the
epoch; test is only reported. Seeded: the same treebank, PyTorch version
and thread count give the same weights.

    pip install torch==2.13.0
    python tools/train_network.py ../shared/treebank            # writes src/parley/data/models
    python tools/train_network.py ../shared/treebank --epochs 30 --hidden 96   # smaller, faster
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

from parley.syntax.analysis import NetworkAnalyser
from parley.syntax.conllu import Tree, gold_sentences, read_conllu
from parley.syntax.evaluate import attachment_scores
from parley.syntax.lemmas import Lemmatiser
from parley.syntax.network import (
    PAD,
    ROOT_WORD,
    UNKNOWN,
    Network,
    affix_keys,
    form_key,
    shape,
)

OUT = Path(__file__).resolve().parents[1] / "src" / "parley" / "data" / "models"


class Model(nn.Module):
    """The network `parley.syntax.network.Network` runs; parameter names are the file's keys."""

    def __init__(self, sizes: dict[str, int], args: argparse.Namespace) -> None:
        super().__init__()
        self.word = nn.Embedding(sizes["words"], args.word_dim, padding_idx=PAD)
        self.affix = nn.Embedding(sizes["affixes"], args.affix_dim, padding_idx=PAD)
        self.shape = nn.Embedding(sizes["shapes"], 16, padding_idx=PAD)
        self.lstm = nn.LSTM(
            args.word_dim + args.affix_dim + 16,
            args.hidden,
            num_layers=args.layers,
            bidirectional=True,
            batch_first=True,
            dropout=args.dropout,
        )
        width = 2 * args.hidden
        self.tag = nn.Linear(width, sizes["tags"])
        self.arc_dep = nn.Linear(width, args.arc_dim)
        self.arc_head = nn.Linear(width, args.arc_dim)
        self.arc_U = nn.Parameter(torch.zeros(args.arc_dim, args.arc_dim))
        self.arc_u = nn.Parameter(torch.zeros(args.arc_dim))
        self.lab_dep = nn.Linear(width, args.label_dim)
        self.lab_head = nn.Linear(width, args.label_dim)
        self.lab_out = nn.Linear(3 * args.label_dim, sizes["relations"])
        self.drop = nn.Dropout(args.dropout)

    def forward(self, words, affixes, shapes, lengths):
        x = torch.cat([self.word(words), self.affix(affixes).sum(dim=2), self.shape(shapes)], dim=2)
        packed = nn.utils.rnn.pack_padded_sequence(
            self.drop(x), lengths, batch_first=True, enforce_sorted=False
        )
        out, _ = self.lstm(packed)
        x, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True)
        x = self.drop(x)
        dep = self.drop(torch.relu(self.arc_dep(x)))
        head = self.drop(torch.relu(self.arc_head(x)))
        arcs = (dep @ self.arc_U) @ head.transpose(1, 2) + (head @ self.arc_u)[:, None, :]
        label_dep = self.drop(torch.relu(self.lab_dep(x)))
        label_head = self.drop(torch.relu(self.lab_head(x)))
        return self.tag(x), arcs, label_dep, label_head

    def label_scores(self, label_dep, label_head, heads):
        h = torch.gather(label_head, 1, heads[:, :, None].expand(-1, -1, label_head.shape[2]))
        return self.lab_out(torch.cat([label_dep, h, label_dep * h], dim=2))


def vocabulary(train: list[Tree]) -> dict[str, list[str]]:
    """Feature strings seen at least twice in train; list index = embedding row."""
    words = Counter(form_key(w.form) for t in train for w in t.words)
    affixes = Counter(k for t in train for w in t.words for k in affix_keys(w.form))
    shapes = Counter(shape(w.form) for t in train for w in t.words)

    def table(counts: Counter[str], reserved: list[str]) -> list[str]:
        return reserved + sorted(k for k, c in counts.items() if c >= 2)

    return {
        "words": table(words, ["<pad>", "<unknown>", "<root>"]),
        "affixes": table(affixes, ["<pad>"]),
        "shapes": table(shapes, ["<pad>", "<unknown>"]),
    }


def batches(trees: list[Tree], network: Network, tag_ids, relation_ids, size: int):
    """Tensors for batches of `size` sentences of similar length."""
    order = sorted(range(len(trees)), key=lambda i: len(trees[i].words))
    out = []
    for start in range(0, len(order), size):
        chunk = [trees[i] for i in order[start : start + size]]
        forms = [[w.form for w in t.words] for t in chunk]
        words, affixes, shapes = network.vocabulary.encode(forms)
        width = words.shape[1]
        tags = np.full((len(chunk), width), -100)
        heads = np.zeros((len(chunk), width), dtype=np.int64)
        relations = np.full((len(chunk), width), -100)
        for row, tree in enumerate(chunk):
            for i, w in enumerate(tree.words, start=1):
                tags[row, i] = tag_ids[f"{w.upos} {w.xpos}"]
                heads[row, i] = w.head
                relations[row, i] = relation_ids.get(w.deprel, -100)
        lengths = torch.tensor([len(t.words) + 1 for t in chunk])
        out.append(
            (
                *tuple(
                    torch.from_numpy(a) for a in (words, affixes, shapes, tags, heads, relations)
                ),
                lengths,
            )
        )
    return out


def word_dropout(words: torch.Tensor, counts: torch.Tensor, generator: torch.Generator):
    """Replace rare words by <unknown> now and then (p = 0.25 / (0.25 + count))."""
    keep = torch.rand(words.shape, generator=generator) >= 0.25 / (0.25 + counts[words])
    return torch.where(keep | (words <= ROOT_WORD), words, torch.full_like(words, UNKNOWN))


def export(model: Model, vocab: dict[str, list[str]], tags, relations, layers, folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    np.savez_compressed(folder / "network.npz", **arrays)
    meta = {"tags": tags, "relations": relations, "layers": layers, **vocab}
    (folder / "network.json").write_text(json.dumps(meta), encoding="utf-8")


def attachment(network: Network, trees: list[Tree]) -> dict[str, float]:
    """UPOS, XPOS, UAS and LAS of the NumPy runtime on gold-tokenised trees."""
    analyser = NetworkAnalyser(network, Lemmatiser({}))
    analysed = analyser.analyse(list(gold_sentences(trees)), pretokenised=True)
    return attachment_scores(zip(trees, analysed, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("treebank", type=Path, help="folder with en_ewt-ud-*.conllu")
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--hidden", type=int, default=112)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--word-dim", type=int, default=100)
    parser.add_argument("--affix-dim", type=int, default=64)
    parser.add_argument("--arc-dim", type=int, default=128)
    parser.add_argument("--label-dim", type=int, default=96)
    parser.add_argument("--dropout", type=float, default=0.33)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    torch.manual_seed(7)
    rng = random.Random(7)
    generator = torch.Generator().manual_seed(7)

    train = list(read_conllu(args.treebank / "en_ewt-ud-train.conllu"))
    dev = list(read_conllu(args.treebank / "en_ewt-ud-dev.conllu"))
    test = list(read_conllu(args.treebank / "en_ewt-ud-test.conllu"))
    vocab = vocabulary(train)
    tags = sorted({f"{w.upos} {w.xpos}" for t in train for w in t.words})
    relations = sorted({w.deprel for t in train for w in t.words})
    tag_ids = {t: i for i, t in enumerate(tags)}
    relation_ids = {r: i for i, r in enumerate(relations)}
    sizes = {"tags": len(tags), "relations": len(relations)} | {k: len(v) for k, v in vocab.items()}
    scratch = Path(tempfile.mkdtemp(prefix="parley-network-"))
    model = Model(sizes, args)
    export(model, vocab, tags, relations, args.layers, scratch)
    data = batches(train, Network.load(scratch), tag_ids, relation_ids, args.batch)
    form_counts = Counter(form_key(w.form) for t in train for w in t.words)
    counts = torch.tensor([float(form_counts.get(w, 0)) for w in vocab["words"]])
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3, betas=(0.9, 0.9))
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=args.epochs)
    loss_of = nn.CrossEntropyLoss(ignore_index=-100)
    best: tuple[float, int] | None = None
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        model.train()
        rng.shuffle(data)
        total = 0.0
        for words, affixes, shapes, gold_tags, heads, rels, lengths in data:
            tag_scores, arcs, label_dep, label_head = model(
                word_dropout(words, counts, generator), affixes, shapes, lengths
            )
            width = arcs.shape[1]
            mask = torch.arange(width)[None, :] >= lengths[:, None]
            arcs = arcs.masked_fill(mask[:, None, :], -1e9)
            arc_gold = torch.where(gold_tags >= 0, heads, torch.full_like(heads, -100))
            label_scores = model.label_scores(label_dep, label_head, heads)
            loss = (
                loss_of(tag_scores.reshape(-1, tag_scores.shape[2]), gold_tags.reshape(-1))
                + loss_of(arcs.reshape(-1, width), arc_gold.reshape(-1))
                + loss_of(label_scores.reshape(-1, label_scores.shape[2]), rels.reshape(-1))
            )
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            total += loss.item()
        schedule.step()
        model.eval()
        export(model, vocab, tags, relations, args.layers, scratch)
        scores = attachment(Network.load(scratch), dev)
        print(
            f"epoch {epoch}: loss {total / len(data):.3f}; dev UPOS {scores['upos']:.4f} "
            f"XPOS {scores['xpos']:.4f} UAS {scores['uas']:.4f} LAS {scores['las']:.4f} "
            f"({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
        if best is None or scores["las"] > best[0]:
            best = (scores["las"], epoch)
            export(model, vocab, tags, relations, args.layers, args.out)
    assert best is not None
    scores = attachment(Network.load(args.out), test)
    size = sum(p.stat().st_size for p in args.out.glob("network.*")) / 1e6
    print(
        f"kept epoch {best[1]}; EWT test (gold tokens): UPOS {scores['upos']:.4f} "
        f"XPOS {scores['xpos']:.4f} UAS {scores['uas']:.4f} LAS {scores['las']:.4f}; "
        f"{size:.1f} MB in {args.out}"
    )


if __name__ == "__main__":
    main()
