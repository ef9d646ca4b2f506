"""One entry point that adds neuralmip's learned plugins to a ``pyscipopt.Model``.

The package ships one set of models per generated class (``solver/models/branching-CLASS-*.pt``
and ``diving-CLASS.pt``, described in ``solver/models/README.md`` and ``DIVING.md``). A set is
chosen by name (``setcover``, ``cauctions``, ...), by a folder holding such files, or by one
checkpoint file (which then drives only the component it was trained for). Every checkpoint is
loaded and checked before anything is added to the model, so a bad model file is an error at
load time, never in the middle of a solve.

torch is imported only when learned plugins are included, so ``import solver`` stays fast.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyscipopt

if TYPE_CHECKING:
    from gnn.policy import BranchingPolicy
    from gnn.serving import Scorer
    from solver.branching import BranchingRuleConfig, LearnedBranching
    from solver.diving import DivingPredictor, NeuralDiving, NeuralDivingConfig

__all__ = [
    "DEFAULT_MODEL_SET",
    "SHIPPED_MODELS_DIR",
    "LearnedModelError",
    "LearnedPlugins",
    "ModelSet",
    "include_learned_plugins",
    "load_model_set",
    "resolve_model_set",
    "shipped_model_sets",
]

#: Where the package's pretrained models live (trained by this repo's pipeline).
SHIPPED_MODELS_DIR = Path(__file__).resolve().parent / "models"

#: The shipped set used when no model is named (the class of the shipped example instance).
DEFAULT_MODEL_SET = "setcover"

_BRANCHING_FILE = re.compile(r"^branching-(?P<name>[a-z0-9]+)(?:-[a-z0-9-]+)?\.pt$")
_DIVING_FILE = re.compile(r"^diving-(?P<name>[a-z0-9]+)\.pt$")


class LearnedModelError(ValueError):
    """A learned model is missing, unreadable or incompatible; ``str()`` is one clear line."""


@dataclass(frozen=True)
class ModelSet:
    """The checkpoints one learned solve uses.

    Attributes
    ----------
    name
        The set's name (a class name for shipped sets, else the path given).
    branching
        Checkpoint of the branching policy, or None to leave SCIP's branching alone.
    diving
        Checkpoint of the diving model, or None to leave the diving heuristic out.
    """

    name: str
    branching: Path | None
    diving: Path | None


@dataclass(frozen=True)
class LearnedPlugins:
    """What :func:`include_learned_plugins` added (read the counters after the solve)."""

    branching: LearnedBranching | None
    diving: NeuralDiving | None


def _model_sets_in(folder: Path) -> dict[str, ModelSet]:
    """Group ``branching-NAME*.pt`` and ``diving-NAME.pt`` files of ``folder`` by NAME."""
    branching: dict[str, Path] = {}
    diving: dict[str, Path] = {}
    for path in sorted(folder.glob("*.pt")):
        if match := _BRANCHING_FILE.match(path.name):
            branching.setdefault(match["name"], path)
        elif match := _DIVING_FILE.match(path.name):
            diving[match["name"]] = path
    return {
        name: ModelSet(name, branching.get(name), diving.get(name))
        for name in sorted(branching.keys() | diving.keys())
    }


def shipped_model_sets() -> dict[str, ModelSet]:
    """The model sets shipped in the package, by name."""
    if not SHIPPED_MODELS_DIR.is_dir():
        return {}
    return _model_sets_in(SHIPPED_MODELS_DIR)


def _checkpoint_kind(path: Path) -> str:
    """``"diving"`` or ``"branching"``, from the model class a checkpoint holds."""
    from gnn.diving import DivingGNN

    return "diving" if isinstance(_load_module(path), DivingGNN) else "branching"


def resolve_model_set(spec: str | Path | None = None) -> ModelSet:
    """Find the checkpoints that ``spec`` names.

    Parameters
    ----------
    spec
        None for the default shipped set; the name of a shipped set; a folder holding
        ``branching-NAME*.pt`` / ``diving-NAME.pt`` files (it must hold one set); or one
        checkpoint file.

    Raises
    ------
    LearnedModelError
        When nothing usable is found, or the file is not a readable checkpoint.
    """
    shipped = shipped_model_sets()
    name = DEFAULT_MODEL_SET if spec is None else str(spec)
    if name in shipped and not Path(name).exists():
        return shipped[name]
    path = Path(name)
    if path.is_dir():
        sets = _model_sets_in(path)
        if len(sets) != 1:
            found = ", ".join(sets) or "none"
            raise LearnedModelError(
                f"{path}: expected one set of branching-NAME*.pt / diving-NAME.pt checkpoints, "
                f"found {found}"
            )
        return next(iter(sets.values()))
    if path.is_file():
        kind = _checkpoint_kind(path)
        return ModelSet(str(path), path if kind == "branching" else None,
                        path if kind == "diving" else None)
    available = ", ".join(shipped) or "none are shipped"
    raise LearnedModelError(
        f"{name}: no such model file, folder or shipped model set (shipped: {available}); "
        "train one with `neuralmip collect` and `neuralmip train`, then pass it with --model PATH"
    )


def load_model_set(spec: str | Path | None = None) -> ModelSet:
    """Resolve ``spec`` (see :func:`resolve_model_set`) and load its checkpoints now.

    Loaded networks are cached, so the solves that follow (several workers of a race, say)
    start without reading the files again, and a bad file is reported before any solve starts.

    Raises
    ------
    LearnedModelError
        When nothing usable is found, or a checkpoint cannot be loaded.
    """
    models = resolve_model_set(spec)
    for path in (models.branching, models.diving):
        if path is not None:
            _load_module(path)
    return models


@functools.lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int, size: int) -> Any:
    import gnn.diving  # noqa: F401  (registers the diving model class with the loader)
    from gnn.checkpoint import load_checkpoint

    return load_checkpoint(path).model


def _load_module(path: Path) -> Any:
    """Load a checkpoint's network once per file version; one clear error line otherwise.

    The network is shared between solves (it is only read); the policy objects that wrap it
    hold per-solve state and are made anew for each model.
    """
    from gnn.checkpoint import CheckpointError

    try:
        stat = path.stat()
        return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except CheckpointError as error:
        raise LearnedModelError(str(error)) from None
    except OSError as error:
        raise LearnedModelError(f"{path}: cannot read the model ({error.strerror})") from None


def _branching_policy(path: Path, server: Scorer | None = None) -> BranchingPolicy:
    from gnn.diving import DivingGNN
    from gnn.policy import policy_for_model

    network = _load_module(path)
    if isinstance(network, DivingGNN):
        raise LearnedModelError(f"{path}: holds a diving model, not a branching model")
    if server is not None:
        from gnn.serving import served_branching_policy

        return served_branching_policy(network, server)
    return policy_for_model(network)


def _diving_policy(path: Path) -> DivingPredictor:
    from gnn.diving import DivingGNN, DivingPolicy

    network = _load_module(path)
    if not isinstance(network, DivingGNN):
        raise LearnedModelError(
            f"{path}: holds a {type(network).__name__}, not a diving model"
        )
    return DivingPolicy(network)


def include_learned_plugins(
    model: pyscipopt.Model,
    *,
    branching: bool = True,
    diving: bool = True,
    model_path: str | Path | None = None,
    branching_policy: BranchingPolicy | None = None,
    diving_policy: DivingPredictor | None = None,
    branching_config: BranchingRuleConfig | None = None,
    diving_config: NeuralDivingConfig | None = None,
    branching_server: Scorer | None = None,
    torch_threads: int | None = 1,
) -> LearnedPlugins:
    """Include the learned branching rule and the neural diving heuristic in ``model``.

    Parameters
    ----------
    model
        The model to extend, with its problem built and before ``optimize()``.
    branching, diving
        Which learned components to include; ``branching=False`` leaves SCIP's branching alone.
    model_path
        A shipped set's name, a folder, or a checkpoint file (see :func:`resolve_model_set`);
        None uses the default shipped set, :data:`DEFAULT_MODEL_SET`.
    branching_policy, diving_policy
        Policy objects to use instead of loading checkpoints (e.g. a client of a batching
        inference server, or a model of your own).
    branching_config, diving_config
        Settings of the branching rule and the diving heuristic (defaults otherwise).
    branching_server
        A client of a batching inference server that holds this model set's branching network
        as :func:`gnn.serving.servable_module` made it (see
        :class:`gnn.serving.ServableCheckpoint`): the branching policy then runs its network
        there (the hybrid: its encoder) and falls back to this process when the server fails.
        The caller closes the client after the solve. Ignored with ``branching_policy``.
    torch_threads
        ``torch.set_num_threads`` for this process (None: leave it). The default, 1, is what
        pays: the networks score one small graph at a time on the solver's own thread, where
        intra-op threads gain nothing, and their idle spinning takes the cores that SCIP and
        any other solver processes run on (on a loaded 2-core machine: a median 12.3 ms instead
        of 0.7 ms per node with 2 threads; ``solver/models/README.md``).

    Returns
    -------
    LearnedPlugins
        The included rule and heuristic (None where not included).

    Raises
    ------
    LearnedModelError
        When a needed model is missing or unusable; nothing is added to ``model`` then.
    """
    if torch_threads is not None and torch_threads < 1:
        raise ValueError(f"torch_threads must be >= 1 or None, got {torch_threads}")
    need_branching = branching and branching_policy is None
    need_diving = diving and diving_policy is None
    if need_branching or need_diving:
        models = resolve_model_set(model_path)
        if need_branching and models.branching is not None:
            branching_policy = _branching_policy(models.branching, branching_server)
        if need_diving and models.diving is not None:
            diving_policy = _diving_policy(models.diving)
        if (branching and branching_policy is None) and (diving and diving_policy is None):
            raise LearnedModelError(f"{models.name}: holds no model for the requested components")

    from solver.branching import include_learned_branching
    from solver.diving import include_neural_diving

    if torch_threads is not None:
        import torch

        torch.set_num_threads(torch_threads)

    rule = None
    heuristic = None
    if branching and branching_policy is not None:
        rule = include_learned_branching(model, branching_policy, config=branching_config)
    if diving and diving_policy is not None:
        heuristic = include_neural_diving(model, diving_policy, config=diving_config)
    return LearnedPlugins(branching=rule, diving=heuristic)
