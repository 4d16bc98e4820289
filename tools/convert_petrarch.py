"""Convert PETRARCH-format dictionaries into parley's own format (see parley.actors.dictfile).

The bundled defaults in `src/parley/data/actors/` were made with this from the public
Phoenix files; a user can convert their own PETRARCH dictionaries the same way::

    python tools/convert_petrarch.py ../shared/dictionaries src/parley/data/actors

Lines the PETRARCH readers cannot use are printed with file and line, and left out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from parley.actors.dictfile import format_actor, format_agent, format_discard
from parley.actors.entries import ActorEntry, AgentEntry, Discard
from parley.actors.petrarch import read_actors, read_agents, read_discards

# PETRARCH file → parley file, and which reader understands it.
FILES = {
    "Phoenix.Countries.actors.txt": ("countries.txt", "actors"),
    "Phoenix.International.actors.txt": ("international.txt", "actors"),
    "Phoenix.MilNonState.actors.txt": ("nonstate.txt", "actors"),
    "Phoenix.agents.txt": ("agents.txt", "agents"),
    "Phoenix.discards.txt": ("discards.txt", "discards"),
}
HEADER = """\
# parley dictionary, converted by tools/convert_petrarch.py from {name}
# (Phoenix/PETRARCH dictionaries, MIT licence, Copyright (c) 2014 Open Event Data Alliance;
# see NOTICE). Each `source:` line names the PETRARCH line the record came from.

"""


def _with_source(entry: ActorEntry | AgentEntry | Discard) -> ActorEntry | AgentEntry | Discard:
    from dataclasses import replace

    return replace(entry, source=entry.where)


def convert(source: Path, target: Path, kind: str) -> int:
    """Write `target` from `source`; return how many records were written."""
    text = [HEADER.format(name=source.name)]
    if kind == "actors":
        actors, issues = read_actors(source)
        text += [format_actor(_with_source(e)) for e in actors]  # type: ignore[arg-type]
        count = len(actors)
    elif kind == "agents":
        agents, issues = read_agents(source)
        text += [format_agent(_with_source(e)) for e in agents]  # type: ignore[arg-type]
        count = len(agents)
    else:
        discards, issues = read_discards(source)
        text += [format_discard(_with_source(e)) for e in discards]  # type: ignore[arg-type]
        count = len(discards)
    for issue in issues:
        print(f"skipped {issue}")
    target.write_text("".join(text), encoding="utf-8")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with the Phoenix PETRARCH files")
    parser.add_argument("target", type=Path, help="folder to write parley-format files to")
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    for name, (out, kind) in FILES.items():
        count = convert(args.source / name, args.target / out, kind)
        print(f"{args.target / out}: {count} records from {name}")


if __name__ == "__main__":
    main()
