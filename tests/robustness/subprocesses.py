"""Running the mode-aware ``solve`` (:mod:`tests.robustness.solve_mode`) in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = [
    "REPO_ROOT",
    "last_json",
    "run_solve_mode",
    "solve_mode_command",
    "subprocess_env",
]

#: The repository root: the subprocesses import ``tests.robustness`` from there.
REPO_ROOT = Path(__file__).resolve().parents[2]


def subprocess_env() -> dict[str, str]:
    """This environment with the repository on ``PYTHONPATH`` (``tests`` is not installed)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


def solve_mode_command(mode: str, instance: Path, *options: str) -> list[str]:
    """The command line that solves ``instance`` in ``mode``."""
    return [sys.executable, "-m", "tests.robustness.solve_mode", mode, str(instance), *options]


def last_json(stdout: str) -> dict[str, Any]:
    """The last line of ``stdout`` that is a JSON object."""
    for line in reversed(stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise AssertionError(f"no JSON result in the output: {stdout[-2000:]}")


def run_solve_mode(
    mode: str, instance: Path, *options: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run it to the end."""
    return subprocess.run(
        solve_mode_command(mode, instance, *options),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=REPO_ROOT,
        env=subprocess_env(),
    )
