"""One entry point that adds neuralmip's learned plugins to a ``pyscipopt.Model``.

The package ships one set of models per generated class (``solver/models/branching-CLASS-*.pt``
and ``diving-CLASS.pt``, described in ``solver/models/README.md`` and ``DIVING.md``). A set is
chosen by name (``setcover``, ``cauctions``, ...), by a folder holding such files, or by one
checkpoint file (which then drives only the component it was trained for). Every checkpoint is
loaded and checked before anything is added to the model, so a bad model file is an error at
load time, never in the middle of a solve.

Each checkpoint records its training domain (:mod:`gnn.domain`): the range of structural
profiles (:mod:`instances.profile`) of the instances it learned from. A model is only included
on an instance inside that domain; outside it, SCIP's own branching or heuristics decide and
:attr:`LearnedPlugins.declined` says why. With no model named, the shipped set whose domain
admits the instance is chosen (set cover instances get the set cover models, and so on); an
instance unlike every shipped class is solved by SCIP alone. Learned decisions on a foreign
structure are not wrong, only slow: the set cover policy made MIPLIB's neos-911880 take over
600 s instead of 8 (``solver/models/README.md``).

torch is imported only when learned plugins are included, so ``import solver`` stays fast.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyscipopt

if TYPE_CHECKING:
    import numpy as np

    from gnn.checkpoint import Checkpoint
    from gnn.policy import BranchingPolicy
    from gnn.serving import Scorer
    from solver.branching import BranchingRuleConfig, LearnedBranching
    from solver.diving import DivingPredictor, NeuralDiving, NeuralDivingConfig

__all__ = [
    "DEFAULT_MODEL_SET",
    "SHIPPED_MODELS_DIR",
    "SHIPPED_DIVING_FILE",
    "SHIPPED_RULES_FILE",
    "LearnedModelError",
    "LearnedPlugins",
    "ModelSet",
    "describe_learned",
    "include_learned_plugins",
    "load_model_set",
    "match_model_set",
    "plan_model_set",
    "resolve_model_set",
    "shipped_diving_config",
    "shipped_model_sets",
    "shipped_rule_config",
]

#: Where the package's pretrained models live (trained by this repo's pipeline).
SHIPPED_MODELS_DIR = Path(__file__).resolve().parent / "models"

#: Branching rule settings per shipped set (:class:`solver.branching.BranchingRuleConfig` fields),
#: chosen on validation instances; the file says how.
SHIPPED_RULES_FILE = SHIPPED_MODELS_DIR / "rules.toml"

#: Diving heuristic settings per shipped set (:class:`solver.diving.NeuralDivingConfig`
#: fields), chosen on validation instances; the file says how.
SHIPPED_DIVING_FILE = SHIPPED_MODELS_DIR / "diving.toml"

#: The shipped set :func:`resolve_model_set` gives when no model is named and there is no
#: instance to match (the class of the shipped example instance).
DEFAULT_MODEL_SET = "setcover"

logger = logging.getLogger(__name__)

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
    model_set: str | None = None
    """The model set the components came from (None: none was used)."""
    declined: dict[str, str] = field(default_factory=dict)
    """Why a requested component was left out, by component (``"branching"``, ``"diving"``):
    its model was trained on instances unlike this one."""

    def describe(self) -> str:
        """One line: which learned components run, from which set, and what was declined."""
        used = [name for name in ("branching", "diving") if getattr(self, name) is not None]
        return describe_learned(self.model_set, used, self.declined)


def describe_learned(model_set: str | None, used: list[str], declined: dict[str, str]) -> str:
    """One line: the learned components ``used`` from ``model_set``, and why others were not."""
    parts = [f"{model_set}: {', '.join(used)}"] if used else ["none"]
    parts += [f"{name} declined: {reason}" for name, reason in declined.items()]
    return "; ".join(parts)


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


def shipped_rule_config(models: ModelSet) -> BranchingRuleConfig:
    """The branching rule settings :data:`SHIPPED_RULES_FILE` gives a shipped set (defaults for
    other sets, and for a shipped set it does not name)."""
    from solver.branching import BranchingRuleConfig

    return BranchingRuleConfig(**_shipped_settings(SHIPPED_RULES_FILE, models))


def shipped_diving_config(models: ModelSet) -> NeuralDivingConfig:
    """The diving settings :data:`SHIPPED_DIVING_FILE` gives a shipped set (defaults for other
    sets, and for a shipped set it does not name)."""
    from solver.diving import NeuralDivingConfig

    return NeuralDivingConfig(**_shipped_settings(SHIPPED_DIVING_FILE, models))


def _shipped_settings(path: Path, models: ModelSet) -> dict[str, Any]:
    """The table ``path`` gives ``models``, if it is a shipped set (else none)."""
    if shipped_model_sets().get(models.name) != models:
        return {}
    return _read_shipped_toml(path).get(models.name, {})


@functools.lru_cache(maxsize=4)
def _read_shipped_toml(path: Path) -> dict[str, dict[str, Any]]:
    """A settings file of the shipped sets, read once per process (it ships with the package)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


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
        return ModelSet(
            str(path), path if kind == "branching" else None, path if kind == "diving" else None
        )
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
def _load_cached(path: str, mtime_ns: int, size: int) -> Checkpoint:
    import gnn.diving  # noqa: F401  (registers the diving model class with the loader)
    from gnn.checkpoint import load_checkpoint

    return load_checkpoint(path)


