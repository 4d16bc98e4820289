"""Actor recognition: dictionary phrases → coded mentions, with agents composed in.

`Japanese officials`, `officials in Tokyo` and `Japan's foreign minister` become one
mention each (JPNGOV): a country or named actor next to an agent noun (or joined to it by
`of`/`in`/`from`) takes the agent's sector when it has none of its own. Person entries
carry date-restricted roles, resolved on the document's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from parley.actors.matcher import Match, PhraseMatcher
from parley.actors.petrarch import (
    ActorEntry,
    AgentEntry,
    Issue,
    read_actors,
    read_agents,
    read_discards,
)
from parley.document import Mention, Sentence, Span

_LINKS = frozenset({"OF", "IN", "FROM", "AT"})


def compose(actor: str, agent: str, prefix: bool) -> str:
    """Add an agent's sector to a bare country code; named actors keep their own role."""
    if len(actor) != 3 or agent in actor:
        return actor
    return agent + actor if prefix else actor + agent


@dataclass(slots=True)
class _Piece:
    match: Match
    code: str | None
    entries: list[str]
    agent: AgentEntry | None = None


@dataclass(slots=True)
class ActorLexicon:
    """Compiled actor, agent and discard dictionaries, ready to find mentions."""

    actors: PhraseMatcher[ActorEntry] = field(default_factory=PhraseMatcher)
    agents: PhraseMatcher[AgentEntry] = field(default_factory=PhraseMatcher)
    discards: PhraseMatcher[tuple[bool, str]] = field(default_factory=PhraseMatcher)
    issues: list[Issue] = field(default_factory=list)

    @classmethod
    def load(
        cls,
        actor_files: Sequence[Path],
        agent_files: Sequence[Path],
        discard_files: Sequence[Path],
    ) -> ActorLexicon:
        """Read the files in order; a later file's entry for the same phrase wins."""
        lexicon = cls()
        for path in actor_files:
            entries, issues = read_actors(path)
            lexicon.issues += issues
            for entry in entries:
                for phrase in entry.phrases:
                    lexicon.actors.add(phrase, entry)
        for path in agent_files:
            agents, issues = read_agents(path)
            lexicon.issues += issues
            for agent in agents:
                for phrase in agent.phrases:
                    lexicon.agents.add(phrase, agent)
        for path in discard_files:
            discards, issues = read_discards(path)
            lexicon.issues += issues
            for phrase, story, where in discards:
                lexicon.discards.add(phrase, (story, where))
        return lexicon

    def discarded(self, sentence: Sentence) -> tuple[bool, str] | None:
        """`(story_level, entry)` when a discard phrase voids this sentence (or its story)."""
        found = self.discards.find_all([t.norm for t in sentence.tokens])
        if not found:
            return None
        return max((p for m in found for p in m.payloads), key=lambda p: p[0])

    def mentions(self, sentence: Sentence, day: dt.date | None) -> list[Mention]:
        """Coded actor mentions of one sentence, left to right."""
        norms = [t.norm for t in sentence.tokens]
        pieces: list[_Piece] = []
        for match in self.actors.find_all(norms):
            entry = match.payloads[-1]
            pieces.append(_Piece(match, entry.code_on(day), [f"{entry.where} {entry.name}"]))
        taken = [False] * len(norms)
        for piece in pieces:
            for i in range(piece.match.start, piece.match.end):
                taken[i] = True
        for match in self.agents.find_all(norms, taken):
            agent = match.payloads[-1]
            pieces.append(_Piece(match, None, [f"{agent.where} {agent.name}"], agent))
        pieces.sort(key=lambda p: p.match.start)
        merged = _merge(pieces, norms)
        return [_mention(sentence, piece) for piece in merged if piece.code is not None]


def _merge(pieces: list[_Piece], norms: Sequence[str]) -> list[_Piece]:
    """Join each agent to an adjacent actor (before it, after it, or after of/in/from)."""
    out: list[_Piece] = []
    for piece in pieces:
        previous = out[-1] if out else None
        if previous is not None and _joins(previous, piece, norms):
            out[-1] = _join(previous, piece)
        else:
            out.append(piece)
    return [
        p if p.code is not None or p.agent is None else _Piece(p.match, p.agent.code, p.entries)
        for p in out
    ]


def _joins(left: _Piece, right: _Piece, norms: Sequence[str]) -> bool:
    if (left.agent is None) == (right.agent is None):
        return False  # actor+actor or agent+agent: two mentions
    gap = right.match.start - left.match.end
    if gap == 0:
        return True
    return gap == 1 and left.agent is not None and norms[left.match.end] in _LINKS


def _join(left: _Piece, right: _Piece) -> _Piece:
    actor, agent = (right, left) if left.agent is not None else (left, right)
    assert agent.agent is not None
    code = None
    if actor.code is not None:
        code = compose(actor.code, agent.agent.code, agent.agent.prefix)
    match = Match(left.match.start, right.match.end, actor.match.payloads)
    return _Piece(match, code, left.entries + right.entries)


def _mention(sentence: Sentence, piece: _Piece) -> Mention:
    first = sentence.tokens[piece.match.start]
    last = sentence.tokens[piece.match.end - 1]
    offset = sentence.start
    return Mention(
        sentence_index=sentence.index,
        token_start=piece.match.start,
        token_end=piece.match.end,
        span=Span(first.start, last.end),
        text=sentence.text[first.start - offset : last.end - offset],
        code=piece.code or "",
        entries=tuple(piece.entries),
    )
