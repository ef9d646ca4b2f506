"""Writing model sets: trained checkpoints and their settings into a set's folder.

A model set (:mod:`solver.modelset`) is what ``solve --learned --model SET`` and
``include_learned_plugins(model, model_path=SET)`` read. ``neuralmip fit`` writes whole sets;
:func:`pack_model_set` (``neuralmip pack``) makes or edits one from checkpoints trained by
hand: it copies each checkpoint in (``branching.pt`` / ``diving.pt`` with its ``.json``
record), merges the SCIP parameters and component settings given into the set's, checks them
all as a solve would, and rewrites the manifest with the set's provenance.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solver.modelset import (
    MANIFEST_NAME,
    Component,
    LearnedModelError,
    ModelSet,
    checkpoint_component,
    place_checkpoint,
    read_model_set,
    write_manifest,
)

__all__ = ["MANIFEST_HEADER", "PackRequest", "pack_model_set", "set_provenance"]

#: The comment at the top of a manifest this module writes (``{name}``: the set's name).
MANIFEST_HEADER = """neuralmip model set {name!r} (format: solver/modelset.py).
scip_params: the SCIP parameters the set runs under; empty: SCIP's defaults.
[branching.settings]: solver.branching.BranchingRuleConfig fields; [diving.settings]:
solver.diving.NeuralDivingConfig fields; empty: their defaults.
enabled / why: whether the set uses the component, and the measurement that decided it."""


def set_provenance(command: str, **extra: Any) -> dict[str, Any]:
    """Where a set comes from: the ``command`` that wrote it, ``extra`` entries (e.g. the fit's
    seed), when, the commit and the library versions."""
    from experiments.bench.runner import environment_info

    environment = environment_info()
    return {
        "command": command,
        **extra,
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "commit": environment["git_commit"],
        "python": environment["python"],
        "scip": environment["scip"],
        "versions": dict(environment["versions"]),
    }


@dataclass(frozen=True)
class PackRequest:
    """What to put into a model set; everything not given keeps the set's present value.

    Attributes
    ----------
    checkpoints
        Component kind (``"branching"``, ``"diving"``) to the checkpoint to copy in; it
        replaces the component's checkpoint and keeps its settings, ``enabled`` and ``why``.
    scip_params
        SCIP parameters merged into the set's.
    settings
        Component kind to settings merged into the component's (fields of
        ``BranchingRuleConfig`` / ``NeuralDivingConfig``).
    enabled
        Component kind to whether the set uses it.
    why
        Component kind to the reason recorded for that choice.
    name
        The set's name (default: the present one, else the folder's name).
    """

    checkpoints: Mapping[str, Path] = field(default_factory=dict)
    scip_params: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    enabled: Mapping[str, bool] = field(default_factory=dict)
    why: Mapping[str, str] = field(default_factory=dict)
    name: str | None = None


def pack_model_set(folder: Path, request: PackRequest, command: str) -> Path:
    """Make or edit the model set in ``folder`` as ``request`` says; the written manifest.

    A new set needs at least one checkpoint. Each checkpoint must record its training domain
    (``neuralmip train`` records it; ``neuralmip domain`` adds one), since the domain decides
    which instances the set applies to. The SCIP parameters and each component's settings are
    checked as a solve would check them before anything is written.

    Raises
    ------
    LearnedModelError
        On an unreadable set or checkpoint, a checkpoint of the wrong kind or without a domain,
        a setting or ``enabled`` / ``why`` for a component the set does not hold, an unknown
        setting or SCIP parameter: one clear line, with the set unchanged.
    """
    present = _present_set(folder, request)
    for kind, source in request.checkpoints.items():
        _check_checkpoint(source, kind)
    named = {*request.settings, *request.enabled, *request.why}
    held = {c.kind for c in present.components()} | set(request.checkpoints)
    if missing := sorted(named - held):
        raise LearnedModelError(
            f"{folder}: holds no {' or '.join(missing)} model; give its checkpoint with "
            f"--{missing[0]} CKPT"
        )
    scip_params = {**present.scip_params, **request.scip_params}
    _check_scip_params(scip_params)
    settings = {
        kind: {**_present_settings(present, kind), **request.settings.get(kind, {})}
        for kind in held
    }
    _check_settings(present.name if request.name is None else request.name, settings)
    components = {kind: _component(folder, present, request, settings, kind) for kind in held}
    model_set = ModelSet(
        name=request.name or present.name,
        scip_params=scip_params,
        provenance=set_provenance(command),
        **components,
    )
    return write_manifest(folder, model_set, header=MANIFEST_HEADER.format(name=model_set.name))


def _present_set(folder: Path, request: PackRequest) -> ModelSet:
    """The set in ``folder`` now (an empty one named after the folder when it holds none)."""
    if folder.exists() and not folder.is_dir():
        raise LearnedModelError(f"{folder}: is a file, not a model set folder")
    if (folder / MANIFEST_NAME).is_file():
        return read_model_set(folder)
    if not request.checkpoints:
        raise LearnedModelError(
            f"{folder}: holds no model set ({MANIFEST_NAME}); give a checkpoint with "
            "--branching CKPT or --diving CKPT to make one"
        )
    return ModelSet(name=folder.resolve().name)


def _check_checkpoint(source: Path, kind: str) -> None:
    """Raise when ``source`` is missing, of another kind, or records no training domain."""
    if not source.is_file():
        raise LearnedModelError(f"{source}: no such checkpoint")
    if checkpoint_component(source, kind).domain is None:
        raise LearnedModelError(
            f"{source}: records no training domain; record it with `neuralmip domain {source} "
            "--instances TRAINING_INSTANCES` (it decides which instances the set applies to)"
        )


def _present_settings(present: ModelSet, kind: str) -> Mapping[str, Any]:
    component = present.component(kind)
    return component.settings if component is not None else {}


def _check_scip_params(params: Mapping[str, Any]) -> None:
    from solver.settings import ScipParamError, check_scip_params

    try:
        check_scip_params(params)
    except ScipParamError as error:
        raise LearnedModelError(str(error)) from None


def _check_settings(name: str, settings: Mapping[str, Mapping[str, Any]]) -> None:
    """Build each component's plugin config from its settings, as a solve does."""
    from solver.plugins import learned_config

    for kind, values in settings.items():
        learned_config(kind, values, name)


def _component(
    folder: Path,
    present: ModelSet,
    request: PackRequest,
    settings: Mapping[str, Mapping[str, Any]],
    kind: str,
) -> Component:
    """The component ``kind`` of the packed set: the new checkpoint copied in, or the set's."""
    before = present.component(kind)
    if kind in request.checkpoints:
        component = place_checkpoint(request.checkpoints[kind], folder, kind)
        if before is not None:
            component = dataclasses.replace(component, enabled=before.enabled, why=before.why)
    else:
        assert before is not None
        component = before
    return dataclasses.replace(
        component,
        enabled=request.enabled.get(kind, component.enabled),
        why=request.why.get(kind, component.why),
        settings=dict(settings[kind]),
    )
