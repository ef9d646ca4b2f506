"""Pipeline stages around the solver: generate, collect, train, benchmark, report.

``experiments`` drives :mod:`instances`, :mod:`gnn` and :mod:`solver`; none of them imports it.
"""

__all__: list[str] = []
