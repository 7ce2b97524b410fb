"""``placement simulate``: the weeks ahead, with the weekly optimiser in the loop.

One module per job (see ``docs/simulation.md``):

- :mod:`~placement.simulate.settings`: ``simulation.toml`` and its published defaults;
- :mod:`~placement.simulate.inputs`: what a simulation reads beside the scenario
  (settings, taakstelling, capacity plan), for ``simulate`` and ``plan`` alike;
- :mod:`~placement.simulate.draws`: random draws keyed by purpose (common random numbers);
- :mod:`~placement.simulate.chain`: departures, track changes, arrivals;
- :mod:`~placement.simulate.week`: one week in the contract's order, linking and placement;
- :mod:`~placement.simulate.run`: replications and variants, on Dask;
- :mod:`~placement.simulate.report`: the tables and charts summed up over replications;
- :mod:`~placement.simulate.api`: read, run, write in one call (:func:`simulate`).
"""
