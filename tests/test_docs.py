"""The README's promises: two copy-paste commands, and CI runs the second one."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.S)
    assert block is not None, "README must open with a bash block of commands"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_install_run_and_install_test():
    commands = readme_commands()
    assert len(commands) == 2
    assert "pip install ." in commands[0] and "parley code examples/" in commands[0]
    assert 'pip install ".[test]"' in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()
