"""Run a `parley` command in a child process and read that process's own peak memory.

`ru_maxrss` of RUSAGE_CHILDREN is the largest child so far, not the one just run, and
even a child's own `ru_maxrss` starts from its parent's size when it was forked (Linux
keeps it across exec). So the child writes its own high-water mark, VmHWM of
/proc/self/status (its memory since exec), to a file at exit; ru_maxrss where there is
no /proc.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

_MEASURED = """
import atexit, os, resource, sys
out = sys.argv.pop(1)
def peak():
    try:
        status = open("/proc/self/status").read()
        return int(status.split("VmHWM:")[1].split()[0])
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
def write_peak():
    open(out, "w").write(str(peak()))
atexit.register(write_peak)
_exit = os._exit
def leave(status):  # parley ends with os._exit, which runs no atexit function
    write_peak()
    _exit(status)
os._exit = leave
sys.argv[0] = "parley"
from parley.cli.main import main
main()
"""


def run_parley(
    *args: str, pin_core: bool = False
) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Seconds and peak resident MB of `parley ARGS...`, and the finished process;
    `pin_core`: on the first core only (`taskset -c 0`), as a one-core machine runs it."""
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        pinned = ["taskset", "-c", "0"] if pin_core else []
        start = time.perf_counter()
        proc = subprocess.run(
            [*pinned, sys.executable, "-c", _MEASURED, str(peak_file), *args],
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"parley {' '.join(args[:1])} failed: {proc.stderr[-2000:]}")
        return elapsed, int(peak_file.read_text()) / 1024, proc
