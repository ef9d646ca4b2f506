"""One-file checkpoints: model class and config, weights, feature schema, metrics and provenance.

A checkpoint is a :func:`torch.save` of plain dicts, lists, strings, numbers and tensors, so
:func:`torch.load` reads it with ``weights_only=True`` (no arbitrary unpickling). The model class
is looked up by name in a registry (:data:`gnn.models.MODEL_CLASSES` by default), so branching
and diving models share this module.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import re
import sys
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from gnn import features as _features
from gnn.checkpoint_info import CHECKPOINT_FORMAT, CheckpointError
from gnn.domain import DomainError, ModelDomain
from gnn.models import MODEL_CLASSES

__all__ = [
    "CHECKPOINT_FORMAT",
    "Checkpoint",
    "CheckpointError",
    "feature_schema",
    "library_versions",
    "load_checkpoint",
    "save_checkpoint",
    "set_checkpoint_domain",
]

_FORMAT_VERSION = 1
_REQUIRED_KEYS = (
    "format",
    "format_version",
    "model_class",
    "model_config",
    "state_dict",
    "feature_schema",
)


@dataclass(frozen=True)
class Checkpoint:
    """A loaded checkpoint.

    Attributes
    ----------
    model
        The rebuilt model, in eval mode, on the CPU.
    path
        Where it was read from.
    metadata
        Everything else the file records: ``feature_schema``, ``training_config``, ``metrics``,
        ``versions``, ``command``, ``created``, ``model_class``, ``model_config``, ``domain``.
    domain
        The instance profiles the model was trained on (None: not recorded, no check).
    """

    model: nn.Module
    path: Path
    metadata: dict[str, Any] = field(default_factory=dict)
    domain: ModelDomain | None = None


def feature_schema(enums: Iterable[type[Enum]]) -> dict[str, list[str]]:
    """Member names of each feature Enum, keyed by the Enum's class name."""
    return {enum.__name__: [member.name for member in enum] for enum in enums}


def library_versions() -> dict[str, str]:
    """Versions of the libraries a checkpoint depends on."""
    versions = {
        "python": platform.python_version(),
        "torch": str(torch.__version__),
        "numpy": str(np.__version__),
    }
    for name in ("torch_geometric", "pyscipopt"):
        module = sys.modules.get(name)
        if module is not None:
            versions[name] = str(getattr(module, "__version__", "unknown"))
    return versions


