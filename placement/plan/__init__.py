"""``placement plan``: which candidate sites to open, and from which week (see ``docs/plan.md``).

One module per step:

- :mod:`~placement.plan.futures`: the chain's futures without the placement, and their
  demand per week, track and group (``demand.csv``);
- :mod:`~placement.plan.problem`: beds per week and type, provinces, candidates and demand
  as arrays (:class:`PlanProblem`);
- :mod:`~placement.plan.model`: the two-stage stochastic MIP as arrays for HiGHS;
  :mod:`~placement.plan.pyomo_model`: the same model in Pyomo, for reading;
- :mod:`~placement.plan.solve`: HiGHS, the bound and the gap; the second stage of a
  given plan (what a candidate saves, for the reasons);
- :mod:`~placement.plan.results`: ``plan.csv`` with a reason per candidate, the KPIs;
- :mod:`~placement.plan.evaluate`: the plan simulated with the weekly placement in the
  loop on new futures, against ``none``, ``mean`` and ``all``;
- :mod:`~placement.plan.folder`: the output folder, all or nothing, with ``scenario/``;
- :mod:`~placement.plan.api`: read, run and write in one call (:func:`run_plan`).
"""
