import pyscipopt
import pytest
from pyscipopt import SCIP_EVENTTYPE

from instances.generators import SetCover
from solver.trajectory import attach_bound_trajectory


class _SolutionLog(pyscipopt.Eventhdlr):
    """Independent record: every solution SCIP reports as a new best, read from the event."""

    def __init__(self) -> None:
        super().__init__()
        self.objectives: list[float] = []

    def eventinit(self) -> None:
        self.model.catchEvent(SCIP_EVENTTYPE.BESTSOLFOUND, self)

    def eventexec(self, event: pyscipopt.scip.Event) -> dict:
        self.objectives.append(self.model.getSolObjVal(self.model.getBestSol()))
        return {}


def test_each_incumbent_is_recorded_when_found_not_one_improvement_late():
    model = SetCover(n_rows=120, n_cols=240, density=0.08).generate(3)
    model.hideOutput()
    recorder = attach_bound_trajectory(model)
    log = _SolutionLog()
    model.includeEventhdlr(log, "solutionlog", "test log")
    model.optimize()
    assert len(log.objectives) >= 2  # the instance needs several incumbents to tell
    primal = recorder.trajectory(final=False).primal
    # Without the final bounds appended, the recorded values are exactly the incumbents as
    # they were found; a stale read would lag one behind and miss the last.
    assert [value for _, value in primal] == pytest.approx(log.objectives)
    assert primal[-1][1] == pytest.approx(model.getObjVal())
    assert [time for time, _ in primal] == sorted(time for time, _ in primal)
