"""``placement link``: propose which gemeente houses each status holder, under the quotas.

One module per step, as for placement (see ``docs/link.md``):

- :mod:`~placement.link.problem`: who is linked, classes, distances (:class:`LinkProblem`);
- :mod:`~placement.link.model`: the model as arrays for HiGHS;
  :mod:`~placement.link.pyomo_model`: the same model in Pyomo, for reading;
- :mod:`~placement.link.master`: the model on a growing set of pairs, with MIR cuts;
- :mod:`~placement.link.pricing`: reduced costs of every pair of the full model;
- :mod:`~placement.link.heuristics`: the greedy links, filling up, pricing a link;
- :mod:`~placement.link.proof`: the MIP that bounds the full model;
- :mod:`~placement.link.solve`: the steps together (:func:`solve_link`);
- :mod:`~placement.link.results`: links, gemeenten, KPIs and reasons (:class:`LinkResult`);
- :mod:`~placement.link.folder`: the output folder, all or nothing, and its exports
  (:mod:`~placement.link.geo`, :mod:`~placement.link.maps`);
- :mod:`~placement.link.taakstelling`: quotas split over gemeenten by population;
- :mod:`~placement.link.run`: read, solve and report in one call (:func:`run_link`).

The package namespace stays empty so that ``placement taakstelling`` does
not load the solver.
"""
