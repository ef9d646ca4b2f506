"""The fit's resumable state: ``MODELSET/fit/state.json``, rewritten atomically.

The state records the fit's identity (:meth:`FitConfig.identity`), the seconds spent over all
its runs, and per stage its status (``running`` or ``done``), its parameters (fixed when it
first starts, so that a resumed stage asks for the same work and finds what it finished) and
its outputs. A write goes to a temporary file in the same folder, flushed to disk, then
renamed over the old one: a kill or a full disk leaves the previous state whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from experiments.fit.config import FitConfig, FitError

__all__ = [
    "CLOCK_NAME",
    "STATE_FORMAT",
    "STATE_NAME",
    "FitState",
    "StageRecord",
    "read_clock",
    "write_json_atomic",
]

#: The state's file name inside ``MODELSET/fit``.
STATE_NAME = "state.json"
#: The file beside it where a running fit records, every few seconds, the seconds it has spent
#: (a fit killed mid-stage would otherwise lose them from its budget).
CLOCK_NAME = "clock.json"
#: Identifies a fit state file.
STATE_FORMAT = "neuralmip-fit-state-v1"


def write_json_atomic(path: Path, record: Any) -> None:
    """Write ``record`` as JSON to ``path``: a temporary file, flushed, then renamed over it.

    Raises
    ------
    OSError
        When the folder cannot be written (a full disk: ``errno.ENOSPC``); ``path`` is left as
        it was and no temporary file is left behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w") as stream:
            json.dump(record, stream, indent=2)
            stream.write("\n")
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def read_clock(work: Path) -> float:
    """Seconds spent that ``work/clock.json`` records (0 when it is missing or unreadable)."""
    try:
        return float(json.loads((work / CLOCK_NAME).read_text())["spent_s"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0


@dataclass
class StageRecord:
    """What one stage did."""

    status: str = "running"
    """``running`` (started, not finished) or ``done``."""
    params: dict[str, Any] = field(default_factory=dict)
    """Parameters fixed when it first started (e.g. collection time limits)."""
    outputs: dict[str, Any] = field(default_factory=dict)
    """What it produced, as JSON (the pipeline restores the context from it)."""
    seconds: float = 0.0
    """Seconds it took, over all runs."""


@dataclass
class FitState:
    """The state of one fit, saved in ``MODELSET/fit/state.json``."""

    identity: str
    """:meth:`FitConfig.identity` of the fit (a resumed fit must match it)."""
    spent_s: float = 0.0
    """Seconds spent by the fit's runs up to the last save."""
    stages: dict[str, StageRecord] = field(default_factory=dict)
    """Per stage, in the order they started."""
    config: dict[str, Any] = field(default_factory=dict)
    """The config of the run that saved it (for the record)."""

    def done(self, name: str) -> bool:
        """Whether stage ``name`` finished."""
        record = self.stages.get(name)
        return record is not None and record.status == "done"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "format": STATE_FORMAT,
            "identity": self.identity,
            "spent_s": self.spent_s,
            "config": self.config,
            "stages": {name: vars(record) for name, record in self.stages.items()},
        }

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> FitState:
        """The state :meth:`to_json` wrote (a ``ValueError`` for another file)."""
        if record.get("format") != STATE_FORMAT:
            raise ValueError("not a neuralmip fit state")
        stages = {name: StageRecord(**value) for name, value in record["stages"].items()}
        return cls(record["identity"], float(record["spent_s"]), stages, dict(record["config"]))

    def save(self, work: Path) -> None:
        """Write the state to ``work/state.json`` atomically (see :func:`write_json_atomic`)."""
        write_json_atomic(work / STATE_NAME, self.to_json())

    @classmethod
    def open(cls, config: FitConfig) -> FitState:
        """The state a run of ``config`` starts from: a new one, or the saved one to resume.

        Raises
        ------
        FitError
            ``config.out`` is not empty and ``resume`` is off; ``resume`` is on and the folder
            holds no readable state, or the state of a fit with other inputs or seed.
        """
        path = config.work / STATE_NAME
        if config.out.exists() and not config.out.is_dir():
            raise FitError(f"--out {config.out}: is a file, not a folder")
        entries = {item.name for item in config.out.iterdir()} if config.out.exists() else set()
        occupied = bool(entries)
        if not config.resume:
            if occupied:
                raise FitError(
                    f"{config.out} is not empty: give --resume to continue the fit in it, "
                    "or --out a new folder"
                )
            return cls(config.identity(), config=config.to_json())
        if not path.is_file():
            if entries - {config.work.name}:  # a fit stopped in discovery leaves only fit/
                raise FitError(f"{config.out} holds no fit to resume ({path} is missing)")
            return cls(config.identity(), config=config.to_json())
        try:
            state = cls.from_json(json.loads(path.read_text()))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise FitError(f"{path}: cannot resume from it ({error})") from None
        if state.identity != config.identity():
            raise FitError(
                f"{config.out} holds a fit of other instances, split or seed "
                f"({state.config.get('command') or 'see ' + str(path)}); resume it with the "
                "same instances and --seed, or --out a new folder"
            )
        state.config = config.to_json()
        state.spent_s = max(state.spent_s, read_clock(config.work))
        return state
