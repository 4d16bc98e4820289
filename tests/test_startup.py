"""Start-up: `import parley` and `parley --help` load none of the heavy libraries (what
a command needs is imported when it runs), and the lazy names still all resolve."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

import parley
from parley.cli.main import COMMANDS, cli

HEAVY = ("numpy", "duckdb", "pyarrow", "onnxruntime", "dask", "fastapi", "pypdf")


def _loaded_after(code: str) -> set[str]:
    """Which of the heavy libraries a fresh interpreter holds after running `code`."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.split())


def test_importing_parley_loads_no_heavy_library():
    assert _loaded_after("import parley") == set()


def test_the_command_list_loads_no_heavy_library():
    code = (
        "import contextlib, io\nfrom parley.cli.main import cli\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['--help'])"
    )
    assert _loaded_after(code) == set()


@pytest.mark.parametrize("name", parley.__all__)
def test_every_public_name_resolves(name):
    assert getattr(parley, name) is not None


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        parley.no_such_thing  # noqa: B018


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_listed_command_is_the_command_of_that_name(name):
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, click.Command) and command.name == name
