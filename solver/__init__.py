"""What SCIP sees: SCIP settings and seeding, the learned plugins and the ``solve`` command."""

__all__: list[str] = []
