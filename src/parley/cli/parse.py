"""`parley parse`: the syntactic analysis the coder reads, or CoNLL-U for parser evaluation."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from parley.cli import inputs
from parley.cli.options import analyser_option
from parley.document import Document, Sentence, Word
from parley.ingest.clean import Clean
from parley.ingest.describe import Describe
from parley.ingest.hyphens import Dehyphenator
from parley.pipeline import Pipeline
from parley.syntax import conllu
from parley.syntax.analysis import Analyse, Analyser, load_analyser
from parley.syntax.evaluate import attachment_scores
from parley.text.segment import Segment


def _tree(sentence: Sentence, comments: list[str]) -> conllu.Tree:
    words = [
        conllu.Word(w.text, w.lemma, w.upos, w.xpos, "_", w.head + 1, w.relation)
        for w in sentence.words
    ]
    return conllu.Tree(comments, words)


def _record(doc: Document, sentence: Sentence, word: Word, index: int) -> dict[str, Any]:
    return {
        "document_id": doc.id,
        "sentence_index": sentence.index,
        "index": index,
        "text": word.text,
        "start": word.start,
        "end": word.end,
        "token": word.token,
        "lemma": word.lemma,
        "upos": word.upos,
        "xpos": word.xpos,
        "head": word.head,
        "relation": word.relation,
        "clause": word.clause,
    }


def _jsonl(doc: Document) -> None:
    for sentence in doc.sentences:
        for i, word in enumerate(sentence.words):
            click.echo(json.dumps(_record(doc, sentence, word, i), ensure_ascii=False))


def _conllu(doc: Document) -> None:
    trees = (
        _tree(s, [f"# doc_id = {doc.id}", f"# sent_id = {s.index}", f"# text = {s.text}"])
        for s in doc.sentences
    )
    conllu.write_conllu(trees, sys.stdout)


def _table(doc: Document, console: Console) -> None:
    for sentence in doc.sentences:
        table = Table(title=f"{doc.id} — sentence {sentence.index}: {sentence.text}",
                      title_justify="left")  # fmt: skip
        for column in ("#", "word", "lemma", "upos", "xpos", "head", "relation", "clause"):
            table.add_column(column, no_wrap=True)
        for i, w in enumerate(sentence.words):
            head = "root" if w.head < 0 else f"{w.head} {sentence.words[w.head].text}"
            table.add_row(str(i), w.text, w.lemma, w.upos, w.xpos, head, w.relation, str(w.clause))
        console.print(table)


def _reparse(path: Path, analyser: Analyser, score: bool) -> None:
    try:
        trees = list(conllu.read_conllu(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{path}: cannot be read ({exc})") from None
    if not trees:
        raise click.ClickException(f"{path}: no CoNLL-U sentences found")
    sentences = list(conllu.gold_sentences(trees))
    analysed = analyser.analyse(sentences, pretokenised=True)
    for sentence, words in zip(sentences, analysed, strict=True):
        sentence.words = words
    conllu.write_conllu(
        (_tree(s, t.comments) for s, t in zip(sentences, trees, strict=True)), sys.stdout
    )
    if score:
        scores = attachment_scores(zip(trees, analysed, strict=True))
        click.echo(
            f"{path}: {scores['words']} words; UPOS {scores['upos']:.4f} XPOS "
            f"{scores['xpos']:.4f} UAS {scores['uas']:.4f} LAS {scores['las']:.4f}",
            err=True,
        )


@click.command()
@click.argument("text_or_file", required=False)
@click.option(
    "--conllu-in",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Re-tag and re-parse a gold-tokenised CoNLL-U file instead (writes CoNLL-U).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "conllu", "jsonl")),
    help="Output format [default: table on a terminal, else conllu].",
)
@click.option(
    "--score",
    is_flag=True,
    help="With --conllu-in: print UPOS/XPOS/UAS/LAS against the input to stderr.",
)
@analyser_option
def parse(
    text_or_file: str | None,
    conllu_in: Path | None,
    fmt: str | None,
    score: bool,
    analyser: str,
) -> None:
    """Show the syntactic analysis of TEXT_OR_FILE (a file of any format `parley code`
    reads, or the text itself): sentences, words with character offsets, lemmas,
    UPOS/XPOS tags, heads, dependency relations and the clause each word belongs to.

    \b
    Examples:
      parley parse "Japan accused China of violating its airspace."
      parley parse examples/ --format conllu > parsed.conllu
      parley parse --conllu-in en_ewt-ud-test.conllu --format conllu --score > out.conllu
    """
    if (text_or_file is None) == (conllu_in is None):
        raise click.UsageError("give either TEXT_OR_FILE or --conllu-in FILE")
    chosen = load_analyser(analyser)
    if conllu_in is not None:
        if fmt not in (None, "conllu"):
            raise click.UsageError("--conllu-in writes CoNLL-U (--format conllu)")
        _reparse(conllu_in, chosen, score)
        return
    assert text_or_file is not None
    stages = [Clean(Dehyphenator.english()), Describe(), Segment(), Analyse(chosen)]
    documents = inputs.text_or_file(text_or_file)
    fmt = fmt or ("table" if sys.stdout.isatty() else "conllu")
    if fmt == "table":
        console = inputs.screen()
        inputs.show_each(Pipeline(stages), documents, lambda doc: _table(doc, console))
    else:
        inputs.show_each(Pipeline(stages), documents, _jsonl if fmt == "jsonl" else _conllu)
