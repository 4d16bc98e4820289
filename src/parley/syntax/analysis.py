"""The analysis interface: what any analyser gives the coder, and parley's own analyser.

An analyser turns sentences (with their tokens and offsets) into syntactic words with
lemma, UPOS/XPOS tags, head, relation and clause (`parley.document.Word`). The coder reads
only that, so another analyser (a spaCy pipeline a user installed, a rule-based shallow
one) can be plugged in with `--analyser module:factory` and the event data compared.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from parley.document import Document, Sentence, Word
from parley.errors import ParleyError
from parley.syntax.lemmas import Lemmatiser
from parley.syntax.network import Network
from parley.syntax.runtime import QuantisedNetwork
from parley.syntax.words import Piece, split_tokens

FLOAT32 = "parley-float32"
CLAUSAL = frozenset({"root", "ccomp", "xcomp", "advcl", "acl", "csubj", "parataxis"})


class Analyser(Protocol):
    """Anything that analyses sentences into `Word`s.

    With `pretokenised`, each token is already one syntactic word (gold tokenisation, as
    in CoNLL-U), and the analyser must return exactly one word per token.
    """

    name: str

    def analyse(
        self, sentences: Sequence[Sentence], pretokenised: bool = False
    ) -> list[list[Word]]: ...


def clauses(heads: Sequence[int], relations: Sequence[str], upos: Sequence[str]) -> list[int]:
    """For each word, the index of the word heading its clause (0-based; heads -1 = root).

    A clause is headed by the root, by a word in a clausal relation (complement, adverbial
    or relative clause, clausal subject, parataxis) and by a verb coordinated with
    another clause's head (`Japan protested and China denied it`).
    """
    has_subject = {h for h, r in zip(heads, relations, strict=True) if r.startswith("nsubj")}
    starts = [
        rel in CLAUSAL
        or (":" in rel and rel.partition(":")[0] in CLAUSAL)
        or (rel == "conj" and (tag in ("VERB", "AUX") or i in has_subject))
        or head < 0
        for i, (head, rel, tag) in enumerate(zip(heads, relations, upos, strict=True))
    ]
    out = []
    for i in range(len(heads)):
        j = i
        while not starts[j]:
            j = heads[j]
        out.append(j)
    return out


_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})


def subject_read_as_modifier(
    heads: list[int], relations: list[str], upos: Sequence[str], xpos: Sequence[str]
) -> None:
    """Repair, in place, a sentence read as one noun phrase whose past verb modifies
    its object (`Police used tear gas`, `Peru eased restrictions`: `used`, `eased` read
    as in `used cars`, `Police` as a modifier of `gas`): English writes no participle
    between a bare noun and the noun it would modify, so where the root is a noun, no
    verb heads a clause, and a past form tagged as an `amod` stands right after a noun
    and before the noun it hangs on, the verb is the root, the noun before it its
    subject and the noun after it its object. Heads are 0-based, -1 the root."""
    if not any(h < 0 and upos[i] in ("NOUN", "PROPN") for i, h in enumerate(heads)):
        return
    if any(
        u in ("VERB", "AUX") and r not in ("amod", "acl")
        for u, r in zip(upos, relations, strict=True)
    ):
        return
    found = [
        i
        for i in range(1, len(heads))
        if upos[i] == "VERB" and xpos[i] in ("VBD", "VBN") and relations[i] == "amod"
        and xpos[i - 1] in _NOUNS and heads[i] > i
    ]  # fmt: skip
    if len(found) != 1:
        return
    verb = found[0]
    subject, obj = verb - 1, heads[verb]
    root = heads.index(-1)
    in_phrase = {heads[c] for c, r in enumerate(relations) if r == "case"}  # `on Friday`
    moved = [(verb, -1, "root"), (obj, verb, "obj")]
    if subject in in_phrase or (subject > 0 and xpos[subject - 1] == "IN"):
        moved.append((subject, verb, "obl"))  # `Japan on Friday lifted`: when, not who
        if subject not in in_phrase:
            moved.append((subject - 1, subject, "case"))
        before = [i for i in range(subject - 1, -1, -1) if xpos[i] in _NOUNS]
        subject = next((i for i in before if i not in in_phrase), -1)
        if subject < 0:
            return
    while 0 <= heads[subject] < verb and relations[subject] == "compound":
        subject = heads[subject]  # `Peruvian police` heads at `police`
    moved.append((subject, verb, "nsubj"))
    for word, head, relation in moved:
        heads[word], relations[word] = head, relation
    if root not in (subject, obj, verb):
        heads[root], relations[root] = obj, "dep"
    for word in range(len(heads)):
        if heads[word] == root and relations[word] == "punct":
            heads[word] = verb


def span_words(words: Sequence[Word], start: int, end: int) -> list[int]:
    """The words cut from tokens `[start, end)`."""
    return [i for i, w in enumerate(words) if start <= w.token < end]


def hangs_below(words: Sequence[Word], word: int, tops: Container[int]) -> bool:
    """Whether `word` is one of `tops` or hangs anywhere below one (-1 stands for the
    root's head, so a top of -1 holds every word)."""
    for _ in range(len(words) + 1):  # bounded: a parse may hold a cycle
        if word in tops:
            return True
        if word < 0:
            return False
        word = words[word].head
    return False


def _chunks(order: list[int], lengths: list[int], most: int) -> Iterator[list[int]]:
    """Sentences (sorted by length) in batches of at most `most` whose longest is at most
    a third (and three words) longer than their shortest: every sentence of a batch is
    padded to its longest, and a document's long sentences must not make its short ones
    cost as much (a third of the analysis time on news, measured)."""
    chunk: list[int] = []
    for i in order:
        if chunk and (len(chunk) >= most or lengths[i] > lengths[chunk[0]] * 1.35 + 3):
            yield chunk
            chunk = []
        chunk.append(i)
    if chunk:
        yield chunk


@dataclass(slots=True)
class NetworkAnalyser:
    """parley's own analyser: UD word splitting, the network, lemmas and clauses.

    The network is the int8 one run by ONNX Runtime (`load`), or the float32 weights run
    with NumPy (`load_float32`: the reference the int8 model is checked against, half
    the speed, with the same accuracy on the treebank and the gold sets).
    """

    network: QuantisedNetwork | Network
    lemmatiser: Lemmatiser
    batch: int = 256
    name: str = field(default="parley")
    tag_pairs: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tag_pairs = [(u, x) for u, _, x in (t.partition(" ") for t in self.network.tags)]

    @classmethod
    def load(cls, folder: Path | None = None) -> NetworkAnalyser:
        return cls(QuantisedNetwork.load(folder), Lemmatiser.load(folder))

    @classmethod
    def load_float32(cls, folder: Path | None = None) -> NetworkAnalyser:
        return cls(Network.load(folder), Lemmatiser.load(folder), name=FLOAT32)

    def analyse(
        self, sentences: Sequence[Sentence], pretokenised: bool = False
    ) -> list[list[Word]]:
        if pretokenised:
            pieces = [
                [Piece(t.text, t.start, t.end, i) for i, t in enumerate(s.tokens)]
                for s in sentences
            ]
        else:
            pieces = [split_tokens(s.tokens) for s in sentences]
        out: list[list[Word]] = [[] for _ in sentences]
        order = sorted((i for i, p in enumerate(pieces) if p), key=lambda i: len(pieces[i]))
        for chunk in _chunks(order, [len(p) for p in pieces], self.batch):
            parses = self.network.analyse([[p.text for p in pieces[i]] for i in chunk])
            for i, parse in zip(chunk, parses, strict=True):
                out[i] = self._words(pieces[i], parse.tags, parse.heads, parse.labels)
        return out

    def _words(
        self, pieces: list[Piece], tags: list[int], heads: list[int], labels: list[int]
    ) -> list[Word]:
        tag_names = [self.tag_pairs[t] for t in tags]
        relations = [self.network.relations[k] for k in labels]
        head_index = [h - 1 for h in heads]
        upos = [u for u, _ in tag_names]
        subject_read_as_modifier(head_index, relations, upos, [x for _, x in tag_names])
        clause = clauses(head_index, relations, upos)
        lemma = self.lemmatiser.lemma
        rows = zip(pieces, tag_names, head_index, relations, clause, strict=True)
        return [
            Word(p.text, p.start, p.end, p.token, lemma(p.text, u), u, x, h, r, c)
            for p, (u, x), h, r, c in rows
        ]


def load_analyser(spec: str = "parley") -> Analyser:
    """`parley` (the bundled analyser), `parley-float32` (the same network unquantised), or
    `module:factory` naming a callable that returns an analyser (or an analyser object)."""
    if spec == "parley":
        return NetworkAnalyser.load()
    if spec == FLOAT32:
        return NetworkAnalyser.load_float32()
    module_name, _, attribute = spec.partition(":")
    if not attribute:
        raise ParleyError(f"analyser {spec!r}: expected 'parley', '{FLOAT32}' or 'module:factory'")
    try:
        found = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise ParleyError(f"analyser {spec!r}: cannot be loaded ({exc})") from None
    if callable(found) and (isinstance(found, type) or not hasattr(found, "analyse")):
        try:
            found = found()
        except Exception as exc:  # a user's factory: whatever it raises is their message
            raise ParleyError(f"analyser {spec!r}: cannot be created ({exc})") from None
    analyser = found
    if not callable(getattr(analyser, "analyse", None)):
        raise ParleyError(f"analyser {spec!r}: has no analyse(sentences) method")
    return analyser


@dataclass(slots=True)
class Analyse:
    """Stage: `Sentence.words` for the sentences of a document that have at least
    `min_actors` actor mentions (all sentences with the default 0), or a token whose
    `norm` is one of `cues` (`Coder.cues`: `were arrested` names its doer unwritten)."""

    analyser: Analyser
    min_actors: int = 0
    cues: frozenset[str] = frozenset()
    name: str = "analyse"
    skip_copies: bool = True

    def __call__(self, doc: Document) -> Document:
        return self.many([doc])[0]

    def many(self, docs: Sequence[Document]) -> list[Document]:
        """The chosen sentences of all `docs` analysed together: the analyser batches
        sentences of similar length, and more sentences make fuller batches."""
        chosen = [s for doc in docs for s in self._chosen(doc)]
        for sentence, words in zip(chosen, self.analyser.analyse(chosen), strict=True):
            sentence.words = words
        return list(docs)

    def _chosen(self, doc: Document) -> list[Sentence]:
        if not self.min_actors:
            return doc.sentences
        actors = Counter(m.sentence_index for m in doc.mentions if m.role == "actor")
        return [
            s
            for s in doc.sentences
            if actors[s.index] >= self.min_actors
            or (self.cues and any(t.norm in self.cues for t in s.tokens))
        ]
