"""Model sets: the folder format the learned plugins read, without torch.

A model set is a folder::

    setcover/
        modelset.toml     the manifest: the one place that holds the set's settings
        branching.pt      the branching policy's checkpoint (gnn.checkpoint)
        branching.json    its training config and metrics, for the record
        diving.pt         the diving model's checkpoint
        diving.json

The manifest (``modelset.toml``, :data:`MANIFEST_NAME`) names the format and its version, the
set's name, the SCIP parameters the set runs under (``[scip_params]``; empty: SCIP's defaults),
and one table per component (``[branching]``, ``[diving]``) with: ``enabled`` and ``why`` (a
disabled component is declined with that reason), ``checkpoint`` (a file name in the folder),
``settings`` (fields of :class:`solver.branching.BranchingRuleConfig` or
:class:`solver.diving.NeuralDivingConfig`; empty: their defaults), ``domain`` (the training
domain, :meth:`gnn.domain.ModelDomain.to_dict`, copied from the checkpoint so that matching an
instance needs no torch) and provenance (``command``, ``created``). A ``[provenance]`` table
records where the set came from.

Besides a model set folder, :func:`read_model_set` accepts one checkpoint file (the set then
holds only that file's component, with default settings) and a folder of checkpoints without a
manifest (each file's component is read from its content, whatever its name). Nothing here
imports torch: :func:`gnn.checkpoint_info.read_checkpoint_info` reads a checkpoint's metadata
without it.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gnn.checkpoint_info import CheckpointError, checkpoint_kind, read_checkpoint_info
from gnn.domain import DomainError, ModelDomain

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = [
    "COMPONENTS",
    "MANIFEST_FORMAT",
    "MANIFEST_NAME",
    "MANIFEST_VERSION",
    "Component",
    "LearnedModelError",
    "ModelSet",
    "checkpoint_component",
    "place_checkpoint",
    "read_model_set",
    "write_manifest",
]

#: The manifest's file name inside a model set folder.
MANIFEST_NAME = "modelset.toml"
#: Identifies a neuralmip model set manifest.
MANIFEST_FORMAT = "neuralmip-modelset"
#: The manifest version this build reads and writes.
MANIFEST_VERSION = 1
#: The learned components a model set may hold, in the order they are reported.
COMPONENTS = ("branching", "diving")


class LearnedModelError(ValueError):
    """A learned model is missing, unreadable or incompatible; ``str()`` is one clear line."""


@dataclass(frozen=True)
class Component:
    """One learned component of a model set.

    Attributes
    ----------
    kind
        ``"branching"`` or ``"diving"``.
    path
        Its checkpoint file.
    enabled
        Whether the set uses it (a disabled component is declined with :attr:`why`).
    why
        Why it is enabled or disabled, for the record and for the user.
    settings
        Fields of the plugin's configuration (``BranchingRuleConfig`` or
        ``NeuralDivingConfig``); empty: their defaults.
    domain
        The training instances' profile ranges (None: not recorded).
    provenance
        How the checkpoint was made (``command``, ``created``), for the record.
    """

    kind: str
    path: Path
    enabled: bool = True
    why: str = field(default="", repr=False)
    settings: Mapping[str, Any] = field(default_factory=dict)
    domain: ModelDomain | None = field(default=None, repr=False)
    provenance: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class ModelSet:
    """The checkpoints and settings one learned solve uses.

    Attributes
    ----------
    name
        The set's name (its manifest's; else the path given).
    branching, diving
        The components it holds (None: that component is not in the set).
    scip_params
        SCIP parameters the set runs under (empty: SCIP's defaults).
    provenance
        Where the set came from, for the record.
    """

    name: str
    branching: Component | None = None
    diving: Component | None = None
    scip_params: Mapping[str, Any] = field(default_factory=dict)
    provenance: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def component(self, kind: str) -> Component | None:
        """The component of ``kind`` (``"branching"`` or ``"diving"``), or None."""
        return getattr(self, kind)

    def components(self) -> list[Component]:
        """The components the set holds, in :data:`COMPONENTS` order."""
        return [c for c in (self.branching, self.diving) if c is not None]


def read_model_set(path: Path) -> ModelSet:
    """The model set at ``path``: a model set folder, a folder of checkpoints, or one checkpoint.

    Raises
    ------
    LearnedModelError
        When the manifest or a checkpoint cannot be read, or a folder without a manifest does
        not hold at most one checkpoint of each component.
    """
    if path.is_dir():
        manifest = path / MANIFEST_NAME
        return _read_manifest(manifest) if manifest.is_file() else _loose_folder(path)
    component = _checkpoint_component(path)
    return ModelSet(name=str(path), **{component.kind: component})


def _checkpoint_component(path: Path) -> Component:
    """A component made of one checkpoint file alone: default settings, its recorded domain."""
    try:
        info = read_checkpoint_info(path)
    except CheckpointError as error:
        raise LearnedModelError(str(error)) from None
    domain = None
    if info.get("domain") is not None:
        try:
            domain = ModelDomain.from_dict(info["domain"])
        except DomainError as error:
            raise LearnedModelError(f"{path}: unusable training domain ({error})") from None
    provenance = {key: info[key] for key in ("command", "created") if info.get(key)}
    return Component(kind=checkpoint_kind(info), path=path, domain=domain, provenance=provenance)


def checkpoint_component(source: Path, kind: str) -> Component:
    """The component of the checkpoint file ``source``, which must hold a ``kind`` model:
    default settings, the training domain and provenance it records.

    Raises
    ------
    LearnedModelError
        When ``source`` is not a readable checkpoint, or holds another kind of model.
    """
    component = _checkpoint_component(source)
    if component.kind != kind:
        raise LearnedModelError(f"{source}: holds a {component.kind} model, not a {kind} model")
    return component


def place_checkpoint(source: Path, folder: Path, kind: str) -> Component:
    """Copy the checkpoint ``source`` (and its ``.json`` record) into ``folder`` as ``KIND.pt``.

    The copy replaces an earlier ``KIND.pt`` whole (written beside it, then renamed), so that
    an interrupted copy never leaves a half-written checkpoint in a set. ``folder`` is made
    when missing.

    Returns
    -------
    Component
        The copy's component: enabled, default settings, the training domain and provenance
        the checkpoint records.

    Raises
    ------
    LearnedModelError
        When ``source`` is not a readable checkpoint, or holds another kind of model than
        ``kind``.
    """
    component = checkpoint_component(source, kind)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{kind}.pt"
    for origin, copy in (
        (source, target),
        (source.with_suffix(".json"), target.with_suffix(".json")),
    ):
        if copy.exists() and origin.exists() and copy.samefile(origin):
            continue
        if not origin.is_file():
            copy.unlink(missing_ok=True)  # a record of the checkpoint it replaces
            continue
        partial = copy.with_name(copy.name + ".partial")
        shutil.copy2(origin, partial)
        os.replace(partial, copy)
    return Component(
        kind=kind, path=target, domain=component.domain, provenance=component.provenance
    )


def _loose_folder(folder: Path) -> ModelSet:
    """The set of a folder of checkpoints without a manifest, each classified by its content."""
    found: dict[str, Component] = {}
    for path in sorted(folder.glob("*.pt")):
        component = _checkpoint_component(path)
        if component.kind in found:
            raise LearnedModelError(
                f"{folder}: holds several {component.kind} checkpoints "
                f"({found[component.kind].path.name}, {path.name}); keep one, or name the file"
            )
        found[component.kind] = component
    if not found:
        raise LearnedModelError(
            f"{folder}: holds no {MANIFEST_NAME} and no checkpoint (*.pt); train one with "
            "`neuralmip train`, then pass its file or folder with --model PATH"
        )
    return ModelSet(name=str(folder), **found)


def _read_manifest(path: Path) -> ModelSet:
    """The model set a manifest describes (checkpoint paths resolved against its folder)."""
    try:
        record = tomllib.loads(path.read_text())
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LearnedModelError(f"{path}: not a readable model set manifest ({error})") from None
    if record.get("format") != MANIFEST_FORMAT:
        raise LearnedModelError(f"{path}: not a neuralmip model set manifest")
    if record.get("format_version") != MANIFEST_VERSION:
        raise LearnedModelError(
            f"{path}: model set format version {record.get('format_version')} is not supported "
            f"(this build reads {MANIFEST_VERSION})"
        )
    components = {
        kind: _manifest_component(path, kind, record[kind]) for kind in COMPONENTS if kind in record
    }
    return ModelSet(
        name=str(record.get("name") or path.parent.name),
        scip_params=dict(record.get("scip_params", {})),
        provenance=dict(record.get("provenance", {})),
        **components,
    )


def _manifest_component(manifest: Path, kind: str, table: Mapping[str, Any]) -> Component:
    """One ``[branching]`` / ``[diving]`` table of a manifest."""
    if "checkpoint" not in table:
        raise LearnedModelError(f"{manifest}: [{kind}] names no checkpoint")
    path = manifest.parent / str(table["checkpoint"])
    if not path.is_file():
        raise LearnedModelError(f"{manifest}: [{kind}] checkpoint {path.name} is missing")
    domain = None
    if table.get("domain"):
        try:
            domain = ModelDomain.from_dict(table["domain"])
        except DomainError as error:
            raise LearnedModelError(f"{manifest}: [{kind}] domain is unusable ({error})") from None
    return Component(
        kind=kind,
        path=path,
        enabled=bool(table.get("enabled", True)),
        why=str(table.get("why", "")),
        settings=dict(table.get("settings", {})),
        domain=domain,
        provenance={key: table[key] for key in ("command", "created") if key in table},
    )


def write_manifest(folder: Path, model_set: ModelSet, *, header: str = "") -> Path:
    """Write ``model_set``'s manifest into ``folder`` (its checkpoints must lie there).

    Parameters
    ----------
    folder
        The model set folder.
    model_set
        What to record; each component's checkpoint is named relative to ``folder``.
    header
        Comment lines put at the top of the file (without ``#``).

    Returns
    -------
    Path
        The written manifest.
    """
    record: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "format_version": MANIFEST_VERSION,
        "name": model_set.name,
        "scip_params": dict(model_set.scip_params),
    }
    for component in model_set.components():
        table: dict[str, Any] = {
            "enabled": component.enabled,
            "why": component.why,
            "checkpoint": component.path.name,
            **dict(component.provenance),
            "settings": dict(component.settings),
        }
        if component.domain is not None:
            table["domain"] = component.domain.to_dict()
        record[component.kind] = table
    record["provenance"] = dict(model_set.provenance)
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    text = "\n".join([*lines, *_toml_lines(record, ())]).strip() + "\n"
    path = folder / MANIFEST_NAME
    path.write_text(text)
    return path


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key)


def _toml_value(value: Any) -> str:
    """A TOML literal for a string, bool, number or list of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to a manifest")


def _toml_lines(table: Mapping[str, Any], prefix: tuple[str, ...]) -> list[str]:
    """A table's scalar entries, then each of its subtables under its ``[a.b]`` header."""
    lines = [
        f"{_toml_key(key)} = {_toml_value(value)}"
        for key, value in table.items()
        if not isinstance(value, Mapping)
    ]
    for key, value in table.items():
        if isinstance(value, Mapping):
            name = (*prefix, key)
            lines += ["", "[" + ".".join(_toml_key(part) for part in name) + "]"]
            lines += _toml_lines(value, name)
    return lines
