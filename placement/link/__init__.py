"""``placement link``: propose which gemeente houses each status holder, under the quotas.

One module per step, as for placement (see ``docs/link.md``):

- :mod:`~placement.link.problem`: who is linked, classes, distances (:class:`LinkProblem`);
- :mod:`~placement.link.model`: the Pyomo model and the same model as arrays;
- :mod:`~placement.link.solve`: HiGHS on a priced candidate set, exact for the full model;
- :mod:`~placement.link.results`: links, gemeenten, KPIs and reasons (:class:`LinkResult`);
- :mod:`~placement.link.folder`: the output folder, all or nothing, and its exports;
- :mod:`~placement.link.taakstelling`: quotas split over gemeenten by population;
- :mod:`~placement.link.run`: read, solve and report in one call (:func:`run_link`).

The package namespace stays empty so that ``placement taakstelling`` does
not load the solver.
"""
