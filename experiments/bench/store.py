"""Append-only results store: one JSON object per line, flushed and synced after every run.

Why JSON Lines rather than SQLite: only the benchmark's parent process writes (workers return
their rows to it), so no locking is needed; a process killed mid-write leaves at most one partial
last line, which :meth:`ResultStore.records` skips, and every earlier line is intact; rows hold
nested trajectories that are natural in JSON and awkward in tables; and the file can be read,
grepped, diffed and concatenated (runs from two machines) with ordinary tools.

Each row is keyed by ``(instance_set, instance, configuration, seed)``. The store never rewrites a
line: a run done again (``--resume`` after a crash) appends a new row, and readers keep the last
row of each key.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["ResultStore", "RunKey", "run_key", "RESULTS_FILE"]

_LOG = logging.getLogger(__name__)

#: File name of the results inside a benchmark folder.
RESULTS_FILE = "results.jsonl"

#: ``(instance_set, instance, configuration, seed)``
RunKey = tuple[str, str, str, int]


def run_key(row: Mapping[str, Any]) -> RunKey:
    """The key of a result row."""
    return (
        str(row["instance_set"]),
        str(row["instance"]),
        str(row["configuration"]),
        int(row["seed"]),
    )


class ResultStore:
    """A JSON Lines file of result rows.

    Parameters
    ----------
    path
        The file; created (with its folder) on the first :meth:`append`.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def append(self, row: Mapping[str, Any]) -> None:
        """Write one row and make it durable before returning."""
        line = json.dumps(row, sort_keys=True, default=str)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as stream:
            if stream.tell() > 0 and not self._ends_with_newline():
                stream.write("\n")  # a killed writer left a partial line: start a fresh one
            stream.write(line + "\n")
            stream.flush()
            os.fsync(stream.fileno())

    def _ends_with_newline(self) -> bool:
        with self.path.open("rb") as stream:
            stream.seek(-1, os.SEEK_END)
            return stream.read(1) == b"\n"

    def records(self) -> Iterator[dict[str, Any]]:
        """Every complete row, in file order (a partial or corrupt line is skipped)."""
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    _LOG.warning("%s:%d: skipping an incomplete row", self.path, number)

    def latest(self) -> dict[RunKey, dict[str, Any]]:
        """The last row of each key."""
        return {run_key(row): row for row in self.records()}
