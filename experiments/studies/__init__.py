"""One-off studies: each script answers one question about the pipeline (see ``README.md``).

They are not pipeline stages: run one with ``python -m experiments.studies.NAME --help``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["study_command"]


def study_command(module: str, argv: Sequence[str] | None = None) -> list[str]:
    """The command line a study records in what it writes: ``python -m MODULE`` and the
    arguments it was given (``argv``; default: this process's), never the interpreter's or the
    script's path, which name one machine."""
    return ["python", "-m", module, *(sys.argv[1:] if argv is None else argv)]