def _plain(value: Any) -> Any:
    """Turn ``value`` into JSON-like plain data that ``weights_only`` loading accepts."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def save_checkpoint(
    path: str | Path,
    model: nn.Module,
    *,
    feature_enums: Iterable[type[Enum]],
    training_config: Mapping[str, Any] | None = None,
    metrics: Mapping[str, Any] | None = None,
    command: str | None = None,
    domain: ModelDomain | None = None,
) -> Path:
    """Write ``model`` and its provenance to one file (atomically: a killed run leaves no stub).

    Parameters
    ----------
    path
        Output file (``.pt``); parent folders are created.
    model
        A model whose class is registered (see :func:`gnn.models.register_model`) and whose
        ``config`` attribute holds its constructor arguments.
    feature_enums
        Every feature Enum the model's inputs follow; loading checks their member names.
    training_config, metrics
        The resolved training config and the validation metrics.
    command
        The command line that produced the model (defaults to this process's ``sys.argv``).
    domain
        The training instances' profile ranges (:mod:`gnn.domain`), checked before the model is
        used on an instance.

    Returns
    -------
    Path
        The written file.
    """
    name = type(model).__name__
    if MODEL_CLASSES.get(name) is not type(model):
        raise ValueError(f"model class {name} is not registered with gnn.models.register_model")
    state_dict = {key: tensor.detach().cpu().clone() for key, tensor in model.state_dict().items()}
    payload = {
        "format": CHECKPOINT_FORMAT,
        "format_version": _FORMAT_VERSION,
        "model_class": name,
        "model_config": _plain(model.config),
        "state_dict": state_dict,
        "feature_schema": feature_schema(feature_enums),
        "training_config": _plain(dict(training_config or {})),
        "metrics": _plain(dict(metrics or {})),
        "versions": library_versions(),
        "command": command if command is not None else " ".join(sys.argv),
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "domain": domain.to_dict() if domain is not None else None,
    }
    return _write(path, payload)


def _write(path: str | Path, payload: dict[str, Any]) -> Path:
    """``torch.save`` through a temporary file, so that a killed run leaves no stub."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    torch.save(payload, partial)
    os.replace(partial, path)
    return path


def set_checkpoint_domain(path: str | Path, domain: ModelDomain) -> Path:
    """Record ``domain`` in an existing checkpoint, leaving weights and provenance as they are
    (for models trained before checkpoints carried their domain)."""
    load_checkpoint(path)  # refuses what is not a usable checkpoint, before rewriting it
    payload = torch.load(Path(path), map_location="cpu", weights_only=True)
    payload["domain"] = domain.to_dict()
    return _write(path, payload)


def _first_line(error: BaseException) -> str:
    """The exception's type and the first line of its message, without terminal escapes."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip()
    first = text.splitlines()[0] if text else ""
    return f"{type(error).__name__}: {first[:160]}" if first else type(error).__name__


def _current_schema(names: Iterable[str]) -> dict[str, list[str] | None]:
    schema: dict[str, list[str] | None] = {}
    for name in names:
        enum = getattr(_features, name, None)
        is_enum = isinstance(enum, type) and issubclass(enum, Enum)
        schema[name] = [member.name for member in enum] if is_enum else None
    return schema


def _read_payload(path: Path) -> dict[str, Any]:
    """The dict a checkpoint file holds, checked to be a neuralmip checkpoint of this format."""
    if not path.is_file():
        raise CheckpointError(f"{path}: no such checkpoint file")
    try:
        is_archive = zipfile.is_zipfile(path)
    except (OSError, zipfile.BadZipFile) as error:  # a damaged end record can raise here too
        raise CheckpointError(f"{path}: not a readable checkpoint ({_first_line(error)})") from None
    if not is_archive:  # torch.save writes a zip archive; a cut one has no directory
        raise CheckpointError(f"{path}: not a readable checkpoint (truncated, or not a torch file)")
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many types for damaged files; one line for all
        raise CheckpointError(
            f"{path}: not a readable checkpoint ({_first_line(error)})"
        ) from error
    if not isinstance(payload, dict) or payload.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointError(f"{path}: not a neuralmip checkpoint")
    missing = [key for key in _REQUIRED_KEYS if key not in payload]
    if missing:
        raise CheckpointError(f"{path}: checkpoint lacks {', '.join(missing)}")
    if payload["format_version"] != _FORMAT_VERSION:
        raise CheckpointError(
            f"{path}: checkpoint format version {payload['format_version']} is not supported "
            f"(this build reads {_FORMAT_VERSION})"
        )
    return payload


def _check_schema(
    path: Path, recorded: Mapping[str, list[str]], expected_schema: Mapping[str, list[str]] | None
) -> None:
    """Refuse a recorded feature schema that differs from the expected one (default: this
    build's :mod:`gnn.features`)."""
    expected = dict(expected_schema) if expected_schema is not None else _current_schema(recorded)
    for enum_name, members in recorded.items():
        current = expected.get(enum_name)
        if current is None:
            raise CheckpointError(f"{path}: feature set {enum_name} is unknown to this build")
        if list(current) != list(members):
            raise CheckpointError(
                f"{path}: feature schema {enum_name} differs from this build's "
                f"({len(members)} recorded columns vs {len(current)} now); retrain the model"
            )


def _rebuild_model(
    path: Path, payload: Mapping[str, Any], registry: Mapping[str, type[nn.Module]]
) -> nn.Module:
    """The checkpoint's model, its class looked up in ``registry``, weights loaded, in eval
    mode."""
    cls = registry.get(payload["model_class"])
    if cls is None:
        raise CheckpointError(
            f"{path}: unknown model class {payload['model_class']!r} "
            f"(known: {', '.join(sorted(registry))})"
        )
    try:
        model = cls(**payload["model_config"])
        model.load_state_dict(payload["state_dict"])
    except (TypeError, RuntimeError, ValueError) as error:
        raise CheckpointError(
            f"{path}: weights do not fit {payload['model_class']} ({_first_line(error)})"
        ) from error
    model.eval()
    return model


def load_checkpoint(
    path: str | Path,
    *,
    model_classes: Mapping[str, type[nn.Module]] | None = None,
    expected_schema: Mapping[str, list[str]] | None = None,
) -> Checkpoint:
    """Read a checkpoint written by :func:`save_checkpoint` and rebuild its model.

    Parameters
    ----------
    path
        The ``.pt`` file.
    model_classes
        Registry to look the class name up in (default :data:`gnn.models.MODEL_CLASSES`).
    expected_schema
        Feature schema the caller's observation produces (default: the Enums of the same names
        in :mod:`gnn.features` as they are now).

    Raises
    ------
    CheckpointError
        Missing, corrupt, truncated or foreign file; unknown model class; a feature schema that
        differs from the expected one; weights that do not fit the model.
    """
    path = Path(path)
    payload = _read_payload(path)
    _check_schema(path, payload["feature_schema"], expected_schema)
    registry = model_classes if model_classes is not None else MODEL_CLASSES
    model = _rebuild_model(path, payload, registry)
    domain = None
    if payload.get("domain") is not None:
        try:
            domain = ModelDomain.from_dict(payload["domain"])
        except DomainError as error:
            raise CheckpointError(f"{path}: unusable training domain ({error})") from None
    metadata = {key: value for key, value in payload.items() if key != "state_dict"}
    return Checkpoint(model=model, path=path, metadata=metadata, domain=domain)