def _load_checkpoint(path: Path) -> Checkpoint:
    """Load a checkpoint once per file version; one clear error line otherwise.

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


def _load_module(path: Path) -> Any:
    """The network of the checkpoint at ``path`` (see :func:`_load_checkpoint`)."""
    return _load_checkpoint(path).model


def _domain_violations(path: Path, profile: np.ndarray) -> list[str]:
    """How the profiled instance lies outside the training domain of the model at ``path``
    (empty: inside, or the checkpoint records no domain)."""
    domain = _load_checkpoint(path).domain
    return [] if domain is None else domain.violations(profile)


def _profile(model: pyscipopt.Model) -> tuple[np.ndarray | None, str]:
    """The instance's profile, or None and why it could not be computed (then no model is used:
    a learned plugin may cost time, never the solve)."""
    from instances.profile import instance_profile

    try:
        return instance_profile(model), ""
    except Exception as error:  # an odd model must not stop a solve that SCIP can run
        return None, f"the instance could not be profiled ({type(error).__name__}: {error})"


def match_model_set(model: pyscipopt.Model) -> tuple[ModelSet | None, str]:
    """The shipped set trained on instances like ``model``'s, or None and why there is none.

    A set matches when the training domains of all its checkpoints admit the instance's profile;
    of several, the one nearest to its training ranges wins (ties: by name).
    """
    profile, reason = _profile(model)
    if profile is None:
        return None, reason
    shipped = shipped_model_sets()
    ranked = []
    for name, models in shipped.items():
        paths = [path for path in (models.branching, models.diving) if path is not None]
        domains = [_load_checkpoint(path).domain for path in paths]
        if any(domain is None for domain in domains):
            continue  # without a recorded domain a set cannot be matched, only named
        if all(domain.admits(profile) for domain in domains):
            ranked.append((max(domain.distance(profile) for domain in domains), name))
    if ranked:
        return shipped[min(ranked)[1]], ""
    return None, "no shipped model was trained on instances like this one"


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
        raise LearnedModelError(f"{path}: holds a {type(network).__name__}, not a diving model")
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
    check_domain: bool = True,
    branching_overrides: Mapping[str, Any] | None = None,
    diving_overrides: Mapping[str, Any] | None = None,
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
        None picks the shipped set trained on instances like this one (:func:`match_model_set`),
        and includes nothing when no shipped set is (with ``check_domain=False``:
        :data:`DEFAULT_MODEL_SET`).
    branching_policy, diving_policy
        Policy objects to use instead of loading checkpoints (e.g. a client of a batching
        inference server, or a model of your own).
    branching_config, diving_config
        Settings of the branching rule and the diving heuristic (defaults otherwise; a shipped
        set's take theirs from :data:`SHIPPED_RULES_FILE` and :data:`SHIPPED_DIVING_FILE`).
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
    check_domain
        Leave out a loaded model whose training domain does not admit this instance (see
        :mod:`gnn.domain`); False uses it anyway. Policy objects given directly are not checked.
    branching_overrides
        Fields of :class:`solver.branching.BranchingRuleConfig` set on top of the rule's
        settings (``branching_config``, or the shipped set's), e.g. ``{"shortlist_size": 4}``.
    diving_overrides
        Fields of :class:`solver.diving.NeuralDivingConfig` set on top of the heuristic's
        settings (``diving_config``, or the shipped set's), e.g. ``{"coverages": (0.9, 0.7)}``.

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
    declined: dict[str, str] = {}
    model_set = None
    if need_branching or need_diving:
        models, declined = plan_model_set(
            model,
            model_path,
            branching=need_branching,
            diving=need_diving,
            check_domain=check_domain,
        )
        if models is not None:
            model_set = models.name
            if need_branching and models.branching is not None and "branching" not in declined:
                branching_policy = _branching_policy(models.branching, branching_server)
                if branching_config is None:
                    branching_config = shipped_rule_config(models)
            if need_diving and models.diving is not None and "diving" not in declined:
                diving_policy = _diving_policy(models.diving)
                if diving_config is None:
                    diving_config = shipped_diving_config(models)
            unused = (branching and branching_policy is None) and (diving and diving_policy is None)
            if unused and not declined:
                raise LearnedModelError(
                    f"{models.name}: holds no model for the requested components"
                )
        for name, reason in declined.items():
            logger.warning(
                "neuralmip: learned %s left out (SCIP's own plugins decide): %s", name, reason
            )

    from solver.branching import include_learned_branching
    from solver.diving import include_neural_diving

    if torch_threads is not None:
        import torch

        torch.set_num_threads(torch_threads)

    rule = None
    heuristic = None
    if branching and branching_policy is not None:
        if branching_overrides:
            from solver.branching import BranchingRuleConfig

            branching_config = dataclasses.replace(
                branching_config or BranchingRuleConfig(), **branching_overrides
            )
        rule = include_learned_branching(model, branching_policy, config=branching_config)
    if diving and diving_policy is not None:
        if diving_overrides:
            from solver.diving import NeuralDivingConfig

            diving_config = dataclasses.replace(
                diving_config or NeuralDivingConfig(), **diving_overrides
            )
        heuristic = include_neural_diving(model, diving_policy, config=diving_config)
    if rule is None and heuristic is None:
        model_set = None
    return LearnedPlugins(branching=rule, diving=heuristic, model_set=model_set, declined=declined)


def plan_model_set(
    model: pyscipopt.Model,
    model_path: str | Path | None = None,
    *,
    branching: bool = True,
    diving: bool = True,
    check_domain: bool = True,
) -> tuple[ModelSet | None, dict[str, str]]:
    """The model set :func:`include_learned_plugins` would use on ``model``, and why each
    requested component it would leave out is left out (by component name).

    Raises
    ------
    LearnedModelError
        When ``model_path`` names nothing usable.
    """
    if model_path is None and check_domain:
        models, reason = match_model_set(model)
        if models is not None:
            return models, {}  # matched: every checkpoint of the set admits the instance
        wanted = (("branching", branching), ("diving", diving))
        return None, {name: reason for name, needed in wanted if needed}
    models = resolve_model_set(model_path)
    return models, _out_of_domain(model, models, branching, diving, check_domain)


def _out_of_domain(
    model: pyscipopt.Model, models: ModelSet, branching: bool, diving: bool, check: bool
) -> dict[str, str]:
    """Why each needed checkpoint of ``models`` may not be used on ``model`` (by component)."""
    if not check:
        return {}
    wanted = [(name, path) for name, needed, path in (
        ("branching", branching, models.branching), ("diving", diving, models.diving)
    ) if needed and path is not None]  # fmt: skip
    if not wanted:
        return {}
    profile, reason = _profile(model)
    if profile is None:
        return {name: reason for name, _ in wanted}
    declined = {}
    for name, path in wanted:
        violations = _domain_violations(path, profile)
        if violations:
            declined[name] = (
                f"{path.name} was trained on instances unlike this one ({'; '.join(violations[:3])})"
            )
    return declined
